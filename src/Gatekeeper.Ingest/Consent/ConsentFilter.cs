namespace Gatekeeper.Ingest.Consent;

/// <summary>
/// Who must be left out of a run: everyone whose latest opt-out decision effective at the run time is an opt-out,
/// and everyone whose latest decision on the run's purpose effective at the run time is a refusal. With no decision
/// a person is included (the Act's opt-out regime); a withdrawal takes effect for every run from its effective date.
/// </summary>
public static class ConsentFilter
{
    public static IReadOnlySet<string> ExcludedPersons(IEnumerable<ConsentEvent> events, string purposeCode, DateTimeOffset runTime) =>
        ExcludedPersons(events, purposeCode, JapanTime.ToLocal(runTime));

    /// <param name="runTimeJst">Run time as Japan wall-clock time.</param>
    public static IReadOnlySet<string> ExcludedPersons(IEnumerable<ConsentEvent> events, string purposeCode, DateTime runTimeJst)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purposeCode);
        var latest = new Dictionary<(string Person, bool OptOutScope), ConsentEvent>();
        foreach (var e in events)
        {
            if (e.EffectiveFrom > runTimeJst) continue;
            if (!e.IsOptOutScope && !string.Equals(e.PurposeCode, purposeCode, StringComparison.Ordinal)) continue;
            var key = (e.Pseudonym, e.IsOptOutScope);
            if (!latest.TryGetValue(key, out var current) || Later(e, current)) latest[key] = e;
        }

        return latest.Values
            .Where(e => e.Action is ConsentAction.OptOut or ConsentAction.Refusal)
            .Select(e => e.Pseudonym)
            .ToHashSet(StringComparer.Ordinal);
    }

    private static bool Later(ConsentEvent candidate, ConsentEvent current) =>
        candidate.EffectiveFrom > current.EffectiveFrom
        || (candidate.EffectiveFrom == current.EffectiveFrom && candidate.UpdateTime > current.UpdateTime);
}
