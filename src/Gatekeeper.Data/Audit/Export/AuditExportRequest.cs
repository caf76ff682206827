namespace Gatekeeper.Data.Audit.Export;

/// <summary>
/// Which part of the live log to export: by time (<see cref="From"/> inclusive, <see cref="To"/> exclusive) or by
/// sequence (both inclusive); nothing given means all of it. With <see cref="ExtendToCheckpoints"/> (the default)
/// the range is widened to the signed checkpoints around it, so both of its ends are vouched for by a signature.
/// </summary>
public sealed record AuditExportRequest
{
    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public long? FromSequence { get; init; }

    public long? ToSequence { get; init; }

    public bool ExtendToCheckpoints { get; init; } = true;
}
