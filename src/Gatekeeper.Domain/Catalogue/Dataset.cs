namespace Gatekeeper.Domain.Catalogue;

/// <summary>A dataset in the catalogue: what a holder provides and which variables it has.</summary>
public sealed class Dataset
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    public string? NameJa { get; set; }

    public required string Description { get; set; }

    public string? DescriptionJa { get; set; }

    public required string Holder { get; set; }

    /// <summary>Which column of every table identifies the person (the unit of disclosure counting).</summary>
    public required string UnitIdVariable { get; set; }

    public List<DatasetVariable> Variables { get; set; } = [];

    public DatasetVariable? FindVariable(string table, string name) =>
        Variables.FirstOrDefault(v => string.Equals(v.Table, table, StringComparison.Ordinal)
                                   && string.Equals(v.Name, name, StringComparison.Ordinal));

    public IEnumerable<string> Tables => Variables.Select(v => v.Table).Distinct(StringComparer.Ordinal);
}
