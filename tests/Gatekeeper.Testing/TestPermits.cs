using Xunit;
using Gatekeeper.Audit;
using Gatekeeper.Data.Catalogue;
using Gatekeeper.Data.Runs;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Permits;
using Gatekeeper.Domain.Policies;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Testing;

/// <summary>Permits for tests of runs and releases, issued through the domain on applications approved by the demo chair.</summary>
public static class TestPermits
{
    /// <summary>A new active permit held by Sato with the named team members (e-mails) besides her.</summary>
    public static async Task<DataPermit> IssueAsync(TestStore store, params string[] teamEmails)
    {
        var now = store.Time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var sato = TestActors.Sato;
        var content = SampleContent.Complete(today, sato.Email);
        content = content with
        {
            Team = [.. content.Team, .. teamEmails.Select(e => new TeamMember { Name = e, Email = e, Organisation = "Partner", ProjectRole = "Analyst" })],
        };
        await using var db = await store.DbAsync();
        var catalogue = await store.Get<CatalogueService>().SnapshotAsync(CancellationToken.None);
        var org = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == sato.OrganisationId);
        var draft = SecondaryUseApplication.StartDraft(sato, "GK-T-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), content, now).Value!;
        Require(draft.Submit(sato, catalogue, store.Get<PurposePolicy>(), org, draft.ConcurrencyStamp, now));
        Require(draft.Decide(TestActors.Chair, approve: true, "Approved for run tests.", draft.ConcurrencyStamp, now));
        var issued = DataPermit.Issue(draft, PermitTerms.AsRequested(draft, null, today), [], TestActors.Chair, "DP-T-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), now);
        Assert.True(issued.Succeeded, string.Join("; ", issued.Errors));
        db.Applications.Add(draft);
        db.Permits.Add(issued.Value!);
        await db.SaveChangesAsync();
        return issued.Value!;
    }

    /// <summary>Moves the permit's end of validity (tests only; the product never edits a permit).</summary>
    public static async Task SetValidUntilAsync(TestStore store, Guid permitId, DateTimeOffset until)
    {
        await using var db = await store.DbAsync();
        await db.Permits.Where(p => p.Id == permitId).ExecuteUpdateAsync(s => s.SetProperty(p => p.ValidUntil, until));
    }

    private static void Require(DomainResult result) => Assert.True(result.Succeeded, result.ToString());
}
