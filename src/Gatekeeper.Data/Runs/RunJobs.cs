using Gatekeeper.Audit;
using Gatekeeper.Data.Audit;
using Gatekeeper.Domain.Accreditation;
using Gatekeeper.Domain.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Data.Runs;

/// <summary>
/// The worker side of the persisted job queue. A worker <see cref="ClaimNextAsync">claims</see> the oldest queued run
/// with a conditional update (only one claimer can move it from Queued to Running), holds a lease it
/// <see cref="RenewAsync">renews</see> while the run executes, and <see cref="CompleteAsync">completes</see> it — the
/// final state, the airlock records and the audit entry in one transaction, and only while it still holds the lease.
/// <para>
/// <b>Host crash rule</b> (<see cref="RecoverAsync"/>): a run whose lease expired while Running was being executed by a
/// host that died (its sandboxed worker died with it: <c>--die-with-parent</c>). It is queued again, once, as a new
/// attempt with a new execution id (the old attempt's folder is never read); when its last allowed attempt
/// (<see cref="RunQueueOptions.MaxAttempts"/>, default 2) expires too, it is marked Failed (<c>host-failure</c>) and
/// audited. So a crash never loses a run, and no run's results are recorded twice: a worker that lost its lease can
/// no longer complete the run.
/// </para>
/// </summary>
public sealed class RunJobs(
    IDbContextFactory<GatekeeperDbContext> factory,
    AuditTrail audit,
    AccreditationPolicy accreditation,
    IOptions<RunQueueOptions> options,
    TimeProvider time,
    ILogger<RunJobs> logger)
{
    private RunQueueOptions Options => options.Value;

    /// <summary>Claims the oldest queued run for <paramref name="owner"/>, or null when none is queued.</summary>
    public async Task<ClaimedRun?> ClaimNextAsync(string owner, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var candidates = await db.Runs.AsNoTracking().Where(r => r.State == RunState.Queued)
            .OrderBy(r => r.RequestedAt).Select(r => new { r.Id, r.Attempt }).Take(8).ToListAsync(cancellationToken);
        foreach (var candidate in candidates)
        {
            var now = time.GetUtcNow();
            var token = Guid.NewGuid();
            var attempt = candidate.Attempt + 1;
            var execution = QueryRun.ExecutionIdFor(candidate.Id, attempt);
            var expires = now + Options.LeaseDuration;
            var stamp = Guid.NewGuid();
            var claimed = await db.Runs
                .Where(r => r.Id == candidate.Id && r.State == RunState.Queued && r.Attempt == candidate.Attempt)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.State, RunState.Running)
                    .SetProperty(r => r.Attempt, attempt)
                    .SetProperty(r => r.ExecutionId, execution)
                    .SetProperty(r => r.LeaseToken, token)
                    .SetProperty(r => r.LeaseOwner, owner)
                    .SetProperty(r => r.LeaseExpiresAt, expires)
                    .SetProperty(r => r.StartedAt, now)
                    .SetProperty(r => r.Phase, RunPhases.Checking)
                    .SetProperty(r => r.Progress, RunPhases.ProgressOf(RunPhases.Checking))
                    .SetProperty(r => r.ConcurrencyStamp, stamp), cancellationToken);
            if (claimed == 0) continue; // another worker was quicker
            var run = await db.Runs.AsNoTracking().FirstAsync(r => r.Id == candidate.Id, cancellationToken);
            return new ClaimedRun(run, token);
        }

        return null;
    }

    /// <summary>Extends the lease and records the phase; tells the worker whether to carry on, cancel, or stop silently.</summary>
    public async Task<LeaseState> RenewAsync(ClaimedRun claim, string? phase, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var expires = time.GetUtcNow() + Options.LeaseDuration;
        var query = db.Runs.Where(r => r.Id == claim.Id && r.LeaseToken == claim.LeaseToken && r.State == RunState.Running);
        var renewed = phase is null
            ? await query.ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseExpiresAt, expires), cancellationToken)
            : await query.ExecuteUpdateAsync(s => s
                .SetProperty(r => r.LeaseExpiresAt, expires)
                .SetProperty(r => r.Phase, phase)
                .SetProperty(r => r.Progress, RunPhases.ProgressOf(phase)), cancellationToken);
        if (renewed == 0) return LeaseState.Lost;
        var cancel = await db.Runs.AsNoTracking().Where(r => r.Id == claim.Id).Select(r => r.CancelRequestedAt).FirstAsync(cancellationToken);
        return cancel is null ? LeaseState.Held : LeaseState.CancelRequested;
    }

    /// <summary>
    /// The permit, team and accreditation rules again, just before executing (a permit revoked or an accreditation
    /// expired while the run waited stops it).
    /// </summary>
    public async Task<RunAdmission> RecheckAsync(ClaimedRun claim, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var email = await db.UserProfiles.AsNoTracking().Where(u => u.Id == claim.Run.RequesterId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken) ?? "";
        var admission = await RunAccess.CheckAsync(db, accreditation, claim.Run.PermitId, claim.Run.RequesterId, email, time.GetUtcNow(), cancellationToken);
        return admission;
    }

    /// <summary>
    /// Puts a claimed run back in the queue without using up an attempt (the host is shutting down in good order);
    /// false when the lease was already lost.
    /// </summary>
    public async Task<bool> RequeueAsync(ClaimedRun claim, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var requeued = await db.Runs.Where(r => r.Id == claim.Id && r.LeaseToken == claim.LeaseToken && r.State == RunState.Running)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, RunState.Queued)
                .SetProperty(r => r.Attempt, r => r.Attempt - 1)
                .SetProperty(r => r.LeaseToken, (Guid?)null)
                .SetProperty(r => r.LeaseOwner, (string?)null)
                .SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null)
                .SetProperty(r => r.Phase, RunPhases.Queued)
                .SetProperty(r => r.Progress, 0)
                .SetProperty(r => r.ConcurrencyStamp, Guid.NewGuid()), cancellationToken);
        return requeued > 0;
    }

    /// <summary>
    /// Records how the execution ended, with its airlock records and audit entry, if the worker still holds the lease;
    /// false (nothing written) when it lost it.
    /// </summary>
    public async Task<bool> CompleteAsync(ClaimedRun claim, RunCompletion completion, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var run = await db.Runs.FirstOrDefaultAsync(r => r.Id == claim.Id && r.LeaseToken == claim.LeaseToken && r.State == RunState.Running, cancellationToken);
        if (run is null) return false;
        var now = time.GetUtcNow();
        run.DurationMs = completion.DurationMs;
        run.SandboxMode = completion.SandboxMode;
        if (completion.State == RunState.Succeeded)
        {
            run.AirlockFolder = completion.AirlockFolder;
            run.ManifestSha256 = completion.ManifestSha256;
            run.PolicyVersion = completion.PolicyVersion;
            run.OutputTables = completion.Outputs.Count;
            db.RunOutputs.AddRange(completion.Outputs);
            if (completion.Release is { } release)
            {
                db.ReleaseRequests.Add(release.Request);
                db.ReleaseFiles.AddRange(release.Files);
            }
        }

        run.Finish(completion.State, completion.ReasonCode, completion.Message, now);
        var actor = new AuditActor(run.RequesterId, run.RequesterRole, run.RequesterOrganisationId);
        await audit.AppendAsync(db, completion.State == RunState.Refused
            ? AuditRecords.RunRefused(now, actor, run.Id.ToString(), run.PermitId.ToString(), completion.ReasonCode ?? RunRefusalCodes.QueryInvalid, run.QueryHash)
            : AuditRecords.RunCompleted(now, actor, run.Id.ToString(), run.PermitId.ToString(), completion.State == RunState.Succeeded,
                completion.State == RunState.Succeeded ? null : completion.ReasonCode), cancellationToken);
        if (completion.State == RunState.Succeeded && completion.Release is { } opened)
        {
            foreach (var record in opened.CheckRecords) await audit.AppendAsync(db, record, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return false; // recovered by another host at the same moment
        }

        await tx.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Which of these airlock folders (named after execution ids, under <paramref name="airlockFolder"/>) runs own: recorded
    /// as a succeeded run's results, or the folder of an execution still running (its results may have been moved there a
    /// moment before its commit). One query for them all.
    /// </summary>
    public async Task<IReadOnlySet<string>> OwnedAirlockFoldersAsync(IReadOnlyCollection<string> executionIds, string airlockFolder, CancellationToken cancellationToken)
    {
        var relative = executionIds.Select(e => Path.Combine(airlockFolder, e)).ToList();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var owned = await db.Runs.AsNoTracking()
            .Where(r => relative.Contains(r.AirlockFolder!) || (r.State == RunState.Running && executionIds.Contains(r.ExecutionId!)))
            .Select(r => new { r.AirlockFolder, r.ExecutionId, r.State }).ToListAsync(cancellationToken);
        return owned.SelectMany(r => new[] { r.AirlockFolder, r.State == RunState.Running ? Path.Combine(airlockFolder, r.ExecutionId!) : null })
            .OfType<string>().Select(Path.GetFileName).OfType<string>().ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Applies the host crash rule to every run whose lease has expired: queued again as a new attempt, or failed after
    /// the last attempt. Returns the execution ids of the abandoned attempts (their folders may be removed).
    /// </summary>
    public async Task<IReadOnlyList<string>> RecoverAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var expired = await db.Runs.AsNoTracking()
            .Where(r => r.State == RunState.Running && r.LeaseExpiresAt != null && r.LeaseExpiresAt < now)
            .Select(r => new { r.Id, r.LeaseToken, r.Attempt, r.ExecutionId, r.CancelRequestedAt }).ToListAsync(cancellationToken);
        var abandoned = new List<string>();
        foreach (var run in expired)
        {
            if (run.Attempt < Options.MaxAttempts && run.CancelRequestedAt is null)
            {
                var requeued = await db.Runs.Where(r => r.Id == run.Id && r.LeaseToken == run.LeaseToken && r.State == RunState.Running)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(r => r.State, RunState.Queued)
                        .SetProperty(r => r.LeaseToken, (Guid?)null)
                        .SetProperty(r => r.LeaseOwner, (string?)null)
                        .SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null)
                        .SetProperty(r => r.Phase, RunPhases.Queued)
                        .SetProperty(r => r.Progress, 0)
                        .SetProperty(r => r.Message, "The gatekeeper restarted while this run was executing; it was queued again.")
                        .SetProperty(r => r.ConcurrencyStamp, Guid.NewGuid()), cancellationToken);
                if (requeued == 0) continue;
                logger.LogWarning("Run {RunId}: lease expired during attempt {Attempt}; queued again", run.Id, run.Attempt);
            }
            else
            {
                await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
                var tracked = await db.Runs.FirstOrDefaultAsync(r => r.Id == run.Id && r.LeaseToken == run.LeaseToken && r.State == RunState.Running, cancellationToken);
                if (tracked is null) continue;
                var cancelled = run.CancelRequestedAt is not null;
                tracked.Finish(cancelled ? RunState.Cancelled : RunState.Failed, cancelled ? "cancelled" : "host-failure",
                    cancelled ? "Cancelled; the gatekeeper stopped while it was executing."
                              : $"The gatekeeper stopped while this run was executing ({run.Attempt} attempts); nothing was kept. Submit it again.", now);
                await audit.AppendAsync(db, AuditRecords.RunCompleted(now, AuditActor.System, tracked.Id.ToString(), tracked.PermitId.ToString(), succeeded: false,
                    cancelled ? "cancelled" : "host-failure"), cancellationToken);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateConcurrencyException)
                {
                    continue;
                }

                await tx.CommitAsync(cancellationToken);
                db.ChangeTracker.Clear();
                logger.LogWarning("Run {RunId}: lease expired during its last attempt {Attempt}; marked {State}", run.Id, run.Attempt, tracked.State);
            }

            if (run.ExecutionId is not null) abandoned.Add(run.ExecutionId);
        }

        return abandoned;
    }
}
