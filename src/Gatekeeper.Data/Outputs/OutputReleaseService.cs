using Gatekeeper.Audit;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Runs;
using Gatekeeper.Data.Workflows;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Outputs;
using Gatekeeper.Workflows.Definitions;
using Gatekeeper.Workflows.Guards;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Outputs;

/// <summary>
/// The researcher's side of the exit review: see a run's release request with the automated verdicts, describe the
/// outputs, choose which to ask for, request an exception for a failing one, submit (which starts the
/// <c>output-release</c> workflow, or a new round after a return) or withdraw, and download the released package.
/// Only the run's permit team (holder and named members) sees or changes a request.
/// </summary>
public sealed class OutputReleaseService(
    IDbContextFactory<GatekeeperDbContext> factory,
    WorkflowRuntime runtime,
    ReleasePackageStore packages,
    AuditTrail audit,
    TimeProvider time)
{
    public const string DefinitionId = "output-release";

    /// <summary>Shortest description a submission accepts (a word or two does not tell a checker what the outputs are).</summary>
    public const int MinDescriptionLength = 20;

    /// <summary>The release request of a run, for its permit team; null when there is none or the caller is not on the team.</summary>
    public async Task<ResearcherReleaseView?> GetForRunAsync(Actor actor, Guid runId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var request = await db.ReleaseRequests.AsNoTracking().FirstOrDefaultAsync(r => r.RunId == runId, cancellationToken);
        if (request is null || !await OnTeamAsync(db, actor, request, cancellationToken)) return null;
        return await ViewAsync(db, request, cancellationToken);
    }

    /// <summary>The release requests under a permit (newest first), for its team.</summary>
    public async Task<IReadOnlyList<ReleaseRequest>> ListForPermitAsync(Actor actor, Guid permitId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var permit = await db.Permits.AsNoTracking().FirstOrDefaultAsync(p => p.Id == permitId, cancellationToken);
        if (permit is null || !RunAccess.IsOnTeam(permit, actor.UserId, actor.Email)) return [];
        return await db.ReleaseRequests.AsNoTracking().Where(r => r.PermitId == permitId).OrderByDescending(r => r.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>Saves the researcher's description and per-file choices (pending or returned requests only).</summary>
    public async Task<DomainResult> SaveDraftAsync(Actor actor, Guid requestId, ReleaseDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var request = await db.ReleaseRequests.FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null || !await OnTeamAsync(db, actor, request, cancellationToken)) return NotFound();
        if (!ReleaseStatuses.IsEditable(request.Status)) return NotEditable(request);
        var files = await db.ReleaseFiles.Where(f => f.RequestId == requestId).ToListAsync(cancellationToken);
        var errors = ApplyDraft(request, files, draft);
        if (errors.Count > 0) return DomainResult.Fail(errors);
        request.ConcurrencyStamp = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Busy();
        }

        return DomainResult.Ok;
    }

    /// <summary>
    /// Submits the request for output checking: a description, at least one file, and an exception request for every
    /// included file the automated check failed. The first submission starts the workflow; after a return it starts a new
    /// round of review. Atomic with the workflow step and its audit entry.
    /// </summary>
    public async Task<DomainResult> SubmitAsync(Actor actor, Guid requestId, ReleaseDraft? draft, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var request = await db.ReleaseRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null || !await OnTeamAsync(db, actor, request, cancellationToken)) return NotFound();
        if (!ReleaseStatuses.IsEditable(request.Status)) return NotEditable(request);
        if (request.WorkflowInstanceId is { } instanceId)
        {
            var resubmitted = await runtime.StepAsync<bool>(instanceId, actor, "release.submitted", async ctx =>
            {
                var tracked = await ctx.Db.ReleaseRequests.FirstAsync(r => r.Id == requestId, cancellationToken);
                if (tracked.Status != ReleaseStatuses.Returned) return DomainResult<bool>.Fail([NotEditable(tracked).Errors[0]]);
                var errors = await PrepareSubmissionAsync(ctx.Db, tracked, draft, cancellationToken);
                if (errors.Count > 0) return DomainResult<bool>.Fail(errors);
                var fired = ctx.Session.FireSystem("resubmit", $"Resubmitted by {actor.DisplayName} (round {tracked.Round})");
                return fired.Succeeded ? DomainResult<bool>.Ok(true) : DomainResult<bool>.Fail(fired.Errors);
            }, cancellationToken);
            return resubmitted.Succeeded ? DomainResult.Ok : DomainResult.Fail(resubmitted.Errors);
        }

        for (var attempt = 1; attempt <= WorkflowRuntime.MaxAttempts; attempt++)
        {
            await using var work = await factory.CreateDbContextAsync(cancellationToken);
            await using var tx = await work.Database.BeginTransactionAsync(cancellationToken);
            var tracked = await work.ReleaseRequests.FirstAsync(r => r.Id == requestId, cancellationToken);
            if (tracked.Status != ReleaseStatuses.Pending) return NotEditable(tracked);
            var errors = await PrepareSubmissionAsync(work, tracked, draft, cancellationToken);
            if (errors.Count > 0) return DomainResult.Fail(errors);
            var application = await work.Applications.FirstAsync(a => a.Id == tracked.ApplicationId, cancellationToken);
            // The files as the draft just left them (tracked, not yet saved).
            var files = work.ReleaseFiles.Local.Where(f => f.RequestId == requestId && f.Included).ToList();
            var instance = await runtime.StartInAsync(work, runtime.Catalog.Get(DefinitionId), tracked.Id, application, FactsOf(files), i =>
            {
                i.Reference = tracked.Number;
                i.Title = $"{tracked.RunNumber} · {tracked.PermitNumber}";
            }, actor, cancellationToken);
            tracked.WorkflowInstanceId = instance.Id;
            try
            {
                await work.SaveChangesAsync(cancellationToken);
                await tx.CommitAsync(cancellationToken);
                return DomainResult.Ok;
            }
            catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || StoreErrors.IsUniqueViolation(ex))
            {
                // Submitted twice at once: the next attempt sees the winner's state.
            }
        }

        return Busy();
    }

    /// <summary>Withdraws a request that is not under review (pending or returned); nothing of it is released.</summary>
    public async Task<DomainResult> WithdrawAsync(Actor actor, Guid requestId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var request = await db.ReleaseRequests.FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null || !await OnTeamAsync(db, actor, request, cancellationToken)) return NotFound();
        if (!ReleaseStatuses.IsEditable(request.Status)) return NotEditable(request);
        if (request.WorkflowInstanceId is { } instanceId)
        {
            var result = await runtime.StepAsync<bool>(instanceId, actor, "release.withdrawn", async ctx =>
            {
                var tracked = await ctx.Db.ReleaseRequests.FirstAsync(r => r.Id == requestId, cancellationToken);
                if (tracked.Status != ReleaseStatuses.Returned) return DomainResult<bool>.Fail([NotEditable(tracked).Errors[0]]);
                var fired = ctx.Session.FireSystem("withdraw", $"Withdrawn by {actor.DisplayName}");
                if (!fired.Succeeded) return DomainResult<bool>.Fail(fired.Errors);
                await MarkWithdrawnAsync(ctx.Db, tracked, actor, cancellationToken);
                return DomainResult<bool>.Ok(true);
            }, cancellationToken);
            return result.Succeeded ? DomainResult.Ok : DomainResult.Fail(result.Errors);
        }

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await MarkWithdrawnAsync(db, request, actor, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Busy();
        }

        await tx.CommitAsync(cancellationToken);
        return DomainResult.Ok;
    }

    /// <summary>
    /// Opens the released package for a team member, after checking its SHA-256 against the record; the download is
    /// audited (<c>release.downloaded</c>) before a byte is returned. Null when there is nothing the caller may download.
    /// </summary>
    public async Task<ReleaseDownload?> DownloadAsync(Actor actor, Guid requestId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var request = await db.ReleaseRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null || request.Status != ReleaseStatuses.Released || request.PackageFile is null || request.PackageSha256 is null) return null;
        if (!await OnTeamAsync(db, actor, request, cancellationToken)) return null;
        var bytes = await packages.ReadVerifiedAsync(request.PackageFile, request.PackageSha256, cancellationToken);
        var files = await db.ReleaseFiles.CountAsync(f => f.RequestId == requestId && f.Released, cancellationToken);
        await audit.RecordAsync(AuditRecords.ReleaseDownloaded(time.GetUtcNow(), AuditActorOf(actor), request.Id.ToString(), request.PermitId.ToString(), files, bytes.Length), cancellationToken);
        return new ReleaseDownload($"{request.Number}.zip", bytes);
    }

    internal static GuardFacts FactsOf(IReadOnlyList<ReleaseFile> files) => new GuardFacts()
        .Set("check.done", true)
        .Set("check.passed", files.All(f => f.CheckStatus == AutomatedCheckStatuses.Pass))
        .Set("check.findings", files.Sum(f => f.FailedCells + f.ReviewCells));

    internal static async Task<bool> OnTeamAsync(GatekeeperDbContext db, Actor actor, ReleaseRequest request, CancellationToken cancellationToken)
    {
        var permit = await db.Permits.AsNoTracking().FirstOrDefaultAsync(p => p.Id == request.PermitId, cancellationToken);
        return permit is not null && RunAccess.IsOnTeam(permit, actor.UserId, actor.Email);
    }

    internal static AuditActor AuditActorOf(Actor actor) =>
        new(actor.UserId, Roles.All.FirstOrDefault(actor.IsInRole), actor.OrganisationId, actor.ClientAddress);

    private static async Task<ResearcherReleaseView> ViewAsync(GatekeeperDbContext db, ReleaseRequest request, CancellationToken cancellationToken)
    {
        var files = await db.ReleaseFiles.AsNoTracking().Where(f => f.RequestId == request.Id).OrderBy(f => f.Name).ToListAsync(cancellationToken);
        // Per-file comments of the last decided round, so a return or rejection tells the researcher what to change.
        var decided = request.Status is ReleaseStatuses.Returned or ReleaseStatuses.Rejected or ReleaseStatuses.Approved or ReleaseStatuses.Released;
        var votes = decided
            ? await db.ReleaseVotes.AsNoTracking().Where(v => v.RequestId == request.Id && v.Round == request.Round && v.SubmittedAt != null).ToListAsync(cancellationToken)
            : [];
        return new ResearcherReleaseView(request, files, votes, ReleaseStatuses.IsEditable(request.Status));
    }

    private async Task<List<ValidationError>> PrepareSubmissionAsync(GatekeeperDbContext db, ReleaseRequest request, ReleaseDraft? draft, CancellationToken cancellationToken)
    {
        var files = await db.ReleaseFiles.Where(f => f.RequestId == request.Id).ToListAsync(cancellationToken);
        var errors = draft is null ? [] : ApplyDraft(request, files, draft);
        if (errors.Count > 0) return errors;
        if ((request.Description?.Trim().Length ?? 0) < MinDescriptionLength)
            errors.Add(ValidationError.Create("description", "required", $"Describe the outputs and how they serve the permit's purpose (at least {MinDescriptionLength} characters).", ("min", MinDescriptionLength)));
        if (!files.Any(f => f.Included))
            errors.Add(ValidationError.Create("files", "none-included", "Include at least one output in the request."));
        foreach (var (file, i) in files.OrderBy(f => f.Name).Select((f, i) => (f, i)))
        {
            if (file.Included && file.LimitViolation is not null)
                errors.Add(ValidationError.Create($"files[{i}].included", "limit-exceeded",
                    $"'{file.Name}' cannot be released: {file.LimitViolation} Leave it out, or aggregate further and run again.", ("file", file.Name)));
            else if (file.Included && file.FailsAutomatically && string.IsNullOrWhiteSpace(file.ExceptionJustification))
                errors.Add(ValidationError.Create($"files[{i}].exceptionJustification", "exception-required",
                    $"'{file.Name}' failed the automated disclosure check: leave it out, or request an exception with a justification.", ("file", file.Name)));
        }

        if (errors.Count > 0) return errors;
        var now = time.GetUtcNow();
        request.Status = ReleaseStatuses.Submitted;
        request.Round++;
        request.SubmittedAt = now;
        request.DecidedAt = null;
        request.DecidedBy = null;
        request.DecisionComment = null;
        request.ConcurrencyStamp = Guid.NewGuid();
        return errors;
    }

    private static List<ValidationError> ApplyDraft(ReleaseRequest request, List<ReleaseFile> files, ReleaseDraft draft)
    {
        var errors = new List<ValidationError>();
        if (draft.Description is { Length: > ReleaseRequest.MaxTextLength })
            errors.Add(ValidationError.Create("description", "too-long", $"The description is longer than {ReleaseRequest.MaxTextLength} characters.", ("max", ReleaseRequest.MaxTextLength)));
        for (var i = 0; i < draft.Files.Count; i++)
        {
            var edit = draft.Files[i];
            var file = files.FirstOrDefault(f => f.Id == edit.FileId);
            if (file is null)
            {
                errors.Add(ValidationError.Create($"files[{i}].fileId", "unknown-file", "That file is not part of this request."));
                continue;
            }

            if (edit.Description is { Length: > ReleaseRequest.MaxTextLength } || edit.ExceptionJustification is { Length: > ReleaseRequest.MaxTextLength })
                errors.Add(ValidationError.Create($"files[{i}].description", "too-long", $"Texts of '{file.Name}' are longer than {ReleaseRequest.MaxTextLength} characters.", ("max", ReleaseRequest.MaxTextLength)));
            if (!string.IsNullOrWhiteSpace(edit.ExceptionJustification) && file.CheckStatus == AutomatedCheckStatuses.Pass)
                errors.Add(ValidationError.Create($"files[{i}].exceptionJustification", "exception-not-needed", $"'{file.Name}' passed the automated check; it needs no exception.", ("file", file.Name)));
        }

        if (errors.Count > 0) return errors;
        if (draft.Description is not null) request.Description = Clean(draft.Description);
        foreach (var edit in draft.Files)
        {
            var file = files.First(f => f.Id == edit.FileId);
            file.Included = edit.Included;
            file.Description = Clean(edit.Description);
            file.ExceptionJustification = Clean(edit.ExceptionJustification);
        }

        return errors;
    }

    private async Task MarkWithdrawnAsync(GatekeeperDbContext db, ReleaseRequest request, Actor actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        request.Status = ReleaseStatuses.Withdrawn;
        request.DecidedAt = now;
        request.DecidedBy = actor.UserId;
        request.ConcurrencyStamp = Guid.NewGuid();
        var files = await db.ReleaseFiles.AsNoTracking().Where(f => f.RequestId == request.Id).ToListAsync(cancellationToken);
        await OutputCheckingService.SetOutputStatusAsync(db, files, Domain.Airlock.OutputStatuses.Withdrawn, cancellationToken);
        foreach (var file in files)
        {
            await audit.AppendAsync(db, AuditRecords.OutputDecision(now, AuditActorOf(actor), file.OutputId.ToString(), request.RunId.ToString(), request.PermitId.ToString(),
                OutputDecisions.Withdraw, "withdrawn by the researcher"), cancellationToken);
        }
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static DomainResult NotFound() => DomainResult.Fail("requestId", "not-found", "No such release request.");

    private static DomainResult Busy() => DomainResult.Fail("requestId", "busy", "Someone changed this request at the same moment; reload and try again.");

    private static DomainResult NotEditable(ReleaseRequest request) =>
        DomainResult.Fail("status", "not-editable", $"Release request {request.Number} is {request.Status}; only a pending or returned request can be changed.", ("status", request.Status));
}
