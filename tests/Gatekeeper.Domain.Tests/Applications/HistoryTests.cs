using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Tests.Support;
using Gatekeeper.Testing;

namespace Gatekeeper.Domain.Tests.Applications;

/// <summary>Every transition is kept: who, when, from where to where, and why.</summary>
public sealed class HistoryTests
{
    [Fact]
    public void A_full_journey_records_each_transition_in_order()
    {
        var created = World.Now;
        var submitted = created.AddDays(1);
        var decided = created.AddDays(10);
        var app = Drafts.Start(at: created);
        ExpectErrors.Succeeded(app.UpdateDraft(TestActors.Sato, Drafts.Complete() with { Title = "Autosaved" }, app.ConcurrencyStamp, created.AddMinutes(1)));
        ExpectErrors.Succeeded(app.Submit(TestActors.Sato, World.Catalogue, World.Policy, World.Hospital, app.ConcurrencyStamp, submitted));
        ExpectErrors.Succeeded(app.Decide(TestActors.Chair, approve: true, "Approved with aggregate outputs only.", app.ConcurrencyStamp, decided));

        Assert.Collection(app.History,
            s => Assert.Equal((null, ApplicationStatus.Draft, "researcher-sato", created, (string?)null), (s.From, s.To, s.ActorId, s.At, s.Reason)),
            s => Assert.Equal((ApplicationStatus.Draft, ApplicationStatus.Submitted, "researcher-sato", submitted, (string?)null), (s.From, s.To, s.ActorId, s.At, s.Reason)),
            s => Assert.Equal((ApplicationStatus.Submitted, ApplicationStatus.Approved, "chair-nakamura", decided, "Approved with aggregate outputs only."),
                (s.From, s.To, s.ActorId, s.At, s.Reason)));
        Assert.All(app.History, s => Assert.Equal(app.Id, s.ApplicationId));
        Assert.All(app.History, s => Assert.False(string.IsNullOrWhiteSpace(s.ActorName)));
    }

    [Fact]
    public void Saving_a_draft_is_not_a_transition()
    {
        var app = Drafts.Start();

        for (var i = 0; i < 3; i++)
            ExpectErrors.Succeeded(app.UpdateDraft(TestActors.Sato, Drafts.Complete() with { Title = $"Autosave {i}" }, app.ConcurrencyStamp, World.Now.AddMinutes(i)));

        Assert.Single(app.History);
    }

    [Fact]
    public void A_refused_operation_leaves_no_trace_in_the_history()
    {
        var app = Drafts.Submitted();
        var count = app.History.Count;

        ExpectErrors.Refused(app.Decide(TestActors.Steward, approve: true, "Not my call.", app.ConcurrencyStamp, World.Now), "actor", "role-required");
        ExpectErrors.Refused(app.Withdraw(TestActors.Sato, null, app.ConcurrencyStamp, World.Now), "reason", "required");

        Assert.Equal(count, app.History.Count);
    }
}
