using Gatekeeper.Domain.Catalogue;

namespace Gatekeeper.Ingest.Exchange;

/// <summary>One physical field of an exchange-format record: how it is written, validated and stored.</summary>
public sealed record FieldSpec
{
    /// <summary>Physical name, used as the CSV header and (when stored) as the analysis column.</summary>
    public required string Name { get; init; }

    public required FieldKind Kind { get; init; }

    /// <summary>● in the format: the field must be present on every row; ▲ fields may be empty.</summary>
    public required bool Required { get; init; }

    /// <summary>Characters for text, digits for integers, integer digits for decimals.</summary>
    public int MaxLength { get; init; }

    public int FractionDigits { get; init; }

    /// <summary>Allowed values of a <see cref="FieldKind.Code"/> field.</summary>
    public IReadOnlyList<string> Codes { get; init; } = [];

    /// <summary>Plausibility bounds for numbers, in the field's own unit (e.g. 20.0 kg).</summary>
    public decimal? Min { get; init; }

    public decimal? Max { get; init; }

    public FieldTransform Transform { get; init; }

    /// <summary>False for fields checked but not kept (the consortium of an observation is on the participants list).</summary>
    public bool Stored { get; init; } = true;

    public string Label { get; init; } = "";

    public string LabelJa { get; init; } = "";

    /// <summary>Catalogue type: integer, decimal, text, date, datetime, code.</summary>
    public string CatalogueType { get; init; } = "text";

    public VariableSensitivity Sensitivity { get; init; } = VariableSensitivity.Other;

    /// <summary>True when the stored value is a string (text, codes, pseudonyms, coarsened values).</summary>
    public bool IsStringValued => Kind is FieldKind.Text or FieldKind.Code or FieldKind.YearMonth6 or FieldKind.Residence;
}
