using Gatekeeper.Domain.Runs;

namespace Gatekeeper.Web.Runs;

/// <summary>A run as the researcher sees it: status, progress, timings and the message — never results (those wait in the airlock).</summary>
public sealed record RunDto(
    Guid Id,
    string Number,
    Guid PermitId,
    string PermitNumber,
    string DatasetId,
    string RequesterId,
    string RequesterName,
    string Query,
    string QueryHash,
    RunState State,
    string Phase,
    int Progress,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    long? DurationMs,
    int Attempt,
    bool CancelRequested,
    string? ReasonCode,
    string? Message,
    int OutputTables)
{
    public static RunDto From(QueryRun r) => new(
        r.Id, r.Number, r.PermitId, r.PermitNumber, r.DatasetId, r.RequesterId, r.RequesterName, r.Query, r.QueryHash, r.State, r.Phase, r.Progress,
        r.RequestedAt, r.StartedAt, r.FinishedAt, r.DurationMs, r.Attempt, r.CancelRequestedAt is not null, r.ReasonCode, r.Message, r.OutputTables);
}
