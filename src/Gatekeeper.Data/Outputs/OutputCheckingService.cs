using Gatekeeper.Audit;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Workflows;
using Gatekeeper.Domain.Airlock;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Outputs;
using Gatekeeper.Workflows.Definitions;
using Gatekeeper.Workflows.Engine;
using Gatekeeper.Workflows.Notifications;
using Gatekeeper.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Gatekeeper.Data.Outputs;

/// <summary>
/// The output checkers' side of the exit review (<c>workflows/output-release.yaml</c>): the queue, a request with its
/// files and verdicts, per-file votes (approve / request changes; a comment is required to approve what the automation
/// failed and to ask for changes to what it passed), submitting a review (the engine's vote), the consolidating decision
/// (approve / return / reject) and the release package. Separation of duties: nobody of the applicant's organisation, the
/// applicant or a named team member sees or checks a request, and the two reviews of a round come from two people.
/// Blinding: a checker sees the other's votes only when both reviews are in.
/// </summary>
public sealed class OutputCheckingService(
    IDbContextFactory<GatekeeperDbContext> factory,
    WorkflowRuntime runtime,
    ReleasePackageStore packages,
    AuditTrail audit,
    TimeProvider time,
    ILogger<OutputCheckingService> logger)
{
    private const string ReviewState = "output_review";
    private const string ConsolidationState = "reviewed";

    /// <summary>Requests for the caller to check (under review or approved awaiting the package) and, with <paramref name="includeDecided"/>, the decided ones.</summary>
    public async Task<IReadOnlyList<CheckerQueueItem>> QueueAsync(Actor actor, bool includeDecided, CancellationToken cancellationToken)
    {
        if (!actor.IsInRole(Roles.OutputChecker)) return [];
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var statuses = includeDecided
            ? ReleaseStatuses.All.Where(s => s != ReleaseStatuses.Pending).ToArray()
            : [ReleaseStatuses.Submitted, ReleaseStatuses.PartiallyReviewed, ReleaseStatuses.Reviewed, ReleaseStatuses.Approved];
        var requests = await db.ReleaseRequests.AsNoTracking()
            .Where(r => statuses.Contains(r.Status) && r.RequesterOrganisationId != actor.OrganisationId)
            .OrderBy(r => r.SubmittedAt).Take(500).ToListAsync(cancellationToken);
        var ids = requests.Select(r => r.Id).ToList();
        var applications = await db.Applications.AsNoTracking().Where(a => requests.Select(r => r.ApplicationId).Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        var files = await db.ReleaseFiles.AsNoTracking().Where(f => ids.Contains(f.RequestId) && f.Included).ToListAsync(cancellationToken);
        var submitted = await db.ReleaseVotes.AsNoTracking().Where(v => ids.Contains(v.RequestId) && v.SubmittedAt != null)
            .Select(v => new { v.RequestId, v.Round, v.CheckerId }).Distinct().ToListAsync(cancellationToken);
        var instanceIds = requests.Where(r => r.WorkflowInstanceId != null).Select(r => r.WorkflowInstanceId!.Value).ToList();
        var openVotes = await db.WorkflowTasks.AsNoTracking()
            .Where(t => instanceIds.Contains(t.InstanceId) && t.Status == WorkflowTaskStatus.Open && t.State == ReviewState)
            .Select(t => new { t.InstanceId, t.AssigneeId }).ToListAsync(cancellationToken);

        var items = new List<CheckerQueueItem>();
        foreach (var r in requests)
        {
            if (!applications.TryGetValue(r.ApplicationId, out var application) || SeparationOfDuties.Conflict(actor, application) is not null) continue;
            var reviewsIn = submitted.Count(s => s.RequestId == r.Id && s.Round == r.Round);
            var mine = submitted.Any(s => s.RequestId == r.Id && s.Round == r.Round && s.CheckerId == actor.UserId);
            var slots = openVotes.Where(t => t.InstanceId == r.WorkflowInstanceId).ToList();
            var due = !mine && (slots.Any(t => t.AssigneeId == actor.UserId) || slots.Any(t => t.AssigneeId is null));
            var own = files.Where(f => f.RequestId == r.Id).ToList();
            items.Add(new CheckerQueueItem(r, due, reviewsIn, own.Count, own.Count(f => f.FailsAutomatically)));
        }

        return items;
    }

    /// <summary>One request for a checker; null when the caller is not an output checker or has a conflict of interest.</summary>
    public async Task<CheckerReleaseView?> GetAsync(Actor actor, Guid requestId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var request = await db.ReleaseRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null || request.Status == ReleaseStatuses.Pending || await ConflictAsync(db, actor, request, cancellationToken) is not null) return null;
        var run = await db.Runs.AsNoTracking().FirstAsync(r => r.Id == request.RunId, cancellationToken);
        var files = await db.ReleaseFiles.AsNoTracking().Where(f => f.RequestId == requestId && f.Included).OrderBy(f => f.Name).ToListAsync(cancellationToken);
        var outputIds = files.Select(f => f.OutputId).ToList();
        var outputs = await db.RunOutputs.AsNoTracking().Where(o => outputIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var votes = await db.ReleaseVotes.AsNoTracking().Where(v => v.RequestId == requestId && v.Round == request.Round).ToListAsync(cancellationToken);
        var reviewers = votes.Where(v => v.SubmittedAt != null).Select(v => v.CheckerId).Distinct().ToList();
        var blinded = request.Status is ReleaseStatuses.Submitted or ReleaseStatuses.PartiallyReviewed;
        var mySubmitted = reviewers.Contains(actor.UserId);
        var slot = await VoteSlotAsync(db, request, actor, cancellationToken);
        return new CheckerReleaseView(
            request, run, files, outputs,
            [.. votes.Where(v => v.CheckerId == actor.UserId)],
            blinded ? [] : [.. votes.Where(v => v.CheckerId != actor.UserId && v.SubmittedAt != null)],
            blinded, reviewers.Count, mySubmitted,
            CanVote: ReleaseStatuses.IsUnderReview(request.Status) && request.Status != ReleaseStatuses.Reviewed && !mySubmitted && slot is not null,
            CanDecide: request.Status == ReleaseStatuses.Reviewed,
            CanRetryRelease: request.Status == ReleaseStatuses.Approved);
    }

    /// <summary>Records (or changes) the caller's vote on one file of the current round, before they submit their review.</summary>
    public async Task<DomainResult> SaveVoteAsync(Actor actor, Guid requestId, Guid fileId, string choice, string? comment, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var request = await db.ReleaseRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null || request.Status == ReleaseStatuses.Pending) return NotFound();
        if (await ConflictAsync(db, actor, request, cancellationToken) is { } conflict) return conflict;
        if (request.Status is not (ReleaseStatuses.Submitted or ReleaseStatuses.PartiallyReviewed))
            return DomainResult.Fail("status", "not-under-review", $"Release request {request.Number} is {request.Status}; votes can no longer change.", ("status", request.Status));
        var file = await db.ReleaseFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId && f.RequestId == requestId && f.Included, cancellationToken);
        if (file is null) return DomainResult.Fail("fileId", "unknown-file", "That file is not part of this request.");
        if (VoteProblem(file, choice, comment) is { } problem) return DomainResult.Fail([problem]);
        if (await VoteSlotAsync(db, request, actor, cancellationToken) is null)
            return DomainResult.Fail("actor", "no-review-slot", "Both reviews of this request are taken by other output checkers.");
        var vote = await db.ReleaseVotes.FirstOrDefaultAsync(v => v.RequestId == requestId && v.Round == request.Round && v.CheckerId == actor.UserId && v.FileId == fileId, cancellationToken);
        if (vote?.SubmittedAt is not null) return DomainResult.Fail("actor", "review-submitted", "You have submitted your review of this round; it can no longer change.");
        if (vote is null)
        {
            vote = new ReleaseVote { RequestId = requestId, FileId = fileId, Round = request.Round, CheckerId = actor.UserId, CheckerName = actor.DisplayName };
            db.ReleaseVotes.Add(vote);
        }

        vote.Choice = choice;
        vote.Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        vote.At = time.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (StoreErrors.IsUniqueViolation(ex))
        {
            return DomainResult.Fail("fileId", "busy", "Your vote on this file was saved from another window at the same moment; reload.");
        }

        return DomainResult.Ok;
    }

    /// <summary>
    /// Submits the caller's review of the current round: every included file voted. It is the caller's vote in the engine
    /// (approve when every file is approved, else request changes) and moves the request to partially reviewed, or to
    /// reviewed when it is the second review. Atomic with the workflow step and its audit entry.
    /// </summary>
    public async Task<DomainResult> SubmitReviewAsync(Actor actor, Guid requestId, string? comment, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var request = await db.ReleaseRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request?.WorkflowInstanceId is not { } instanceId || request.Status == ReleaseStatuses.Pending) return NotFound();
        if (await ConflictAsync(db, actor, request, cancellationToken) is { } conflict) return conflict;
        var result = await runtime.StepAsync<bool>(instanceId, actor, "release.review", async ctx =>
        {
            var tracked = await ctx.Db.ReleaseRequests.FirstAsync(r => r.Id == requestId, cancellationToken);
            if (tracked.Status is not (ReleaseStatuses.Submitted or ReleaseStatuses.PartiallyReviewed))
                return Fail<bool>("status", "not-under-review", $"Release request {tracked.Number} is {tracked.Status}; there is no review to submit.");
            var files = await ctx.Db.ReleaseFiles.AsNoTracking().Where(f => f.RequestId == requestId && f.Included).OrderBy(f => f.Name).ToListAsync(cancellationToken);
            var votes = await ctx.Db.ReleaseVotes.Where(v => v.RequestId == requestId && v.Round == tracked.Round && v.CheckerId == actor.UserId).ToListAsync(cancellationToken);
            if (votes.Any(v => v.SubmittedAt != null)) return Fail<bool>("actor", "review-submitted", "You have already submitted your review of this round.");
            var missing = files.Where(f => votes.All(v => v.FileId != f.Id)).Select(f => f.Name).ToList();
            if (missing.Count > 0) return Fail<bool>("votes", "vote-every-file", $"Vote on every file before submitting: {string.Join(", ", missing)}.");
            foreach (var (file, vote) in files.Select(f => (f, votes.First(v => v.FileId == f.Id))))
            {
                if (VoteProblem(file, vote.Choice, vote.Comment) is { } problem) return DomainResult<bool>.Fail([problem]);
            }

            var task = ctx.Session.Tasks.Where(t => t.Status == WorkflowTaskStatus.Open && t.Kind == TaskKind.Vote && t.Visit == ctx.Session.Instance.Visit)
                .OrderBy(t => t.AssigneeId == actor.UserId ? 0 : t.AssigneeId is null ? 1 : 2).FirstOrDefault(t => t.AssigneeId == actor.UserId || t.AssigneeId is null);
            if (task is null) return Fail<bool>("actor", "no-review-slot", "Both reviews of this request are taken by other output checkers.");
            var overall = votes.All(v => v.Choice == FileVoteChoices.Approve) ? FileVoteChoices.Approve : FileVoteChoices.RequestChanges;
            var voted = ctx.Session.Vote(actor, task.Id, overall, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim());
            if (!voted.Succeeded) return DomainResult<bool>.Fail(voted.Errors);

            var now = time.GetUtcNow();
            foreach (var vote in votes) vote.SubmittedAt = now;
            var others = await ctx.Db.ReleaseVotes.Where(v => v.RequestId == requestId && v.Round == tracked.Round && v.CheckerId != actor.UserId && v.SubmittedAt != null)
                .Select(v => v.CheckerId).Distinct().CountAsync(cancellationToken);
            tracked.Status = ctx.Session.Instance.State == ConsolidationState || others >= 1 ? ReleaseStatuses.Reviewed : ReleaseStatuses.PartiallyReviewed;
            tracked.ConcurrencyStamp = Guid.NewGuid();
            return DomainResult<bool>.Ok(true);
        }, cancellationToken);
        return result.Succeeded ? DomainResult.Ok : DomainResult.Fail(result.Errors);
    }

    /// <summary>
    /// The consolidating decision once both reviews are in: <c>approve</c> (releases the files both checkers approved; at
    /// least one), <c>return</c> to the researcher for changes, or <c>reject</c> (both with a comment). An approval builds
    /// the release package at once.
    /// </summary>
    public async Task<DomainResult> DecideAsync(Actor actor, Guid requestId, string action, string? comment, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var request = await db.ReleaseRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request?.WorkflowInstanceId is not { } instanceId || request.Status == ReleaseStatuses.Pending) return NotFound();
        if (await ConflictAsync(db, actor, request, cancellationToken) is { } conflict) return conflict;
        var result = await runtime.StepAsync<bool>(instanceId, actor, "release.decision", async ctx =>
        {
            var tracked = await ctx.Db.ReleaseRequests.FirstAsync(r => r.Id == requestId, cancellationToken);
            if (tracked.Status != ReleaseStatuses.Reviewed)
                return Fail<bool>("status", "not-reviewed", $"Release request {tracked.Number} is {tracked.Status}; a decision needs both reviews.");
            var files = await ctx.Db.ReleaseFiles.AsNoTracking().Where(f => f.RequestId == requestId && f.Included).ToListAsync(cancellationToken);
            var votes = await ctx.Db.ReleaseVotes.AsNoTracking().Where(v => v.RequestId == requestId && v.Round == tracked.Round && v.SubmittedAt != null).ToListAsync(cancellationToken);
            var approved = ApprovedByBoth(files, votes);
            if (action == "approve" && approved.Count == 0)
                return Fail<bool>("action", "nothing-approved", "No file was approved by both checkers: return the request for changes or reject it.");

            var task = ctx.Session.Tasks.FirstOrDefault(t => t.Status == WorkflowTaskStatus.Open && t.Kind == TaskKind.Action && t.Visit == ctx.Session.Instance.Visit);
            if (task is null) return Fail<bool>("status", "not-reviewed", "There is no decision open on this request.");
            if (task.AssigneeId is null)
            {
                var claimed = ctx.Session.Assign(actor, task.Id, actor.UserId);
                if (!claimed.Succeeded) return DomainResult<bool>.Fail(claimed.Errors);
            }

            var acted = ctx.Session.Act(actor, task.Id, action, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim());
            if (!acted.Succeeded) return DomainResult<bool>.Fail(acted.Errors);

            var now = time.GetUtcNow();
            tracked.Status = action switch { "approve" => ReleaseStatuses.Approved, "return" => ReleaseStatuses.Returned, _ => ReleaseStatuses.Rejected };
            tracked.DecidedAt = now;
            tracked.DecidedBy = actor.UserId;
            tracked.DecisionComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
            tracked.ConcurrencyStamp = Guid.NewGuid();
            var who = OutputReleaseService.AuditActorOf(actor);
            foreach (var file in files)
            {
                var decision = action switch
                {
                    "approve" => approved.Contains(file) ? OutputDecisions.Release : OutputDecisions.Block,
                    "return" => OutputDecisions.Revise,
                    _ => OutputDecisions.Block,
                };
                await audit.AppendAsync(ctx.Db, AuditRecords.OutputDecision(now, who, file.OutputId.ToString(), tracked.RunId.ToString(), tracked.PermitId.ToString(), decision, tracked.DecisionComment), cancellationToken);
            }

            var status = action switch { "approve" => OutputStatuses.UnderReview, "return" => OutputStatuses.Returned, _ => OutputStatuses.Blocked };
            await SetOutputStatusAsync(ctx.Db, files, status, cancellationToken);
            if (action == "return")
                await NotifyResearcherAsync(ctx.Db, tracked, now, $"Release request {tracked.Number} was returned", $"持ち出し申請 {tracked.Number} が差し戻されました",
                    $"The output checkers ask for changes: {tracked.DecisionComment}", $"成果物チェッカーから修正の依頼があります：{tracked.DecisionComment}", cancellationToken);
            else if (action == "reject")
                await NotifyResearcherAsync(ctx.Db, tracked, now, $"Release request {tracked.Number} was rejected", $"持ち出し申請 {tracked.Number} は却下されました",
                    $"Nothing of run {tracked.RunNumber} leaves the airlock: {tracked.DecisionComment}", $"実行 {tracked.RunNumber} の成果物は持ち出せません：{tracked.DecisionComment}", cancellationToken);
            return DomainResult<bool>.Ok(true);
        }, cancellationToken);
        if (!result.Succeeded) return DomainResult.Fail(result.Errors);
        return action == "approve" ? await ReleaseAsync(requestId, cancellationToken) : DomainResult.Ok;
    }

    /// <summary>
    /// Builds the package of an approved request and marks it released (workflow step, file flags, released cells for the
    /// differencing check, <c>release.created</c> audit) in one transaction; a package whose step does not commit is
    /// deleted. Safe to call again on an approved request (a checker's retry).
    /// </summary>
    public async Task<DomainResult> ReleaseAsync(Guid requestId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var request = await db.ReleaseRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request?.WorkflowInstanceId is not { } instanceId) return NotFound();
        if (request.Status != ReleaseStatuses.Approved)
            return DomainResult.Fail("status", "not-approved", $"Release request {request.Number} is {request.Status}; only an approved request is released.");
        var run = await db.Runs.AsNoTracking().FirstAsync(r => r.Id == request.RunId, cancellationToken);
        var files = await db.ReleaseFiles.AsNoTracking().Where(f => f.RequestId == requestId && f.Included).ToListAsync(cancellationToken);
        var votes = await db.ReleaseVotes.AsNoTracking().Where(v => v.RequestId == requestId && v.Round == request.Round && v.SubmittedAt != null).ToListAsync(cancellationToken);
        var outputs = await db.RunOutputs.AsNoTracking().Where(o => files.Select(f => f.OutputId).Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var approved = ApprovedByBoth(files, votes).Select(f => f.Id).ToHashSet();
        var now = time.GetUtcNow();

        ReleasePackageStore.Written package;
        try
        {
            package = await packages.WriteAsync(request, run,
                [.. files.Select(f => new ReleasePackageStore.Entry(f, outputs[f.OutputId], [.. votes.Where(v => v.FileId == f.Id)], approved.Contains(f.Id)))], now, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            logger.LogError(ex, "The release package of {Request} could not be built", request.Number);
            return DomainResult.Fail("package", "package-failed", $"The release package could not be built ({ex.Message}); nothing was released. Try again, or tell the operator.");
        }

        var cells = new List<ReleasedOutputRow>();
        foreach (var file in files.Where(f => approved.Contains(f.Id) && f.CellsFile is not null && f.CellsSha256 is not null))
        {
            var document = ReleasedCellsDocument.FromJson(System.Text.Encoding.UTF8.GetString(await packages.ReadVerifiedAsync(file.CellsFile!, file.CellsSha256!, cancellationToken)));
            var asRun = ReleasePackageStore.SourceOf(file, outputs[file.OutputId]).Version == "as-run";
            if (asRun) document = document with { Cells = [.. document.Cells.Select(c => c with { Suppressed = false })] };
            cells.Add(new ReleasedOutputRow { PermitId = request.PermitId, OutputId = file.OutputId, RequestId = request.Id, ReleasedAt = now, CellsJson = document.ToJson() });
        }

        var result = await runtime.StepAsync<bool>(instanceId, null, "release.created", async ctx =>
        {
            var tracked = await ctx.Db.ReleaseRequests.FirstAsync(r => r.Id == requestId, cancellationToken);
            if (tracked.Status != ReleaseStatuses.Approved) return Fail<bool>("status", "not-approved", $"Release request {tracked.Number} is {tracked.Status}.");
            var fired = ctx.Session.FireSystem("release", $"Package {package.Sha256[..12]} with {approved.Count} file(s)");
            if (!fired.Succeeded) return DomainResult<bool>.Fail(fired.Errors);
            tracked.Status = ReleaseStatuses.Released;
            tracked.ReleasedAt = now;
            tracked.PackageFile = package.RelativePath;
            tracked.PackageSha256 = package.Sha256;
            tracked.PackageBytes = package.Bytes;
            tracked.ConcurrencyStamp = Guid.NewGuid();
            var trackedFiles = await ctx.Db.ReleaseFiles.Where(f => f.RequestId == requestId && f.Included).ToListAsync(cancellationToken);
            foreach (var f in trackedFiles) f.Released = approved.Contains(f.Id);
            await SetOutputStatusAsync(ctx.Db, trackedFiles.Where(f => f.Released).ToList(), OutputStatuses.Released, cancellationToken);
            await SetOutputStatusAsync(ctx.Db, trackedFiles.Where(f => !f.Released).ToList(), OutputStatuses.Blocked, cancellationToken);
            ctx.Db.ReleasedOutputs.AddRange(cells);
            await NotifyResearcherAsync(ctx.Db, tracked, now, $"Release {tracked.Number} is ready to download", $"持ち出しパッケージ {tracked.Number} をダウンロードできます",
                $"{approved.Count} output(s) of run {tracked.RunNumber} passed the output check.", $"実行 {tracked.RunNumber} の成果物 {approved.Count} 件が成果物チェックを通過しました。", cancellationToken);
            var decider = tracked.DecidedBy ?? WorkflowSubjects.SystemRole;
            await audit.AppendAsync(ctx.Db, AuditRecords.ReleaseCreated(now, new AuditActor(decider, Roles.OutputChecker), tracked.Id.ToString(),
                [.. trackedFiles.Where(f => f.Released).Select(f => f.OutputId.ToString())], tracked.PermitId.ToString()), cancellationToken);
            return DomainResult<bool>.Ok(true);
        }, cancellationToken);
        if (!result.Succeeded)
        {
            packages.Discard(package.RelativePath);
            return DomainResult.Fail(result.Errors);
        }

        return DomainResult.Ok;
    }

    /// <summary>The files every submitted review of the round approved (two reviews needed) and within the policy's limits.</summary>
    public static IReadOnlyList<ReleaseFile> ApprovedByBoth(IReadOnlyList<ReleaseFile> files, IReadOnlyList<ReleaseVote> votes)
    {
        var submitted = votes.Where(v => v.SubmittedAt != null).ToList();
        var reviewers = submitted.Select(v => v.CheckerId).Distinct().Count();
        if (reviewers < 2) return [];
        return [.. files.Where(f => f.LimitViolation is null && submitted.Count(v => v.FileId == f.Id && v.Choice == FileVoteChoices.Approve) >= 2)];
    }

    /// <summary>The comment rule: approving what the automation failed, or asking changes to what it passed, needs a reason.</summary>
    public static ValidationError? VoteProblem(ReleaseFile file, string choice, string? comment)
    {
        if (!FileVoteChoices.All.Contains(choice))
            return ValidationError.Create("choice", "unknown-choice", $"'{choice}' is not a vote (approve or request-changes).", ("choice", choice));
        if (comment is { Length: > ReleaseVote.MaxCommentLength })
            return ValidationError.Create("comment", "too-long", $"The comment is longer than {ReleaseVote.MaxCommentLength} characters.", ("max", ReleaseVote.MaxCommentLength));
        var blank = string.IsNullOrWhiteSpace(comment);
        if (blank && choice == FileVoteChoices.Approve && file.CheckStatus == AutomatedCheckStatuses.Fail)
            return ValidationError.Create("comment", "comment-required", $"'{file.Name}' failed the automated check: say why it may leave anyway.", ("file", file.Name));
        if (blank && choice == FileVoteChoices.RequestChanges && file.CheckStatus == AutomatedCheckStatuses.Pass)
            return ValidationError.Create("comment", "comment-required", $"'{file.Name}' passed the automated check: say what must change.", ("file", file.Name));
        return null;
    }

    /// <summary>Tells the researcher (in the portal and by e-mail through the outbox) what became of their request, in the step's transaction.</summary>
    private static async Task NotifyResearcherAsync(GatekeeperDbContext db, ReleaseRequest request, DateTimeOffset now, string titleEn, string titleJa, string bodyEn, string bodyJa, CancellationToken cancellationToken)
    {
        var email = await db.UserProfiles.AsNoTracking().Where(p => p.Id == request.RequesterId).Select(p => p.Email).FirstOrDefaultAsync(cancellationToken);
        db.Notifications.Add(new Notification
        {
            Id = Guid.NewGuid(), UserId = request.RequesterId, Kind = NotificationKinds.Decision, InstanceId = request.WorkflowInstanceId, Reference = request.Number,
            Href = $"/permits/{request.PermitId}/runs/{request.RunId}/release",
            TitleEn = WorkflowRuntime.Clip(titleEn, 300), TitleJa = WorkflowRuntime.Clip(titleJa, 300), BodyEn = WorkflowRuntime.Clip(bodyEn, 8000), BodyJa = WorkflowRuntime.Clip(bodyJa, 8000), CreatedAt = now,
            EmailTo = email, EmailStatus = string.IsNullOrWhiteSpace(email) ? MailStatus.None : MailStatus.Pending,
        });
    }

    internal static async Task SetOutputStatusAsync(GatekeeperDbContext db, IReadOnlyList<ReleaseFile> files, string status, CancellationToken cancellationToken)
    {
        if (files.Count == 0) return;
        var ids = files.Select(f => f.OutputId).ToList();
        foreach (var output in await db.RunOutputs.Where(o => ids.Contains(o.Id)).ToListAsync(cancellationToken)) output.Status = status;
    }

    /// <summary>Why the caller may not check this request (not an output checker; the applicant, team or organisation), or null.</summary>
    private static async Task<DomainResult?> ConflictAsync(GatekeeperDbContext db, Actor actor, ReleaseRequest request, CancellationToken cancellationToken)
    {
        if (!actor.IsInRole(Roles.OutputChecker)) return NotFound();
        if (request.RequesterOrganisationId == actor.OrganisationId || request.RequesterId == actor.UserId) return NotFound();
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == request.ApplicationId, cancellationToken);
        return application is null || SeparationOfDuties.Conflict(actor, application) is not null ? NotFound() : null;
    }

    /// <summary>The open review slot the caller holds or may take in the current round, or null.</summary>
    private static async Task<WorkflowTask?> VoteSlotAsync(GatekeeperDbContext db, ReleaseRequest request, Actor actor, CancellationToken cancellationToken)
    {
        if (request.WorkflowInstanceId is not { } instanceId) return null;
        var open = await db.WorkflowTasks.AsNoTracking()
            .Where(t => t.InstanceId == instanceId && t.Status == WorkflowTaskStatus.Open && t.State == ReviewState).ToListAsync(cancellationToken);
        return open.FirstOrDefault(t => t.AssigneeId == actor.UserId) ?? open.FirstOrDefault(t => t.AssigneeId is null);
    }

    private static DomainResult<T> Fail<T>(string field, string rule, string message) => DomainResult<T>.Fail([ValidationError.Create(field, rule, message)]);

    // A request the caller may not check does not exist for them (as in the airlock).
    private static DomainResult NotFound() => DomainResult.Fail("requestId", "not-found", "No such release request.");
}
