using System.Security.Cryptography;
using Gatekeeper.Audit;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Catalogue;
using Gatekeeper.Domain.Accreditation;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Data.Applications;

/// <summary>
/// The researcher-facing use cases on applications, shared by the portal and the HTTP API.
/// Every read is filtered by the caller's rights in the query; every write is one transaction
/// that either applies completely or leaves the store unchanged.
/// </summary>
public sealed class ApplicationService(
    IDbContextFactory<GatekeeperDbContext> factory,
    CatalogueService catalogue,
    PurposePolicy policy,
    AccreditationPolicy accreditation,
    AttachmentStore attachments,
    IOptions<AttachmentOptions> attachmentOptions,
    TimeProvider time,
    AuditTrail audit,
    ILogger<ApplicationService> logger)
{
    public const string NotFoundRule = "not-found";

    private static readonly HashSet<string> StaffRoles =
        [Roles.DataSteward, Roles.ElsiReviewer, Roles.ElsiChair, Roles.CertifiedOperator, Roles.Admin];

    public async Task<IReadOnlyList<ApplicationSummary>> ListMineAsync(Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var email = actor.Email.Trim().ToLowerInvariant();
        return await db.Applications.AsNoTracking()
            .IgnoreAutoIncludes()
            .Where(a => a.ApplicantId == actor.UserId || a.Team.Any(t => t.Email == email))
            .OrderByDescending(a => a.UpdatedAt)
            .Select(a => new ApplicationSummary(a.Id, a.Reference, a.Version, a.Title, a.Status, a.PurposeCategory,
                a.RequestedTier, a.ApplicantName, a.CreatedAt, a.UpdatedAt, a.SubmittedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The application if the caller may see it; otherwise null (the API answers 404 either way).</summary>
    public async Task<SecondaryUseApplication?> GetAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await Visible(db, actor).AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
    }

    /// <summary>All versions of an application's lineage visible to the caller, oldest first.</summary>
    public async Task<IReadOnlyList<ApplicationSummary>> VersionsAsync(Actor actor, Guid lineageId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await Visible(db, actor).AsNoTracking().IgnoreAutoIncludes()
            .Where(a => a.LineageId == lineageId)
            .OrderBy(a => a.Version)
            .Select(a => new ApplicationSummary(a.Id, a.Reference, a.Version, a.Title, a.Status, a.PurposeCategory,
                a.RequestedTier, a.ApplicantName, a.CreatedAt, a.UpdatedAt, a.SubmittedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<DomainResult<SecondaryUseApplication>> CreateDraftAsync(Actor actor, ApplicationContent content, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var reference = await NewReferenceAsync(db, cancellationToken);
        var result = SecondaryUseApplication.StartDraft(actor, reference, content, time.GetUtcNow());
        if (!result.Succeeded) return result;
        db.Applications.Add(result.Value!);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await CommitAsync(db, tx, result.Value!, Record(actor, "application.created", result.Value!), cancellationToken);
        logger.LogInformation("Draft {ApplicationId} ({Reference}) created by {UserId}", result.Value!.Id, reference, actor.UserId);
        return result;
    }

    public Task<DomainResult<SecondaryUseApplication>> SaveDraftAsync(Actor actor, Guid id, ApplicationContent content, Guid stamp, CancellationToken cancellationToken) =>
        MutateAsync(actor, id, null, (app, _) => Task.FromResult(app.UpdateDraft(actor, content, stamp, time.GetUtcNow())), cancellationToken);

    public Task<DomainResult<SecondaryUseApplication>> WithdrawAsync(Actor actor, Guid id, string? reason, Guid stamp, CancellationToken cancellationToken) =>
        MutateAsync(actor, id, "application.withdrawn", (app, _) => Task.FromResult(app.Withdraw(actor, reason, stamp, time.GetUtcNow())), cancellationToken);

    /// <summary>Submits a draft; a submitted revision supersedes its previous version in the same transaction.</summary>
    public Task<DomainResult<SecondaryUseApplication>> SubmitAsync(Actor actor, Guid id, Guid stamp, CancellationToken cancellationToken) =>
        MutateAsync(actor, id, "application.submitted", async (app, db) =>
        {
            var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == app.OrganisationId, cancellationToken)
                               ?? throw new InvalidOperationException($"Organisation {app.OrganisationId} of application {app.Id} does not exist.");
            var now = time.GetUtcNow();
            // "Safe people": an applicant without the accreditation the policy requires cannot submit.
            var records = await db.Accreditations.AsNoTracking().Where(a => a.UserId == actor.UserId).ToListAsync(cancellationToken);
            var unaccredited = accreditation.Check(AccreditedActivity.SubmitApplication, records, DateOnly.FromDateTime(now.UtcDateTime));
            if (unaccredited.Count > 0) return DomainResult.Fail(unaccredited);

            var snapshot = await catalogue.SnapshotAsync(cancellationToken);
            var result = app.Submit(actor, snapshot, policy, organisation, stamp, now);
            if (!result.Succeeded || app.PreviousVersionId is not { } previousId) return result;

            var previous = await db.Applications.FirstAsync(a => a.Id == previousId, cancellationToken);
            var superseded = previous.SupersedeBy(app, actor, now);
            if (superseded.Succeeded) await audit.AppendAsync(db, Record(actor, "application.superseded", previous), cancellationToken);
            return superseded;
        }, cancellationToken);

    /// <summary>Starts a new draft version of a submitted application (at most one open draft per application).</summary>
    public async Task<DomainResult<SecondaryUseApplication>> CreateRevisionAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var app = await Visible(db, actor).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (app is null) return NotFound();
        var openDraft = await db.Applications.IgnoreAutoIncludes()
            .Where(a => a.LineageId == app.LineageId && a.Status == ApplicationStatus.Draft)
            .Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
        if (openDraft is not null) return DraftExists(openDraft);

        var result = app.CreateRevision(actor, time.GetUtcNow());
        if (!result.Succeeded)
        {
            await RecordRefusalAsync(actor, "application.revision-created", app, result.Errors, cancellationToken);
            return result;
        }

        db.Applications.Add(result.Value!);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        return await GuardRacesAsync(() => CommitAsync(db, tx, result.Value!, Record(actor, "application.revision-created", result.Value!), cancellationToken));
    }

    /// <summary>Validates the upload (type, size, PDF signature), stores it by hash and attaches it to the draft.</summary>
    public async Task<DomainResult<SecondaryUseApplication>> AddAttachmentAsync(
        Actor actor, Guid id, string kind, string fileName, string contentType, Stream content, Guid stamp, CancellationToken cancellationToken)
    {
        if (kind != ApplicationRules.ProtocolAttachmentKind)
            return Invalid("kind", "unknown-kind", $"Unknown attachment kind '{kind}'.");
        var safeName = Path.GetFileName(fileName ?? "").Trim();
        if (safeName.Length is 0 or > 255)
            return Invalid("file", "file-name", "The file needs a name of at most 255 characters.");
        if (!string.Equals(Path.GetExtension(safeName), ".pdf", StringComparison.OrdinalIgnoreCase) ||
            !string.Equals(contentType, "application/pdf", StringComparison.OrdinalIgnoreCase))
            return Invalid("file", "file-type", "Only PDF files (.pdf, application/pdf) can be attached.", ("value", contentType));

        // Refuse before storing anything: an application the caller may not see or change gets no file on disk.
        var target = await GetAsync(actor, id, cancellationToken);
        if (target is null) return NotFound();
        if (target.CheckCanEdit(actor, stamp) is { Succeeded: false } refused) return DomainResult<SecondaryUseApplication>.Fail(refused.Errors);

        // Peek at the signature before storing anything: a renamed non-PDF is refused.
        var buffered = new BufferedStream(content, 81920);
        var head = new byte[5];
        var read = await buffered.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (read < 5 || !head.AsSpan().SequenceEqual("%PDF-"u8))
            return Invalid("file", "file-type", "The file is not a PDF document.", ("value", safeName));

        string sha;
        long size;
        try
        {
            (sha, size) = await attachments.SaveAsync(new PrefixedStream(head, buffered), attachmentOptions.Value.MaxBytes, cancellationToken);
        }
        catch (AttachmentTooLargeException ex)
        {
            return Invalid("file", "file-size", $"The file is larger than the limit of {FormatSize(ex.MaxBytes)}.", ("max", ex.MaxBytes));
        }

        return await MutateAsync(actor, id, "application.attachment-added", (app, db) =>
        {
            var attachment = new ApplicationAttachment
            {
                ApplicationId = app.Id, Kind = kind, FileName = safeName, ContentType = "application/pdf", SizeBytes = size,
                Sha256 = sha, UploadedAt = time.GetUtcNow(), UploadedBy = actor.UserId,
            };
            var result = app.AddAttachment(actor, attachment, stamp, time.GetUtcNow());
            if (result.Succeeded) db.Attachments.Add(attachment);
            return Task.FromResult(result);
        }, cancellationToken);
    }

    public Task<DomainResult<SecondaryUseApplication>> RemoveAttachmentAsync(Actor actor, Guid id, Guid attachmentId, Guid stamp, CancellationToken cancellationToken) =>
        MutateAsync(actor, id, "application.attachment-removed", (app, db) =>
        {
            var attachment = app.Attachments.FirstOrDefault(a => a.Id == attachmentId);
            var result = app.RemoveAttachment(actor, attachmentId, stamp, time.GetUtcNow());
            if (result.Succeeded && attachment is not null) db.Attachments.Remove(attachment);
            return Task.FromResult(result);
        }, cancellationToken);

    /// <summary>Opens an attachment's content if the caller may see its application.</summary>
    public async Task<(ApplicationAttachment Attachment, Stream Content)?> OpenAttachmentAsync(Actor actor, Guid id, Guid attachmentId, CancellationToken cancellationToken)
    {
        var app = await GetAsync(actor, id, cancellationToken);
        var attachment = app?.Attachments.FirstOrDefault(a => a.Id == attachmentId);
        if (attachment is null) return null;
        var stream = attachments.Open(attachment.Sha256);
        return stream is null ? null : (attachment, stream);
    }

    /// <summary>
    /// Loads the application the caller may see, applies <paramref name="change"/> and saves it in one
    /// transaction together with its audit entry (<paramref name="action"/>; null for draft autosaves,
    /// which are not audited). A refused change is audited as refused and writes nothing else.
    /// </summary>
    private async Task<DomainResult<SecondaryUseApplication>> MutateAsync(
        Actor actor, Guid id, string? action, Func<SecondaryUseApplication, GatekeeperDbContext, Task<DomainResult>> change, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var app = await Visible(db, actor).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (app is null) return NotFound();
        return await GuardRacesAsync(async () =>
        {
            var result = await change(app, db);
            if (!result.Succeeded)
            {
                await tx.RollbackAsync(cancellationToken);
                if (action is not null) await RecordRefusalAsync(actor, action, app, result.Errors, cancellationToken);
                return DomainResult<SecondaryUseApplication>.Fail(result.Errors);
            }

            return await CommitAsync(db, tx, app, action is null ? null : Record(actor, action, app), cancellationToken);
        });
    }

    /// <summary>Writes the change and its audit entry, then commits: both or neither.</summary>
    private async Task<DomainResult<SecondaryUseApplication>> CommitAsync(
        GatekeeperDbContext db, IDbContextTransaction tx, SecondaryUseApplication app, AuditRecord? entry, CancellationToken cancellationToken)
    {
        if (entry is not null) await audit.AppendAsync(db, entry, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return app;
    }

    /// <summary>
    /// Concurrent writers lose cleanly: the store's own checks (the concurrency stamp, the unique version per
    /// application) refuse the second one, which is rolled back whole and told why.
    /// </summary>
    private static async Task<DomainResult<SecondaryUseApplication>> GuardRacesAsync(Func<Task<DomainResult<SecondaryUseApplication>>> work)
    {
        try
        {
            return await work();
        }
        catch (DbUpdateConcurrencyException)
        {
            // Double submit, two tabs: another writer changed the version first.
            return StaleEdit();
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            // Two "create revision" requests at once: the other one created the draft.
            return DraftExists();
        }
    }

    private static DomainResult<SecondaryUseApplication> DraftExists(object? draftId = null) =>
        DomainResult<SecondaryUseApplication>.Fail([ValidationError.Create("id", "draft-exists",
            "A draft revision of this application already exists; continue that draft.", ("draftId", draftId))]);

    private static DomainResult<SecondaryUseApplication> StaleEdit() =>
        Invalid("concurrencyStamp", "stale-edit",
            "This application was changed elsewhere since you opened it. Reload to see the latest version, then make your change again.");

    private AuditRecord Record(Actor actor, string action, SecondaryUseApplication app, AuditOutcome outcome = AuditOutcome.Succeeded, string? reason = null) => new()
    {
        At = time.GetUtcNow(),
        ActorId = actor.UserId,
        ActorRole = Roles.Researcher,
        OrganisationId = actor.OrganisationId,
        Action = action,
        SubjectType = "application",
        SubjectIds = [app.Id.ToString(), app.Reference, $"v{app.Version}"],
        Outcome = outcome,
        Reason = reason,
        ClientAddress = actor.ClientAddress,
    };

    private Task RecordRefusalAsync(Actor actor, string action, SecondaryUseApplication app, IReadOnlyList<ValidationError> errors, CancellationToken cancellationToken) =>
        audit.RecordAsync(Record(actor, action, app, AuditOutcome.Refused, string.Join(", ", errors.Select(e => $"{e.Field}:{e.Rule}").Distinct())), cancellationToken);

    /// <summary>Query-level access: applicants and named team members see their applications; review staff see submitted ones.</summary>
    private static IQueryable<SecondaryUseApplication> Visible(GatekeeperDbContext db, Actor actor)
    {
        var email = actor.Email.Trim().ToLowerInvariant();
        var staff = actor.Roles.Any(StaffRoles.Contains);
        return db.Applications.Where(a =>
            a.ApplicantId == actor.UserId
            || a.Team.Any(t => t.Email == email)
            || (staff && a.Status != ApplicationStatus.Draft));
    }

    private static string FormatSize(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{bytes / 1024.0:0.#} KB";

    private static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    private static async Task<string> NewReferenceAsync(GatekeeperDbContext db, CancellationToken cancellationToken)
    {
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base32: no I, L, O, U
        while (true)
        {
            var suffix = string.Create(6, 0, (span, _) =>
            {
                for (var i = 0; i < span.Length; i++) span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
            });
            var reference = $"GK-{DateTime.UtcNow:yyyy}-{suffix}";
            if (!await db.Applications.AnyAsync(a => a.Reference == reference, cancellationToken)) return reference;
        }
    }

    private static DomainResult<SecondaryUseApplication> NotFound() =>
        Invalid("id", NotFoundRule, "No such application, or you may not see it.");

    private static DomainResult<SecondaryUseApplication> Invalid(string field, string rule, string message, params (string, object?)[] args) =>
        DomainResult<SecondaryUseApplication>.Fail([ValidationError.Create(field, rule, message, args)]);
}
