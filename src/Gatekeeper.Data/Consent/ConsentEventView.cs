using Gatekeeper.Ingest.Consent;

namespace Gatekeeper.Data.Consent;

/// <summary>A recorded decision as data stewards see it (by pseudonym; times are Japan wall-clock time).</summary>
public sealed record ConsentEventView(
    long Id, string Pseudonym, ConsentAction Action, string? PurposeCode, DateTime EffectiveFrom, DateTime UpdateTime, string Source, DateTimeOffset RecordedAt)
{
    internal static ConsentEventView From(ConsentEventRow r) =>
        new(r.Id, r.Pseudonym, (ConsentAction)r.Action, r.PurposeCode.Length == 0 ? null : r.PurposeCode, r.EffectiveFrom, r.UpdateTime, r.Source, r.RecordedAt);
}
