using Gatekeeper.Ingest.Consent;

namespace Gatekeeper.Ingest.Tests.Consent;

/// <summary>The filter's rules on their own: opt-out, per-purpose refusal, effective dates, later decisions.</summary>
public sealed class ConsentFilterTests
{
    private static readonly DateTime Run = new(2025, 10, 1, 9, 0, 0);

    [Fact]
    public void An_opt_out_excludes_from_every_purpose_from_its_effective_date()
    {
        var events = new[] { E("a", ConsentAction.OptOut, null, 2025, 6, 1) };
        Assert.Contains("a", Excluded(events, "scientific-research"));
        Assert.Contains("a", Excluded(events, "education"));
        Assert.DoesNotContain("a", ConsentFilter.ExcludedPersons(events, "education", new DateTime(2025, 5, 31, 23, 59, 59)));
    }

    [Fact]
    public void A_withdrawn_opt_out_includes_the_person_again_from_the_withdrawal()
    {
        var events = new[] { E("a", ConsentAction.OptOut, null, 2025, 6, 1), E("a", ConsentAction.OptOutWithdrawn, null, 2025, 9, 1) };
        Assert.DoesNotContain("a", Excluded(events, "education"));
        Assert.Contains("a", ConsentFilter.ExcludedPersons(events, "education", new DateTime(2025, 8, 31)));
    }

    [Fact]
    public void A_refusal_excludes_from_that_purpose_only()
    {
        var events = new[] { E("a", ConsentAction.Refusal, "ai-training", 2025, 1, 1) };
        Assert.Contains("a", Excluded(events, "ai-training"));
        Assert.DoesNotContain("a", Excluded(events, "scientific-research"));
    }

    [Fact]
    public void A_withdrawal_of_consent_counts_from_its_effective_date_whether_before_or_after_the_run()
    {
        var before = new[] { E("a", ConsentAction.Consent, "product-development", 2025, 4, 1), E("a", ConsentAction.Refusal, "product-development", 2025, 9, 30) };
        var after = new[] { E("a", ConsentAction.Consent, "product-development", 2025, 4, 1), E("a", ConsentAction.Refusal, "product-development", 2025, 10, 2) };
        Assert.Contains("a", Excluded(before, "product-development"));
        Assert.DoesNotContain("a", Excluded(after, "product-development"));
    }

    [Fact]
    public void Of_two_decisions_effective_together_the_later_recorded_wins_and_no_decision_means_included()
    {
        var events = new[]
        {
            E("a", ConsentAction.Refusal, "education", 2025, 5, 1, recorded: 1),
            E("a", ConsentAction.Consent, "education", 2025, 5, 1, recorded: 2),
            E("b", ConsentAction.Consent, "education", 2025, 5, 1, recorded: 2),
            E("b", ConsentAction.Refusal, "education", 2025, 5, 1, recorded: 3),
        };
        Assert.Equal(["b"], Excluded(events, "education").Order());
        Assert.Empty(Excluded([], "education"));
    }

    [Fact]
    public void Run_times_are_compared_in_Japan_time()
    {
        var events = new[] { E("a", ConsentAction.OptOut, null, 2025, 10, 1) };
        // 2025-09-30 15:00 UTC is 2025-10-01 00:00 in Japan: the opt-out is in force.
        Assert.Contains("a", ConsentFilter.ExcludedPersons(events, "education", new DateTimeOffset(2025, 9, 30, 15, 0, 0, TimeSpan.Zero)));
        Assert.DoesNotContain("a", ConsentFilter.ExcludedPersons(events, "education", new DateTimeOffset(2025, 9, 30, 14, 59, 59, TimeSpan.Zero)));
    }

    private static IReadOnlySet<string> Excluded(IEnumerable<ConsentEvent> events, string purpose) => ConsentFilter.ExcludedPersons(events, purpose, Run);

    private static ConsentEvent E(string who, ConsentAction action, string? purpose, int y, int m, int d, int recorded = 0) => new()
    {
        Pseudonym = who, Action = action, PurposeCode = purpose, EffectiveFrom = new DateTime(y, m, d), UpdateTime = new DateTime(y, m, d).AddDays(-1).AddSeconds(recorded),
    };
}
