using Gatekeeper.Domain.Catalogue;

namespace Gatekeeper.Ingest.Storage;

/// <summary>A column of an analysis table as the dataset catalogue lists it.</summary>
public sealed record CatalogueVariable(string Name, string Label, string LabelJa, string DataType, VariableSensitivity Sensitivity, string? Treatment);
