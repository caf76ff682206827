using Gatekeeper.Ingest.Consent;
using Xunit;

namespace Gatekeeper.Testing.Consent;

/// <summary>
/// What every <see cref="IConsentRegistry"/> must do, run against each implementation (in memory, file, the store on
/// SQLite and PostgreSQL): the filter rules of <see cref="ConsentFilter"/> — opt-out, per-purpose refusal, effective
/// and withdrawal dates, later decisions, Japan time — answered the same by <see cref="IConsentRegistry.GetExcludedPersonsAsync"/>
/// (the store's single query) as by the filter over <see cref="IConsentRegistry.GetEventsAsync"/>; decisions
/// recorded once; datasets kept apart. Each test uses its own dataset id, so one registry may serve them all.
/// </summary>
public abstract class ConsentRegistryContract
{
    /// <summary>Run time of the scenarios: 2025-10-01 09:00 in Japan.</summary>
    protected static readonly DateTimeOffset Run = new(2025, 10, 1, 9, 0, 0, TimeSpan.FromHours(9));

    protected abstract IConsentRegistry Registry { get; }

    [Fact]
    public async Task An_opt_out_excludes_from_every_purpose_from_its_effective_date()
    {
        var d = await WithAsync(E("a", ConsentAction.OptOut, null, 2025, 6, 1));
        Assert.Contains("a", await ExcludedAsync(d, "scientific-research"));
        Assert.Contains("a", await ExcludedAsync(d, "education"));
        Assert.DoesNotContain("a", await ExcludedAsync(d, "education", new DateTimeOffset(2025, 5, 31, 23, 59, 59, TimeSpan.FromHours(9))));
    }

    [Fact]
    public async Task A_withdrawn_opt_out_includes_the_person_again_from_the_withdrawal()
    {
        var d = await WithAsync(E("a", ConsentAction.OptOut, null, 2025, 6, 1), E("a", ConsentAction.OptOutWithdrawn, null, 2025, 9, 1));
        Assert.DoesNotContain("a", await ExcludedAsync(d, "education"));
        Assert.Contains("a", await ExcludedAsync(d, "education", new DateTimeOffset(2025, 8, 31, 0, 0, 0, TimeSpan.FromHours(9))));
    }

    [Fact]
    public async Task A_refusal_excludes_from_that_purpose_only()
    {
        var d = await WithAsync(E("a", ConsentAction.Refusal, "ai-training", 2025, 1, 1));
        Assert.Contains("a", await ExcludedAsync(d, "ai-training"));
        Assert.DoesNotContain("a", await ExcludedAsync(d, "scientific-research"));
    }

    [Fact]
    public async Task A_withdrawal_of_consent_counts_from_its_effective_date_whether_before_or_after_the_run()
    {
        var before = await WithAsync(E("a", ConsentAction.Consent, "product-development", 2025, 4, 1), E("a", ConsentAction.Refusal, "product-development", 2025, 9, 30));
        var after = await WithAsync(E("a", ConsentAction.Consent, "product-development", 2025, 4, 1), E("a", ConsentAction.Refusal, "product-development", 2025, 10, 2));
        Assert.Contains("a", await ExcludedAsync(before, "product-development"));
        Assert.DoesNotContain("a", await ExcludedAsync(after, "product-development"));
        // A later run sees the future-dated withdrawal.
        Assert.Contains("a", await ExcludedAsync(after, "product-development", new DateTimeOffset(2025, 10, 2, 0, 0, 0, TimeSpan.FromHours(9))));
    }

    [Fact]
    public async Task Of_two_decisions_effective_together_the_later_recorded_wins_and_no_decision_means_included()
    {
        var d = await WithAsync(
            E("a", ConsentAction.Refusal, "education", 2025, 5, 1, recorded: 1),
            E("a", ConsentAction.Consent, "education", 2025, 5, 1, recorded: 2),
            E("b", ConsentAction.Consent, "education", 2025, 5, 1, recorded: 2),
            E("b", ConsentAction.Refusal, "education", 2025, 5, 1, recorded: 3));
        Assert.Equal(["b"], (await ExcludedAsync(d, "education")).Order());
        Assert.Empty(await ExcludedAsync(NewDataset(), "education"));
    }

    [Fact]
    public async Task Of_two_decisions_equal_in_both_times_the_first_recorded_wins()
    {
        var d = await WithAsync(E("a", ConsentAction.Refusal, "education", 2025, 5, 1), E("a", ConsentAction.Consent, "education", 2025, 5, 1));
        var e = await WithAsync(E("a", ConsentAction.Consent, "education", 2025, 5, 1), E("a", ConsentAction.Refusal, "education", 2025, 5, 1));
        Assert.Contains("a", await ExcludedAsync(d, "education"));
        Assert.DoesNotContain("a", await ExcludedAsync(e, "education"));
    }

    [Fact]
    public async Task Opt_out_and_purpose_decisions_are_separate_scopes()
    {
        // An opt-out withdrawn does not lift a refusal; a consent does not lift an opt-out.
        var d = await WithAsync(
            E("a", ConsentAction.Refusal, "ai-training", 2025, 2, 1), E("a", ConsentAction.OptOut, null, 2025, 3, 1), E("a", ConsentAction.OptOutWithdrawn, null, 2025, 4, 1),
            E("b", ConsentAction.OptOut, null, 2025, 3, 1), E("b", ConsentAction.Consent, "ai-training", 2025, 4, 1));
        Assert.Equal(["a", "b"], (await ExcludedAsync(d, "ai-training")).Order());
        Assert.Equal(["b"], (await ExcludedAsync(d, "education")).Order());
    }

    [Fact]
    public async Task Run_times_are_compared_in_Japan_time()
    {
        var d = await WithAsync(E("a", ConsentAction.OptOut, null, 2025, 10, 1));
        // 2025-09-30 15:00 UTC is 2025-10-01 00:00 in Japan: the opt-out is in force.
        Assert.Contains("a", await ExcludedAsync(d, "education", new DateTimeOffset(2025, 9, 30, 15, 0, 0, TimeSpan.Zero)));
        Assert.DoesNotContain("a", await ExcludedAsync(d, "education", new DateTimeOffset(2025, 9, 30, 14, 59, 59, TimeSpan.Zero)));
    }

    [Fact]
    public async Task Decisions_are_recorded_once_kept_in_order_and_per_dataset()
    {
        var d = NewDataset();
        var first = E("a", ConsentAction.OptOut, null, 2025, 6, 1) with { Source = "import:one" };
        var second = E("a", ConsentAction.Refusal, "education", 2025, 7, 1) with { Source = "import:two" };
        Assert.Equal(1, await Registry.AddAsync(d, [first]));
        Assert.Equal(1, await Registry.AddAsync(d, [first, second]));
        Assert.Equal(0, await Registry.AddAsync(d, [second, first]));
        var events = await Registry.GetEventsAsync(d);
        Assert.Equal([first, second], events);
        Assert.Empty(await Registry.GetEventsAsync(NewDataset()));
    }

    protected static string NewDataset() => "t" + Guid.NewGuid().ToString("N")[..12];

    private async Task<string> WithAsync(params ConsentEvent[] events)
    {
        var dataset = NewDataset();
        Assert.Equal(events.Length, await Registry.AddAsync(dataset, events));
        return dataset;
    }

    /// <summary>Both ways of asking must agree; returns the answer.</summary>
    private async Task<IReadOnlySet<string>> ExcludedAsync(string dataset, string purpose, DateTimeOffset? at = null)
    {
        var runTime = at ?? Run;
        var direct = await Registry.GetExcludedPersonsAsync(dataset, purpose, runTime);
        var filtered = ConsentFilter.ExcludedPersons(await Registry.GetEventsAsync(dataset), purpose, runTime);
        Assert.Equal(filtered.Order(), direct.Order());
        return direct;
    }

    protected static ConsentEvent E(string who, ConsentAction action, string? purpose, int y, int m, int d, int recorded = 0) => new()
    {
        Pseudonym = who, Action = action, PurposeCode = purpose, EffectiveFrom = new DateTime(y, m, d), UpdateTime = new DateTime(y, m, d).AddDays(-1).AddSeconds(recorded),
        Source = "import:test",
    };
}
