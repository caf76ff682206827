using Gatekeeper.Domain.Catalogue;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Organisations;
using Gatekeeper.Domain.Policies;

namespace Gatekeeper.Domain.Applications;

/// <summary>
/// One version of a secondary-use application. Editable only as a draft, by its applicant; once
/// submitted it is immutable, and a change is a new version (same <see cref="LineageId"/> and
/// <see cref="Reference"/>, <see cref="Version"/> + 1) that supersedes it when submitted.
/// Every status change is recorded in <see cref="History"/>.
/// </summary>
public sealed class SecondaryUseApplication
{
    private SecondaryUseApplication()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Human reference shared by all versions, e.g. GK-2026-7F3K9Q.</summary>
    public string Reference { get; private set; } = "";

    /// <summary>Id of the first version; shared by all versions.</summary>
    public Guid LineageId { get; private set; }

    public int Version { get; private set; }

    public Guid? PreviousVersionId { get; private set; }

    public ApplicationStatus Status { get; private set; }

    public string ApplicantId { get; private set; } = "";

    public string ApplicantName { get; private set; } = "";

    public string OrganisationId { get; private set; } = "";

    public string Title { get; private set; } = "";

    public string LaySummary { get; private set; } = "";

    public string ScientificAbstract { get; private set; } = "";

    public string? PurposeCategory { get; private set; }

    public string PurposeDescription { get; private set; } = "";

    public OutputTier? RequestedTier { get; private set; }

    public DateOnly? PeriodStart { get; private set; }

    public DateOnly? PeriodEnd { get; private set; }

    public string Safeguards { get; private set; } = "";

    public string? EthicsApprovalReference { get; private set; }

    public bool ProhibitedUsesDeclined { get; private set; }

    public List<TeamMember> Team { get; private set; } = [];

    public List<DatasetRequest> Datasets { get; private set; } = [];

    public List<ApplicationAttachment> Attachments { get; private set; } = [];

    public List<StatusTransition> History { get; private set; } = [];

    /// <summary>Hash of the purpose policy the submission was checked against.</summary>
    public string? PolicySha256 { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    /// <summary>Changes on every write; a client that edits with an older stamp is refused (optimistic concurrency).</summary>
    public Guid ConcurrencyStamp { get; private set; }

    public bool IsEditable => Status == ApplicationStatus.Draft;

    public ApplicationContent Content => new()
    {
        Title = Title,
        LaySummary = LaySummary,
        ScientificAbstract = ScientificAbstract,
        PurposeCategory = PurposeCategory,
        PurposeDescription = PurposeDescription,
        RequestedTier = RequestedTier,
        PeriodStart = PeriodStart,
        PeriodEnd = PeriodEnd,
        Safeguards = Safeguards,
        EthicsApprovalReference = EthicsApprovalReference,
        ProhibitedUsesDeclined = ProhibitedUsesDeclined,
        Team = Team.Select(t => t with { }).ToList(),
        Datasets = Datasets.Select(d => d with { Variables = d.Variables.Select(v => v with { }).ToList() }).ToList(),
    };

    public static DomainResult<SecondaryUseApplication> StartDraft(Actor applicant, string reference, ApplicationContent content, DateTimeOffset now)
    {
        var errors = ApplicationRules.ValidateDraft(content);
        if (errors.Count > 0) return DomainResult<SecondaryUseApplication>.Fail(errors);

        var id = Guid.NewGuid();
        var application = new SecondaryUseApplication
        {
            Id = id,
            LineageId = id,
            Reference = reference,
            Version = 1,
            Status = ApplicationStatus.Draft,
            ApplicantId = applicant.UserId,
            ApplicantName = applicant.DisplayName,
            OrganisationId = applicant.OrganisationId,
            CreatedAt = now,
        };
        application.Apply(content, now);
        application.Record(null, ApplicationStatus.Draft, applicant, now, null);
        return application;
    }

    /// <summary>Saves draft content (autosave and explicit save).</summary>
    public DomainResult UpdateDraft(Actor actor, ApplicationContent content, Guid expectedStamp, DateTimeOffset now)
    {
        if (CheckEditable(actor, expectedStamp) is { } refused) return refused;
        var errors = ApplicationRules.ValidateDraft(content);
        if (errors.Count > 0) return DomainResult.Fail(errors);
        Apply(content, now);
        return DomainResult.Ok;
    }

    public DomainResult AddAttachment(Actor actor, ApplicationAttachment attachment, Guid expectedStamp, DateTimeOffset now)
    {
        if (CheckEditable(actor, expectedStamp) is { } refused) return refused;
        if (attachment.ApplicationId != Id) throw new ArgumentException("Attachment belongs to another application.", nameof(attachment));

        // One protocol per version: a new upload replaces the previous one.
        if (attachment.Kind == ApplicationRules.ProtocolAttachmentKind)
            Attachments.RemoveAll(a => a.Kind == ApplicationRules.ProtocolAttachmentKind);
        Attachments.Add(attachment);
        Touch(now);
        return DomainResult.Ok;
    }

    public DomainResult RemoveAttachment(Actor actor, Guid attachmentId, Guid expectedStamp, DateTimeOffset now)
    {
        if (CheckEditable(actor, expectedStamp) is { } refused) return refused;
        if (Attachments.RemoveAll(a => a.Id == attachmentId) == 0)
            return DomainResult.Fail("attachments", "not-found", "No such attachment on this application.");
        Touch(now);
        return DomainResult.Ok;
    }

    /// <summary>Submits the draft for review after the full check; the version is then immutable.</summary>
    public DomainResult Submit(Actor actor, ICatalogue catalogue, PurposePolicy policy, Organisation organisation, Guid expectedStamp, DateTimeOffset now)
    {
        if (Status == ApplicationStatus.Submitted)
            return DomainResult.Fail("status", "already-submitted", "This application has already been submitted.");
        if (CheckEditable(actor, expectedStamp) is { } refused) return refused;
        if (organisation.Id != OrganisationId) throw new ArgumentException("Organisation does not match the applicant's.", nameof(organisation));

        var errors = ApplicationRules.ValidateForSubmission(Content, catalogue, policy, organisation, Attachments, DateOnly.FromDateTime(now.UtcDateTime));
        if (errors.Count > 0) return DomainResult.Fail(errors);

        PolicySha256 = policy.Sha256;
        SubmittedAt = now;
        MoveTo(ApplicationStatus.Submitted, actor, now, null);
        return DomainResult.Ok;
    }

    /// <summary>The applicant withdraws a draft or a submitted application; a submitted one needs a reason.</summary>
    public DomainResult Withdraw(Actor actor, string? reason, Guid expectedStamp, DateTimeOffset now)
    {
        if (actor.UserId != ApplicantId)
            return DomainResult.Fail("applicant", "not-applicant", "Only the applicant can withdraw this application.");
        if (Status is not (ApplicationStatus.Draft or ApplicationStatus.Submitted))
            return InvalidTransition(ApplicationStatus.Withdrawn);
        if (expectedStamp != ConcurrencyStamp) return Stale();
        if (Status == ApplicationStatus.Submitted && string.IsNullOrWhiteSpace(reason))
            return DomainResult.Fail("reason", "required", "Say why the application is withdrawn.");
        if (reason?.Length > ApplicationLimits.Reason)
            return DomainResult.Fail("reason", "max-length", $"'reason' may be at most {ApplicationLimits.Reason} characters.", ("max", ApplicationLimits.Reason));

        MoveTo(ApplicationStatus.Withdrawn, actor, now, reason);
        return DomainResult.Ok;
    }

    /// <summary>
    /// Records the board's decision on a submitted application. The decider must hold the chair role
    /// and may not belong to the applicant's organisation (separation of duties).
    /// </summary>
    public DomainResult Decide(Actor actor, bool approve, string reason, Guid expectedStamp, DateTimeOffset now)
    {
        if (!actor.IsInRole(Roles.ElsiChair))
            return DomainResult.Fail("actor", "role-required", "Only an ELSI chair can decide an application.", ("role", Roles.ElsiChair));
        if (SeparationOfDuties.Conflict(actor, this) is { } conflict)
            return DomainResult.Fail("actor", "conflict-of-interest", "You cannot decide an application of your own organisation or team.", ("conflict", conflict));
        if (Status != ApplicationStatus.Submitted)
            return InvalidTransition(approve ? ApplicationStatus.Approved : ApplicationStatus.Rejected);
        if (expectedStamp != ConcurrencyStamp) return Stale();
        if (string.IsNullOrWhiteSpace(reason))
            return DomainResult.Fail("reason", "required", "A decision needs a reason.");

        MoveTo(approve ? ApplicationStatus.Approved : ApplicationStatus.Rejected, actor, now, reason);
        return DomainResult.Ok;
    }

    /// <summary>Starts a new draft version from a submitted application. The old version stays as it was until the new one is submitted.</summary>
    public DomainResult<SecondaryUseApplication> CreateRevision(Actor actor, DateTimeOffset now)
    {
        if (actor.UserId != ApplicantId)
            return DomainResult<SecondaryUseApplication>.Fail([ValidationError.Create("applicant", "not-applicant", "Only the applicant can revise this application.")]);
        if (Status != ApplicationStatus.Submitted)
            return DomainResult<SecondaryUseApplication>.Fail([ValidationError.Create("status", "not-revisable",
                $"A {Status} application cannot be revised.", ("status", Status))]);

        var id = Guid.NewGuid();
        var revision = new SecondaryUseApplication
        {
            Id = id,
            LineageId = LineageId,
            Reference = Reference,
            Version = Version + 1,
            PreviousVersionId = Id,
            Status = ApplicationStatus.Draft,
            ApplicantId = ApplicantId,
            ApplicantName = ApplicantName,
            OrganisationId = OrganisationId,
            CreatedAt = now,
        };
        revision.Apply(Content, now);
        revision.Attachments.AddRange(Attachments.Select(a => new ApplicationAttachment
        {
            ApplicationId = id, Kind = a.Kind, FileName = a.FileName, ContentType = a.ContentType,
            SizeBytes = a.SizeBytes, Sha256 = a.Sha256, UploadedAt = a.UploadedAt, UploadedBy = a.UploadedBy,
        }));
        revision.Record(null, ApplicationStatus.Draft, actor, now, $"Revision of version {Version}");
        return revision;
    }

    /// <summary>Marks this version as replaced by <paramref name="revision"/>, which has just been submitted.</summary>
    public DomainResult SupersedeBy(SecondaryUseApplication revision, Actor actor, DateTimeOffset now)
    {
        if (revision.PreviousVersionId != Id || revision.Status != ApplicationStatus.Submitted)
            throw new InvalidOperationException("Only a submitted revision of this version can supersede it.");
        if (Status != ApplicationStatus.Submitted) return InvalidTransition(ApplicationStatus.Superseded);
        MoveTo(ApplicationStatus.Superseded, actor, now, $"Superseded by version {revision.Version}");
        return DomainResult.Ok;
    }

    /// <summary>True when the actor is the applicant or named in the team (by e-mail).</summary>
    public bool IsTeamMember(Actor actor) => actor.UserId == ApplicantId || IsTeamMember(actor.Email);

    public bool IsTeamMember(string email) =>
        Team.Any(t => string.Equals(t.Email.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether <paramref name="actor"/> may change this version now (before doing costly work such as storing an upload).</summary>
    public DomainResult CheckCanEdit(Actor actor, Guid expectedStamp) => CheckEditable(actor, expectedStamp) ?? DomainResult.Ok;

    private DomainResult? CheckEditable(Actor actor, Guid expectedStamp)
    {
        if (actor.UserId != ApplicantId)
            return DomainResult.Fail("applicant", "not-applicant", "Only the applicant can change this application.");
        if (Status != ApplicationStatus.Draft)
            return DomainResult.Fail("status", "immutable",
                $"A {Status} application cannot be changed; create a new version instead.", ("status", Status));
        if (expectedStamp != ConcurrencyStamp) return Stale();
        return null;
    }

    private static DomainResult Stale() =>
        DomainResult.Fail("concurrencyStamp", "stale-edit",
            "This application was changed elsewhere since you opened it. Reload to see the latest version, then make your change again.");

    private DomainResult InvalidTransition(ApplicationStatus to) =>
        DomainResult.Fail("status", "invalid-transition", $"A {Status} application cannot become {to}.", ("from", Status), ("to", to));

    private void Apply(ApplicationContent c, DateTimeOffset now)
    {
        Title = c.Title.Trim();
        LaySummary = c.LaySummary.Trim();
        ScientificAbstract = c.ScientificAbstract.Trim();
        PurposeCategory = string.IsNullOrWhiteSpace(c.PurposeCategory) ? null : c.PurposeCategory.Trim();
        PurposeDescription = c.PurposeDescription.Trim();
        RequestedTier = c.RequestedTier;
        PeriodStart = c.PeriodStart;
        PeriodEnd = c.PeriodEnd;
        Safeguards = c.Safeguards.Trim();
        EthicsApprovalReference = string.IsNullOrWhiteSpace(c.EthicsApprovalReference) ? null : c.EthicsApprovalReference.Trim();
        ProhibitedUsesDeclined = c.ProhibitedUsesDeclined;
        Team = c.Team.Select(t => t with { Name = t.Name.Trim(), Email = t.Email.Trim().ToLowerInvariant() }).ToList();
        Datasets = c.Datasets.Select(d => d with { Variables = d.Variables.Select(v => v with { }).ToList() }).ToList();
        Touch(now);
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        ConcurrencyStamp = Guid.NewGuid();
    }

    private void MoveTo(ApplicationStatus to, Actor actor, DateTimeOffset now, string? reason)
    {
        var from = Status;
        Status = to;
        Touch(now);
        Record(from, to, actor, now, reason);
    }

    private void Record(ApplicationStatus? from, ApplicationStatus to, Actor actor, DateTimeOffset now, string? reason)
    {
        if (from is null) Touch(now);
        History.Add(new StatusTransition
        {
            ApplicationId = Id, From = from, To = to, ActorId = actor.UserId, ActorName = actor.DisplayName, At = now, Reason = reason,
        });
    }
}
