using Gatekeeper.Ingest.Exchange;
using Gatekeeper.Ingest.Pseudonymisation;

namespace Gatekeeper.Ingest.Storage;

/// <summary>The catalogue variables of a record schema's analysis table, with how each was treated at import.</summary>
public static class CatalogueVariables
{
    public static IReadOnlyList<CatalogueVariable> For(RecordSchema schema, CoarseningPolicy coarsening) =>
    [
        .. schema.StoredFields
            .Where(f => f.Name != schema.UpdateTimeColumn)
            .Select(f => new CatalogueVariable(f.Name, f.Label, f.LabelJa, f.CatalogueType, f.Sensitivity, f.Transform switch
            {
                FieldTransform.PseudonymisePerson or FieldTransform.PseudonymiseDevice => "HMAC-SHA-256 pseudonym under the dataset key",
                FieldTransform.CoarsenBirth => "coarsened: " + coarsening.DescribeBirth(),
                FieldTransform.CoarsenResidence => "coarsened: " + coarsening.DescribeResidence(),
                _ => null,
            })),
    ];
}
