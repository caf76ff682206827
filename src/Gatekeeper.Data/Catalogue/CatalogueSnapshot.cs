using Gatekeeper.Domain.Catalogue;

namespace Gatekeeper.Data.Catalogue;

/// <summary>An in-memory view of the catalogue for validating one request.</summary>
public sealed class CatalogueSnapshot(IEnumerable<Dataset> datasets) : ICatalogue
{
    private readonly Dictionary<string, Dataset> _byId = datasets.ToDictionary(d => d.Id, StringComparer.Ordinal);

    public Dataset? Find(string datasetId) => _byId.GetValueOrDefault(datasetId);
}
