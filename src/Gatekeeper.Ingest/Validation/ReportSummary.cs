namespace Gatekeeper.Ingest.Validation;

/// <summary>The file-level facts a validation report starts with.</summary>
public sealed record ReportSummary
{
    public required string ImportId { get; init; }

    public required string File { get; init; }

    public required string Sha256 { get; init; }

    public string? Table { get; init; }

    public string? Encoding { get; init; }

    public required long Rows { get; init; }

    public required long RejectedRows { get; init; }

    public required double MaxErrorRate { get; init; }

    /// <summary>"accepted" or "refused".</summary>
    public required string Decision { get; init; }

    public string? Reason { get; init; }
}
