namespace Gatekeeper.Domain.Catalogue;

/// <summary>A variable of a catalogue table, as researchers may request it.</summary>
public sealed record DatasetVariable
{
    public required string Table { get; init; }

    public required string Name { get; init; }

    public required string Label { get; init; }

    public string? LabelJa { get; init; }

    /// <summary>Logical type: integer, decimal, text, date, datetime, code.</summary>
    public required string DataType { get; init; }

    public required VariableSensitivity Sensitivity { get; init; }

    public string? Description { get; init; }

    /// <summary>Marks special categories that raise review risk (e.g. genomic, mental-health).</summary>
    public string? SpecialCategory { get; init; }

    public string QualifiedName => $"{Table}.{Name}";
}
