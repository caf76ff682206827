using Gatekeeper.Audit;
using Gatekeeper.Data.Airlock;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Permits;
using Gatekeeper.Data.Runs;
using Gatekeeper.Data.Tests.Support;
using Gatekeeper.Domain.Airlock;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Runs;
using Gatekeeper.Testing;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Tests.Runs;

/// <summary>
/// The persisted run queue on each store: admission rules and refusals (audited), claims under leases, the host crash
/// rule (a run is never lost and never recorded twice), cancellation and the airlock records.
/// </summary>
public abstract class RunQueueSuite<TFixture>(TFixture fixture) : StoreSuite<TFixture>(fixture)
    where TFixture : StoreFixture
{
    private const string Query = "SELECT consortium_id, count(*) AS n FROM participants GROUP BY consortium_id";

    private RunQueue Queue => Store.Get<RunQueue>();

    private RunJobs Jobs => Store.Get<RunJobs>();

    [Fact]
    public async Task A_team_member_queues_a_run_audited_with_the_normalised_query_hash()
    {
        var permit = await TestPermits.IssueAsync(Store);
        var check = new RecordingCheck();

        var run = AssertSucceeded(await Queue.SubmitAsync(TestActors.Sato, permit.Id, null, Query, check, None));

        Assert.Equal(RunState.Queued, run.State);
        Assert.Equal(1, check.Calls);
        Assert.Equal(QueryNormaliser.Hash("select CONSORTIUM_ID, count(*) as n\n  from participants group by consortium_id;"), run.QueryHash);
        var entry = await SingleAuditAsync(run.Id, AuditActions.RunRequested);
        Assert.Equal(run.QueryHash, entry.Record.Detail(AuditDetailKeys.QueryHash));
        Assert.Equal(permit.Id.ToString(), entry.Record.Detail(AuditDetailKeys.Permit));
        Assert.Contains(run.Id, (await Queue.ListAsync(TestActors.Sato, permit.Id, None)).Select(r => r.Id));
    }

    [Fact]
    public async Task An_expired_permit_refuses_the_run_and_the_refusal_is_audited()
    {
        var permit = await TestPermits.IssueAsync(Store);
        await TestPermits.SetValidUntilAsync(Store, permit.Id, Store.Time.GetUtcNow().AddDays(-1));
        var check = new RecordingCheck();

        var run = AssertSucceeded(await Queue.SubmitAsync(TestActors.Sato, permit.Id, null, Query, check, None));

        await AssertRefusedAsync(run, RunRefusalCodes.PermitExpired, "expired");
        Assert.Equal(0, check.Calls);
    }

    [Fact]
    public async Task A_revoked_permit_refuses_the_run_and_the_refusal_is_audited()
    {
        var permit = await TestPermits.IssueAsync(Store);
        AssertSucceeded(await Store.Get<PermitService>().RevokeAsync(TestActors.Chair, permit.Id, "Ethics approval withdrawn.", None));

        var run = AssertSucceeded(await Queue.SubmitAsync(TestActors.Sato, permit.Id, null, Query, new RecordingCheck(), None));

        await AssertRefusedAsync(run, RunRefusalCodes.PermitRevoked, "Ethics approval withdrawn.");
    }

    [Fact]
    public async Task A_team_member_whose_accreditation_expired_is_refused_and_audited()
    {
        // The demo seed gives Tanaka an expired safe-researcher accreditation.
        var permit = await TestPermits.IssueAsync(Store, TestActors.Tanaka.Email);

        var run = AssertSucceeded(await Queue.SubmitAsync(TestActors.Tanaka, permit.Id, null, Query, new RecordingCheck(), None));

        await AssertRefusedAsync(run, RunRefusalCodes.AccreditationExpired, "Safe researcher accreditation");
    }

    [Fact]
    public async Task A_query_naming_a_variable_outside_the_permit_is_refused_with_the_construct_and_audited()
    {
        var permit = await TestPermits.IssueAsync(Store);
        var check = new RecordingCheck(ValidationError.Create("hba1c.method_code", RunRefusalCodes.VariableNotPermitted, "The variable 'method_code' (hba1c) is not in the permit."));

        var run = AssertSucceeded(await Queue.SubmitAsync(TestActors.Sato, permit.Id, null, "SELECT method_code, count(*) FROM hba1c GROUP BY 1", check, None));

        await AssertRefusedAsync(run, RunRefusalCodes.VariableNotPermitted, "method_code");
    }

    [Fact]
    public async Task Someone_not_on_the_team_gets_not_found_and_the_attempt_is_audited_but_nothing_is_stored()
    {
        var permit = await TestPermits.IssueAsync(Store);

        var result = await Queue.SubmitAsync(TestActors.Suzuki, permit.Id, null, Query, new RecordingCheck(), None);

        AssertRefused(result, "not-found");
        Assert.Empty(await Queue.ListAsync(TestActors.Suzuki, permit.Id, None));
        await using var db = await Store.DbAsync();
        Assert.False(await db.Runs.AnyAsync(r => r.PermitId == permit.Id));
        var refusals = await db.Set<AuditEntryRow>().AsNoTracking().Where(e => e.Action == AuditActions.RunRefused && e.ActorId == TestActors.Suzuki.UserId).ToListAsync();
        Assert.Contains(refusals, e => e.Reason == RunRefusalCodes.NotOnTeam);
    }

    [Fact]
    public async Task Empty_or_oversized_queries_are_refused_by_field_and_change_nothing()
    {
        var permit = await TestPermits.IssueAsync(Store);

        AssertRefused(await Queue.SubmitAsync(TestActors.Sato, permit.Id, null, "  ", new RecordingCheck(), None), "required");
        AssertRefused(await Queue.SubmitAsync(TestActors.Sato, permit.Id, null, new string('x', QueryRun.MaxQueryLength + 1), new RecordingCheck(), None), "max-length");
        Assert.Empty(await Queue.ListAsync(TestActors.Sato, permit.Id, None));
    }

    [Fact]
    public async Task Concurrent_workers_claim_each_queued_run_exactly_once()
    {
        var permit = await TestPermits.IssueAsync(Store);
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++) ids.Add(AssertSucceeded(await Queue.SubmitAsync(TestActors.Sato, permit.Id, null, Query + $" -- {i}", new RecordingCheck(), None)).Id);

        var claims = await Task.WhenAll(Enumerable.Range(0, 12).Select(w => Task.Run(() => Jobs.ClaimNextAsync($"worker-{w}", None))));

        var mine = claims.Where(c => c is not null && ids.Contains(c.Id)).Select(c => c!.Id).ToList();
        Assert.Equal(mine.Distinct().Count(), mine.Count);
        await using var db = await Store.DbAsync();
        // Every run of this permit is now running once (other suites' runs may have been claimed too).
        var states = await db.Runs.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.State, r.Attempt }).ToListAsync();
        Assert.All(states.Where(s => mine.Contains(s.Id)), s => Assert.Equal((RunState.Running, 1), (s.State, s.Attempt)));
        await FinishAllAsync(claims.Where(c => c is not null).Select(c => c!));
    }

    [Fact]
    public async Task A_run_whose_host_died_is_queued_again_once_and_the_dead_hosts_result_is_never_recorded()
    {
        var permit = await TestPermits.IssueAsync(Store);
        var run = AssertSucceeded(await Queue.SubmitAsync(TestActors.Sato, permit.Id, null, Query, new RecordingCheck(), None));
        var first = await ClaimAsync(run.Id, "host-a");
        Assert.Equal(QueryRun.ExecutionIdFor(run.Id, 1), first.ExecutionId);

        // host-a dies: no renewal; its lease runs out.
        Store.Time.Advance(TimeSpan.FromMinutes(5));
        var abandoned = await Jobs.RecoverAsync(None);
        Assert.Contains(first.ExecutionId, abandoned);
        var requeued = await StoredRunAsync(run.Id);
        Assert.Equal((RunState.Queued, 1), (requeued.State, requeued.Attempt));

        var second = await ClaimAsync(run.Id, "host-b");
        Assert.Equal(QueryRun.ExecutionIdFor(run.Id, 2), second.ExecutionId);

        // host-a's late result (it was only partitioned) is refused; host-b's is recorded, with its airlock record.
        Assert.Equal(LeaseState.Lost, await Jobs.RenewAsync(first, RunPhases.Executing, None));
        Assert.False(await Jobs.CompleteAsync(first, Succeeded(run, permit.Id, "late"), None));
        Assert.Equal(LeaseState.Held, await Jobs.RenewAsync(second, RunPhases.Storing, None));
        Assert.True(await Jobs.CompleteAsync(second, Succeeded(run, permit.Id, "b"), None));
        Assert.False(await Jobs.CompleteAsync(second, Succeeded(run, permit.Id, "again"), None));

        var done = await StoredRunAsync(run.Id);
        Assert.Equal((RunState.Succeeded, 2, 1), (done.State, done.Attempt, done.OutputTables));
        await using var db = await Store.DbAsync();
        var output = await db.RunOutputs.AsNoTracking().SingleAsync(o => o.RunId == run.Id);
        Assert.Equal(("airlock/b/tables/result.parquet", OutputStatuses.AwaitingCheck), (output.ParquetFile, output.Status));
        Assert.Equal(1, await db.Set<AuditEntryRow>().CountAsync(e => e.Action == AuditActions.RunCompleted && e.SubjectId == run.Id.ToString()));
    }

    [Fact]
    public async Task A_run_whose_last_attempt_also_died_is_failed_and_audited_not_run_a_third_time()
    {
        var permit = await TestPermits.IssueAsync(Store);
        var run = AssertSucceeded(await Queue.SubmitAsync(TestActors.Sato, permit.Id, null, Query, new RecordingCheck(), None));
        await ClaimAsync(run.Id, "host-a");
        Store.Time.Advance(TimeSpan.FromMinutes(5));
        await Jobs.RecoverAsync(None);
        await ClaimAsync(run.Id, "host-b");
        Store.Time.Advance(TimeSpan.FromMinutes(5));
        await Jobs.RecoverAsync(None);

        var failed = await StoredRunAsync(run.Id);
        Assert.Equal((RunState.Failed, "host-failure", 2), (failed.State, failed.ReasonCode, failed.Attempt));
        Assert.Null(failed.LeaseToken);
        var entry = await SingleAuditAsync(run.Id, AuditActions.RunCompleted);
        Assert.Equal((AuditOutcome.Failed, "host-failure"), (entry.Record.Outcome, entry.Record.Reason));
    }

    [Fact]
    public async Task A_host_shutting_down_puts_its_run_back_without_using_an_attempt()
    {
        var permit = await TestPermits.IssueAsync(Store);
        var run = AssertSucceeded(await Queue.SubmitAsync(TestActors.Sato, permit.Id, null, Query, new RecordingCheck(), None));
        var claim = await ClaimAsync(run.Id, "host-a");

        Assert.True(await Jobs.RequeueAsync(claim, None));

        var stored = await StoredRunAsync(run.Id);
        Assert.Equal((RunState.Queued, 0), (stored.State, stored.Attempt));
        Assert.Equal(QueryRun.ExecutionIdFor(run.Id, 1), (await ClaimAsync(run.Id, "host-b")).ExecutionId);
        await FinishAllAsync([]);
    }

    [Fact]
    public async Task Cancelling_a_queued_run_ends_it_and_a_running_one_is_flagged_for_its_worker()
    {
        var permit = await TestPermits.IssueAsync(Store);
        var queued = AssertSucceeded(await Queue.SubmitAsync(TestActors.Sato, permit.Id, null, Query, new RecordingCheck(), None));
        var cancelled = AssertSucceeded(await Queue.CancelAsync(TestActors.Sato, queued.Id, None));
        Assert.Equal(RunState.Cancelled, cancelled.State);
        Assert.Equal((AuditOutcome.Failed, "cancelled"), await OutcomeAsync(queued.Id));
        AssertRefused(await Queue.CancelAsync(TestActors.Sato, queued.Id, None), "already-finished");

        var running = AssertSucceeded(await Queue.SubmitAsync(TestActors.Sato, permit.Id, null, Query, new RecordingCheck(), None));
        var claim = await ClaimAsync(running.Id, "host-a");
        AssertRefused(await Queue.CancelAsync(TestActors.Suzuki, running.Id, None), "not-found");
        AssertSucceeded(await Queue.CancelAsync(TestActors.Sato, running.Id, None));
        Assert.Equal(LeaseState.CancelRequested, await Jobs.RenewAsync(claim, null, None));
        Assert.True(await Jobs.CompleteAsync(claim, new RunCompletion { State = RunState.Cancelled, ReasonCode = "cancelled", Message = "Cancelled." }, None));
        Assert.Equal(RunState.Cancelled, (await StoredRunAsync(running.Id)).State);
    }

    [Fact]
    public async Task The_recheck_before_executing_sees_a_permit_revoked_while_the_run_waited()
    {
        var permit = await TestPermits.IssueAsync(Store);
        var run = AssertSucceeded(await Queue.SubmitAsync(TestActors.Sato, permit.Id, null, Query, new RecordingCheck(), None));
        AssertSucceeded(await Store.Get<PermitService>().RevokeAsync(TestActors.Chair, permit.Id, "Stopped by the board.", None));
        var claim = await ClaimAsync(run.Id, "host-a");

        var admission = await Jobs.RecheckAsync(claim, None);

        Assert.Equal(RunRefusalCodes.PermitRevoked, admission.RefusalCode);
        Assert.True(await Jobs.CompleteAsync(claim, new RunCompletion { State = RunState.Refused, ReasonCode = admission.RefusalCode, Message = admission.RefusalMessage }, None));
        Assert.Equal((AuditOutcome.Refused, RunRefusalCodes.PermitRevoked), await OutcomeAsync(run.Id, AuditActions.RunRefused));
    }

    [Fact]
    public async Task Output_checkers_see_outputs_awaiting_check_and_researchers_do_not()
    {
        var permit = await TestPermits.IssueAsync(Store);
        var run = AssertSucceeded(await Queue.SubmitAsync(TestActors.Sato, permit.Id, null, Query, new RecordingCheck(), None));
        var claim = await ClaimAsync(run.Id, "host-a");
        Assert.True(await Jobs.CompleteAsync(claim, Succeeded(run, permit.Id, "checker-view"), None));
        var airlock = Store.Get<AirlockService>();

        var checker = TestActors.For("checker-kobayashi");
        Assert.Contains(await airlock.ListAsync(checker), o => o.Run.Id == run.Id && o.Output.Name == "result");
        Assert.Single(await airlock.ForRunAsync(checker, run.Id));
        Assert.Empty(await airlock.ListAsync(TestActors.Sato));
        Assert.Empty(await airlock.ForRunAsync(TestActors.Sato, run.Id));
        Assert.Null(await airlock.OpenAsync(TestActors.Sato, (await airlock.ForRunAsync(checker, run.Id))[0].Id, AirlockFileKind.Csv));
    }

    private async Task<ClaimedRun> ClaimAsync(Guid runId, string owner)
    {
        // Other tests' queued runs may come first: finish those as cancelled until ours is claimed.
        for (var i = 0; i < 100; i++)
        {
            var claim = await Jobs.ClaimNextAsync(owner, None);
            Assert.NotNull(claim);
            if (claim.Id == runId) return claim;
            await Jobs.CompleteAsync(claim, new RunCompletion { State = RunState.Cancelled, ReasonCode = "cancelled" }, None);
        }

        throw new InvalidOperationException("The run was never claimed.");
    }

    private async Task FinishAllAsync(IEnumerable<ClaimedRun> claims)
    {
        foreach (var claim in claims) await Jobs.CompleteAsync(claim, new RunCompletion { State = RunState.Cancelled, ReasonCode = "cancelled" }, None);
        while (await Jobs.ClaimNextAsync("cleanup", None) is { } left)
            await Jobs.CompleteAsync(left, new RunCompletion { State = RunState.Cancelled, ReasonCode = "cancelled" }, None);
    }

    private static RunCompletion Succeeded(QueryRun run, Guid permitId, string folder) => new()
    {
        State = RunState.Succeeded,
        Message = "1 result table in the airlock.",
        AirlockFolder = $"airlock/{folder}",
        ManifestSha256 = new string('a', 64),
        PolicyVersion = "default 2026.1",
        Outputs =
        [
            new RunOutput
            {
                RunId = run.Id, PermitId = permitId, Name = "result", Sql = run.Query, Plan = "single-pass", Rows = 8,
                ParquetFile = $"airlock/{folder}/tables/result.parquet", ParquetSha256 = new string('b', 64),
                CsvFile = $"airlock/{folder}/tables/result.csv", CsvSha256 = new string('c', 64),
                ShadowFile = $"airlock/{folder}/shadow/result.json", ShadowSha256 = new string('d', 64),
                Bytes = 1234, CreatedAt = DateTimeOffset.UtcNow,
            },
        ],
    };

    private async Task<QueryRun> StoredRunAsync(Guid id)
    {
        await using var db = await Store.DbAsync();
        return await db.Runs.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    private async Task AssertRefusedAsync(QueryRun run, string code, string messagePart)
    {
        Assert.Equal(RunState.Refused, run.State);
        Assert.Equal(code, run.ReasonCode);
        Assert.Contains(messagePart, run.Message, StringComparison.Ordinal);
        var entry = await SingleAuditAsync(run.Id, AuditActions.RunRefused);
        Assert.Equal((AuditOutcome.Refused, code), (entry.Record.Outcome, entry.Record.Reason));
        Assert.Equal(run.QueryHash, entry.Record.Detail(AuditDetailKeys.QueryHash));
        await using var db = await Store.DbAsync();
        Assert.False(await db.Set<AuditEntryRow>().AnyAsync(e => e.Action == AuditActions.RunRequested && e.SubjectId == run.Id.ToString()));
    }

    private async Task<(AuditOutcome, string?)> OutcomeAsync(Guid runId, string action = AuditActions.RunCompleted)
    {
        var entry = await SingleAuditAsync(runId, action);
        return (entry.Record.Outcome, entry.Record.Reason);
    }

    private async Task<Gatekeeper.Audit.Chain.ChainedEntry> SingleAuditAsync(Guid runId, string action)
    {
        await using var db = await Store.DbAsync();
        var rows = await db.Set<AuditEntryRow>().AsNoTracking()
            .Where(e => e.Action == action && e.SubjectId == runId.ToString()).ToListAsync();
        var row = Assert.Single(rows);
        return row.ToEntry();
    }
}
