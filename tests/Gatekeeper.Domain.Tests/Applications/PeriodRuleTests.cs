using Gatekeeper.Domain.Tests.Support;

namespace Gatekeeper.Domain.Tests.Applications;

/// <summary>The access period runs forward, ends in the future and is no longer than the policy allows.</summary>
public sealed class PeriodRuleTests
{
    [Fact]
    public void A_period_ending_before_it_starts_is_refused()
    {
        var content = Drafts.Complete() with { PeriodStart = World.Today.AddMonths(6), PeriodEnd = World.Today.AddMonths(3) };

        ExpectErrors.HasOnly(Drafts.CheckSubmission(content), "periodEnd", "period-order");
    }

    [Fact]
    public void A_period_ending_on_the_day_it_starts_is_refused()
    {
        var content = Drafts.Complete() with { PeriodStart = World.Today.AddDays(10), PeriodEnd = World.Today.AddDays(10) };

        ExpectErrors.HasOnly(Drafts.CheckSubmission(content), "periodEnd", "period-order");
    }

    [Fact]
    public void A_period_of_exactly_the_policy_maximum_is_accepted()
    {
        Assert.Equal(60, World.Policy.MaxPeriodMonths);
        var content = Drafts.Complete() with { PeriodStart = World.Today, PeriodEnd = World.Today.AddMonths(World.Policy.MaxPeriodMonths) };

        ExpectErrors.None(Drafts.CheckSubmission(content));
    }

    [Fact]
    public void A_period_one_day_longer_than_the_policy_maximum_is_refused()
    {
        var content = Drafts.Complete() with { PeriodStart = World.Today, PeriodEnd = World.Today.AddMonths(World.Policy.MaxPeriodMonths).AddDays(1) };

        var error = ExpectErrors.Has(Drafts.CheckSubmission(content), "periodEnd", "period-too-long");
        Assert.Equal("60", error.Args["maxMonths"]);
    }

    [Fact]
    public void A_period_that_has_already_ended_is_refused()
    {
        var content = Drafts.Complete() with { PeriodStart = World.Today.AddMonths(-12), PeriodEnd = World.Today.AddDays(-1) };

        ExpectErrors.HasOnly(Drafts.CheckSubmission(content), "periodEnd", "period-in-past");
    }

    [Fact]
    public void A_period_ending_today_is_refused()
    {
        var content = Drafts.Complete() with { PeriodStart = World.Today.AddMonths(-1), PeriodEnd = World.Today };

        ExpectErrors.HasOnly(Drafts.CheckSubmission(content), "periodEnd", "period-in-past");
    }

    [Fact]
    public void A_period_that_started_in_the_past_and_ends_tomorrow_is_accepted()
    {
        var content = Drafts.Complete() with { PeriodStart = World.Today.AddMonths(-1), PeriodEnd = World.Today.AddDays(1) };

        ExpectErrors.None(Drafts.CheckSubmission(content));
    }
}
