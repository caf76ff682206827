using System.Data.Common;
using Gatekeeper.Data;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Audit.Alerts;
using Gatekeeper.Data.Audit.Dashboard;
using Gatekeeper.Data.Audit.Lineage;
using Gatekeeper.Data.Audit.Search;
using Gatekeeper.Data.Audit.Verification;
using Gatekeeper.Testing;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Audit.Tests;

/// <summary>The console's services cannot change anything: by their dependencies, by their context, and by the database connection itself.</summary>
public abstract class ReadOnlyConsoleTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(provider, seed: false, new Dictionary<string, string?> { ["Gatekeeper:Audit:CheckpointEveryEntries"] = "10" });
        await StoreWriting.AppendManyAsync(_store, 20, i => StoreWriting.Plain(_store, i));
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Theory]
    [InlineData(typeof(AuditLogSearch))]
    [InlineData(typeof(AuditDashboardService))]
    [InlineData(typeof(PermitLineageService))]
    [InlineData(typeof(AuditAlertService))]
    [InlineData(typeof(AuditVerificationStatusReader))]
    [InlineData(typeof(AuditStoreVerifier))]
    public void The_read_services_depend_on_nothing_that_can_write(Type service)
    {
        var parameters = service.GetConstructors().Single().GetParameters().Select(p => p.ParameterType).ToList();
        Assert.Contains(typeof(AuditReadContextFactory), parameters);
        Assert.DoesNotContain(parameters, t => t == typeof(IDbContextFactory<GatekeeperDbContext>) || t == typeof(GatekeeperDbContext) || t == typeof(AuditTrail));
        Assert.DoesNotContain(service.GetMethods(), m => m.Name.StartsWith("Save", StringComparison.Ordinal) || m.Name.StartsWith("Delete", StringComparison.Ordinal) || m.Name.StartsWith("Update", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_read_context_tracks_nothing_and_refuses_to_save()
    {
        await using var db = _store.Get<AuditReadContextFactory>().Create();
        var row = await db.Entries.FirstAsync();
        Assert.Equal(QueryTrackingBehavior.NoTracking, db.ChangeTracker.QueryTrackingBehavior);
        Assert.Empty(db.ChangeTracker.Entries());

        db.Attach(row).State = EntityState.Deleted;
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
    }

    [Theory]
    [InlineData("DELETE FROM audit_entries")]
    [InlineData("UPDATE audit_entries SET \"Reason\" = 'x'")]
    [InlineData("INSERT INTO audit_entry_subjects (\"Sequence\", \"Position\", \"SubjectId\") VALUES (1, 99, 'x')")]
    public async Task Even_raw_sql_through_the_read_connection_is_refused_by_the_database(string sql)
    {
        await using (var db = _store.Get<AuditReadContextFactory>().Create())
        {
            var error = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync(sql));
            Assert.Matches("(?i)read-?only", error.Message);
        }

        await using var check = await _store.DbAsync();
        Assert.Equal(20, await check.Set<AuditEntryRow>().CountAsync());
        Assert.False(await check.Set<AuditEntryRow>().AnyAsync(e => e.Reason == "x"));
        Assert.True((await _store.Get<AuditTrail>().VerifyAsync(default)).IsValid);
    }

    [Fact]
    public async Task The_verification_status_shows_the_last_recorded_result_and_the_head()
    {
        var reader = _store.Get<AuditVerificationStatusReader>();
        var before = await reader.GetAsync(default);
        Assert.Null(before.LastVerifiedAt);
        Assert.Equal(20, before.HeadSequence);
        Assert.Equal(20, before.LastCheckpointSequence);

        var verification = await _store.Get<AuditVerificationService>().VerifyAndRecordAsync(new AuditActor("u-auditor", "certified-operator"), AuditVerificationScope.Everything, default);
        var after = await reader.GetAsync(default);

        Assert.True(verification.Result.IsValid, verification.Result.Message);
        Assert.Equal(verification.VerifiedAt, after.LastVerifiedAt);
        Assert.True(after.LastResultValid);
        Assert.Equal("u-auditor", after.VerifiedBy);
        Assert.Equal(20, after.EntriesChecked);
        Assert.Equal(21, after.HeadSequence);

        await using (var db = await _store.DbAsync())
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET \"ActorId\" = 'rewritten' WHERE \"Sequence\" = 4");
        await _store.Get<AuditVerificationService>().VerifyAndRecordAsync(AuditActor.System, AuditVerificationScope.Everything, default);
        var broken = await reader.GetAsync(default);
        Assert.False(broken.LastResultValid);
        Assert.Equal(4, broken.LastBrokenAt);
        Assert.Contains("#4", broken.LastMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_alert_service_finds_patterns_in_a_period_with_their_evidence()
    {
        var researcher = new AuditActor("u-sato", "researcher", "org-1");
        var trail = _store.Get<AuditTrail>();
        var start = _store.Time.GetUtcNow();
        for (var i = 0; i < 12; i++)
            await trail.RecordAsync(AuditRecords.RunRequested(start.AddMinutes(i * 4), researcher, $"R-{i}", "P-1", new string('a', 64)), default);

        var alerts = await _store.Get<AuditAlertService>().DetectAsync(start, start.AddHours(2), default);
        var later = await _store.Get<AuditAlertService>().DetectAsync(start.AddHours(3), start.AddHours(4), default);

        var alert = Assert.Single(alerts);
        Assert.Equal(Gatekeeper.Audit.Alerts.AuditAlertKinds.NearIdenticalQueries, alert.Kind);
        Assert.Equal(12, alert.Evidence.Count);
        Assert.Empty(later);
    }
}

public sealed class SqliteReadOnlyConsoleTests() : ReadOnlyConsoleTests(DatabaseProvider.Sqlite);

public sealed class PostgresReadOnlyConsoleTests() : ReadOnlyConsoleTests(DatabaseProvider.Postgres);
