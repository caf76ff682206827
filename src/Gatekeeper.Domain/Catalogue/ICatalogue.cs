namespace Gatekeeper.Domain.Catalogue;

/// <summary>Read access to the dataset catalogue, as rules need it.</summary>
public interface ICatalogue
{
    Dataset? Find(string datasetId);
}
