using Gatekeeper.Data.Seeding;
using Gatekeeper.Data.Tests.Support;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Policies;
using Gatekeeper.Testing;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Tests.Suites;

/// <summary>The demo seed fills an empty store once, through the domain, and never twice. (These tests add no data.)</summary>
public abstract class SeedSuite<TFixture>(TFixture fixture) : StoreSuite<TFixture>(fixture)
    where TFixture : StoreFixture
{
    [Fact]
    public async Task The_demo_seed_fills_an_empty_store_with_the_directory_the_catalogue_and_sample_applications()
    {
        await using var db = await Store.DbAsync();

        Assert.Equal(DemoDirectory.Organisations.Select(o => o.Id).Order(), await db.Organisations.Select(o => o.Id).OrderBy(i => i).ToListAsync());
        Assert.Equal(DemoDirectory.Users.Select(u => u.Id).Order(), await db.UserProfiles.Select(u => u.Id).OrderBy(i => i).ToListAsync());
        Assert.True((await db.Organisations.SingleAsync(o => o.Id == "medinfra-certified")).IsCertifiedOperator);
        Assert.Equal(
            [ApplicationStatus.Draft, ApplicationStatus.Submitted, ApplicationStatus.Approved],
            (await db.Applications.AsNoTracking().ToListAsync()).Select(a => a.Status).Order());
    }

    [Fact]
    public async Task The_seeded_catalogue_is_the_diabetes_prevention_dataset_with_every_variable_and_its_sensitivity()
    {
        await using var db = await Store.DbAsync();

        var stored = await db.Datasets.AsNoTracking().SingleAsync();
        var expected = DiabetesPreventionCatalogue.Create();
        Assert.Equal(expected.Id, stored.Id);
        Assert.Equal(expected.NameJa, stored.NameJa);
        Assert.Equal(expected.DescriptionJa, stored.DescriptionJa);
        Assert.Equal(expected.Variables, stored.Variables);
    }

    [Fact]
    public async Task Seeding_again_changes_nothing()
    {
        var before = await SnapshotAsync(Store);

        await Store.Get<DemoSeeder>().SeedAsync(None);
        await Store.Get<DemoSeeder>().SeedAsync(None);

        Assert.Equal(before, await SnapshotAsync(Store));
    }

    [Fact]
    public async Task The_seeded_submitted_application_was_checked_against_the_shipped_policy()
    {
        await using var db = await Store.DbAsync();

        var submitted = await db.Applications.AsNoTracking().SingleAsync(a => a.Status == ApplicationStatus.Submitted);

        Assert.Equal(Store.Get<PurposePolicy>().Sha256, submitted.PolicySha256);
        Assert.Equal(new ApplicationStatus?[] { null, ApplicationStatus.Draft }, submitted.History.OrderBy(h => h.At).Select(h => h.From));
    }

    private static async Task<string> SnapshotAsync(TestStore store)
    {
        await using var db = await store.DbAsync();
        var apps = await db.Applications.AsNoTracking().OrderBy(a => a.Reference).ToListAsync();
        return string.Join("\n",
            $"organisations={await db.Organisations.CountAsync()} users={await db.UserProfiles.CountAsync()} datasets={await db.Datasets.CountAsync()}",
            $"transitions={await db.Transitions.CountAsync()}",
            string.Join("\n", apps.Select(a => $"{a.Id} {a.Reference} {a.Status} {a.ConcurrencyStamp}")));
    }
}
