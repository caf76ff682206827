namespace Gatekeeper.Ingest.Exchange;

/// <summary>A record type of the exchange format and the analysis table it fills.</summary>
public sealed record RecordSchema
{
    public required ExchangeRecordKind Kind { get; init; }

    /// <summary>Analysis table name (catalogue table), e.g. <c>activity</c>.</summary>
    public required string Table { get; init; }

    public required IReadOnlyList<FieldSpec> Fields { get; init; }

    /// <summary>Stored columns identifying one observation: a resend with a later update_time replaces the row.</summary>
    public required IReadOnlyList<string> KeyColumns { get; init; }

    /// <summary>Column of yyyyMMddHHmmssSSS deciding which of two rows for the same observation wins.</summary>
    public string UpdateTimeColumn { get; init; } = "update_time";

    public IEnumerable<FieldSpec> StoredFields => Fields.Where(f => f.Stored);

    public FieldSpec? Find(string name) => Fields.FirstOrDefault(f => f.Name == name);
}
