using Gatekeeper.Data.Applications;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Common;
using Gatekeeper.Testing;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Tests.Support;

/// <summary>Base of the suites that run unchanged on every store provider, through the product's own services.</summary>
public abstract class StoreSuite<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : StoreFixture
{
    protected static CancellationToken None => CancellationToken.None;

    protected TestStore Store => fixture.Store;

    protected ApplicationService Service => Store.Get<ApplicationService>();

    protected DateOnly Today => DateOnly.FromDateTime(Store.Time.GetUtcNow().UtcDateTime);

    /// <summary>Content that passes every submission rule; the team is the applicant alone unless others are named.</summary>
    protected ApplicationContent Complete(Actor? applicant = null, params string[] otherTeamEmails)
    {
        var content = SampleContent.Complete(Today, (applicant ?? TestActors.Sato).Email);
        return content with
        {
            Team =
            [
                .. content.Team,
                .. otherTeamEmails.Select(e => new TeamMember { Name = "Team member", Email = e, Organisation = "Partner", ProjectRole = "Analyst" }),
            ],
        };
    }

    protected async Task<SecondaryUseApplication> DraftAsync(Actor? applicant = null, ApplicationContent? content = null)
    {
        var actor = applicant ?? TestActors.Sato;
        var result = await Service.CreateDraftAsync(actor, content ?? Complete(actor), None);
        Assert.True(result.Succeeded, $"The draft should be created: {string.Join("; ", result.Errors)}");
        return result.Value!;
    }

    protected async Task<SecondaryUseApplication> SubmittedAsync(Actor? applicant = null, ApplicationContent? content = null)
    {
        var actor = applicant ?? TestActors.Sato;
        var draft = await DraftAsync(actor, content);
        var result = await Service.SubmitAsync(actor, draft.Id, draft.ConcurrencyStamp, None);
        Assert.True(result.Succeeded, $"The application should be submitted: {string.Join("; ", result.Errors)}");
        return result.Value!;
    }

    /// <summary>The application as stored, read in a fresh context without any access filter.</summary>
    protected async Task<SecondaryUseApplication> StoredAsync(Guid id)
    {
        await using var db = await Store.DbAsync();
        return await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    protected static void AssertRefused<T>(DomainResult<T> result, string rule)
    {
        Assert.False(result.Succeeded, $"Expected the rule '{rule}' to refuse, but the operation succeeded.");
        Assert.True(result.Errors.Any(e => e.Rule == rule), $"Expected '{rule}', got: {string.Join("; ", result.Errors.Select(e => $"{e.Field} [{e.Rule}]"))}");
    }

    protected static void AssertRefused(DomainResult result, string rule)
    {
        Assert.False(result.Succeeded, $"Expected the rule '{rule}' to refuse, but the operation succeeded.");
        Assert.True(result.Errors.Any(e => e.Rule == rule), $"Expected '{rule}', got: {result}");
    }

    protected static T AssertSucceeded<T>(DomainResult<T> result)
    {
        Assert.True(result.Succeeded, $"Expected success, got: {string.Join("; ", result.Errors.Select(e => $"{e.Field} [{e.Rule}] {e.Message}"))}");
        return result.Value!;
    }
}
