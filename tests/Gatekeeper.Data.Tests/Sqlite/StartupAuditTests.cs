using Gatekeeper.Audit;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Startup;
using Gatekeeper.Data.Workflows;
using Gatekeeper.Policies;
using Gatekeeper.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Data.Tests.Sqlite;

/// <summary>Every start records the configuration it runs under, and which policy and workflow files are new or changed.</summary>
public sealed class StartupAuditTests : IAsyncLifetime
{
    private TestStore _store = null!;
    private string _root = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(DatabaseProvider.Sqlite, seed: false);
        _root = System.IO.Directory.CreateTempSubdirectory("gatekeeper-startup-").FullName;
        System.IO.Directory.CreateDirectory(Path.Combine(_root, "policies", "disclosure"));
        System.IO.Directory.CreateDirectory(Path.Combine(_root, "workflows"));
        File.WriteAllText(Path.Combine(_root, "policies", "purposes.yaml"), "version: 1\n");
        File.WriteAllText(Path.Combine(_root, "policies", "disclosure", "default.yaml"), "id: default\n");
        File.WriteAllText(Path.Combine(_root, "workflows", "review.yaml"), "id: review\n");
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        System.IO.Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Records_new_files_then_only_changes_and_always_the_configuration_without_secrets()
    {
        await Startup(password: "first secret").RecordAsync(default);
        var first = await EntriesAsync();
        Assert.Equal(["policies/disclosure/default.yaml", "policies/purposes.yaml"], first.Where(e => e.Action == AuditActions.PolicyChanged).Select(e => e.SubjectId));
        Assert.Equal("workflows/review.yaml", first.Single(e => e.Action == AuditActions.WorkflowDefinitionChanged).SubjectId);
        var loaded = first.Single(e => e.Action == AuditActions.ConfigurationLoaded);
        Assert.Equal("3", loaded.Details![AuditDetailKeys.Files]);

        // A restart with nothing changed but a secret: no policy entry, and the same configuration hash.
        await Startup(password: "another secret").RecordAsync(default);
        var second = (await EntriesAsync()).Skip(first.Count).ToList();
        Assert.Equal([AuditActions.ConfigurationLoaded], second.Select(e => e.Action));
        Assert.Equal(loaded.Details[AuditDetailKeys.Sha256], second[0].Details![AuditDetailKeys.Sha256]);

        // An edited policy is recorded with its previous hash.
        var before = first.Single(e => e.SubjectId == "policies/disclosure/default.yaml").Details![AuditDetailKeys.Sha256];
        File.WriteAllText(Path.Combine(_root, "policies", "disclosure", "default.yaml"), "id: default\nthreshold: 5\n");
        await Startup(password: "another secret", threshold: "5").RecordAsync(default);
        var third = (await EntriesAsync()).Skip(first.Count + second.Count).ToList();
        var changed = third.Single(e => e.Action == AuditActions.PolicyChanged);
        Assert.Equal(("policies/disclosure/default.yaml", before), (changed.SubjectId, changed.Details!["previousSha256"]));
        Assert.NotEqual(loaded.Details[AuditDetailKeys.Sha256], third.Single(e => e.Action == AuditActions.ConfigurationLoaded).Details![AuditDetailKeys.Sha256]);
        Assert.True((await _store.Get<AuditTrail>().VerifyAsync(default)).IsValid);
    }

    private StartupAudit Startup(string password, string threshold = "10")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gatekeeper:Database:Password"] = password,
            ["Gatekeeper:Disclosure:Threshold"] = threshold,
        }).Build();
        return new StartupAudit(_store.Get<IDbContextFactory<GatekeeperDbContext>>(), _store.Get<AuditTrail>(), configuration,
            Options.Create(new PolicyOptions { Folder = Path.Combine(_root, "policies") }), Options.Create(new WorkflowOptions()), _store.Time);
    }

    private async Task<List<AuditEntryRow>> EntriesAsync()
    {
        await using var db = await _store.DbAsync();
        return await db.Set<AuditEntryRow>().AsNoTracking()
            .Where(e => e.Action == AuditActions.PolicyChanged || e.Action == AuditActions.WorkflowDefinitionChanged || e.Action == AuditActions.ConfigurationLoaded)
            .OrderBy(e => e.Sequence).ToListAsync();
    }
}
