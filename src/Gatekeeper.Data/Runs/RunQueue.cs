using Gatekeeper.Audit;
using Gatekeeper.Data.Audit;
using Gatekeeper.Domain.Accreditation;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Runs;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Runs;

/// <summary>
/// Runs as researchers see them: admission under a permit, submitting (queued or refused, audited in the same
/// transaction), the permit's runs, one run, and cancelling. The worker side is <see cref="RunJobs"/>.
/// </summary>
public sealed class RunQueue(IDbContextFactory<GatekeeperDbContext> factory, AuditTrail audit, AccreditationPolicy accreditation, TimeProvider time)
{
    /// <summary>Runs listed per permit, newest first.</summary>
    public const int ListLimit = 200;

    /// <summary>Whether <paramref name="actor"/> may run queries under the permit now, and why not.</summary>
    public async Task<RunAdmission> AdmitAsync(Actor actor, Guid permitId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await RunAccess.CheckAsync(db, accreditation, permitId, actor.UserId, actor.Email, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>
    /// Queues a run, or records it as refused (permit, team, accreditation, query): either way the run and its audit entry
    /// (<c>run.requested</c> or <c>run.refused</c> with the normalised query's hash) are written together. Empty or
    /// over-long queries and permits the person is not named on are errors that store nothing.
    /// </summary>
    public async Task<DomainResult<QueryRun>> SubmitAsync(Actor actor, Guid permitId, string? datasetId, string? query, IRunQueryCheck check, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query))
            return Fail("query", "required", "Write a query to run.");
        if (query.Length > QueryRun.MaxQueryLength)
            return Fail("query", "max-length", $"'query' may be at most {QueryRun.MaxQueryLength} characters.", ("max", QueryRun.MaxQueryLength));

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var admission = await RunAccess.CheckAsync(db, accreditation, permitId, actor.UserId, actor.Email, now, cancellationToken);
        var permit = admission.Permit;
        if (permit is null || admission.RefusalCode == RunRefusalCodes.NotOnTeam)
        {
            await using var refusalTx = await db.Database.BeginTransactionAsync(cancellationToken);
            await audit.AppendAsync(db, AuditRecords.RunRefused(now, AuditActorOf(actor), Guid.NewGuid().ToString(), permitId.ToString(),
                admission.RefusalCode ?? RunRefusalCodes.PermitNotFound, QueryNormaliser.Hash(query)), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await refusalTx.CommitAsync(cancellationToken);
            return Fail("permitId", "not-found", "No such permit, or you are not named on its team.");
        }

        var dataset = string.IsNullOrWhiteSpace(datasetId) ? permit.Datasets.FirstOrDefault()?.DatasetId : datasetId.Trim();
        if (dataset is null || permit.Datasets.All(d => d.DatasetId != dataset))
            return Fail("datasetId", "not-in-permit", $"The permit does not grant dataset '{datasetId}'.", ("dataset", datasetId));

        (string Code, string Message)? refusal = admission.RefusalCode is { } code ? (code, admission.RefusalMessage!) : null;
        if (refusal is null)
        {
            var problems = await check.CheckAsync(permit, dataset, query, cancellationToken);
            if (problems.Count > 0) refusal = (problems[0].Rule, string.Join(Environment.NewLine, problems.Select(p => p.Message)));
        }

        var role = actor.IsInRole(Roles.Researcher) ? Roles.Researcher : Roles.All.FirstOrDefault(actor.IsInRole);
        var run = QueryRun.Request(permit.Id, permit.Number, dataset, actor.UserId, actor.DisplayName, actor.OrganisationId, role, query, QueryNormaliser.Hash(query), now, refusal);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Runs.Add(run);
        await audit.AppendAsync(db, refusal is { } r
            ? AuditRecords.RunRefused(now, AuditActorOf(actor), run.Id.ToString(), permit.Id.ToString(), r.Code, run.QueryHash)
            : AuditRecords.RunRequested(now, AuditActorOf(actor), run.Id.ToString(), permit.Id.ToString(), run.QueryHash), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return run;
    }

    /// <summary>The permit's runs (the whole team's), newest first, for a person named on the permit; empty otherwise.</summary>
    public async Task<IReadOnlyList<QueryRun>> ListAsync(Actor actor, Guid permitId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var permit = await db.Permits.AsNoTracking().FirstOrDefaultAsync(p => p.Id == permitId, cancellationToken);
        if (permit is null || !RunAccess.IsOnTeam(permit, actor.UserId, actor.Email)) return [];
        return await db.Runs.AsNoTracking().Where(r => r.PermitId == permitId)
            .OrderByDescending(r => r.RequestedAt).Take(ListLimit).ToListAsync(cancellationToken);
    }

    /// <summary>One run, if it is under a permit the person is named on.</summary>
    public async Task<QueryRun?> GetAsync(Actor actor, Guid runId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null) return null;
        var permit = await db.Permits.AsNoTracking().FirstAsync(p => p.Id == run.PermitId, cancellationToken);
        return RunAccess.IsOnTeam(permit, actor.UserId, actor.Email) ? run : null;
    }

    /// <summary>
    /// Cancels a run of the caller's team: a queued run ends at once (audited as a completed run that did not succeed);
    /// a running one is marked and its worker stops it at its next lease renewal. Finished runs cannot be cancelled.
    /// </summary>
    public async Task<DomainResult<QueryRun>> CancelAsync(Actor actor, Guid runId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var run = await db.Runs.FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        var permit = run is null ? null : await db.Permits.AsNoTracking().FirstAsync(p => p.Id == run.PermitId, cancellationToken);
        if (run is null || permit is null || !RunAccess.IsOnTeam(permit, actor.UserId, actor.Email))
            return Fail("runId", "not-found", "No such run, or you are not named on its permit's team.");
        if (run.IsFinal)
            return Fail("runId", "already-finished", $"Run {run.Number} has already finished ({run.State}).", ("state", run.State));
        var now = time.GetUtcNow();
        if (run.State == RunState.Queued)
        {
            run.Finish(RunState.Cancelled, "cancelled", $"Cancelled by {actor.DisplayName} before it started.", now);
            await audit.AppendAsync(db, AuditRecords.RunCompleted(now, AuditActorOf(actor), run.Id.ToString(), run.PermitId.ToString(), succeeded: false, "cancelled"), cancellationToken);
        }
        else if (run.CancelRequestedAt is null)
        {
            run.CancelRequestedAt = now;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Fail("runId", "stale-edit", "The run changed at the same moment (it may have started or finished); reload and try again.");
        }

        await tx.CommitAsync(cancellationToken);
        return run;
    }

    internal static AuditActor AuditActorOf(Actor actor) =>
        new(actor.UserId, actor.IsInRole(Roles.Researcher) ? Roles.Researcher : Roles.All.FirstOrDefault(actor.IsInRole), actor.OrganisationId, actor.ClientAddress);

    private static DomainResult<QueryRun> Fail(string field, string rule, string message, params (string, object?)[] args) =>
        DomainResult<QueryRun>.Fail([ValidationError.Create(field, rule, message, args)]);
}
