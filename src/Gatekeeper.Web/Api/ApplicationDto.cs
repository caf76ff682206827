using Gatekeeper.Domain.Applications;

namespace Gatekeeper.Web.Api;

/// <summary>An application version as the API returns it. <see cref="ConcurrencyStamp"/> must accompany every change.</summary>
public sealed record ApplicationDto(
    Guid Id,
    string Reference,
    int Version,
    Guid LineageId,
    Guid? PreviousVersionId,
    ApplicationStatus Status,
    string ApplicantId,
    string ApplicantName,
    string OrganisationId,
    ApplicationContent Content,
    IReadOnlyList<AttachmentDto> Attachments,
    IReadOnlyList<TransitionDto> History,
    string? PolicySha256,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SubmittedAt,
    Guid ConcurrencyStamp)
{
    public static ApplicationDto From(SecondaryUseApplication a) => new(
        a.Id, a.Reference, a.Version, a.LineageId, a.PreviousVersionId, a.Status, a.ApplicantId, a.ApplicantName, a.OrganisationId,
        a.Content,
        a.Attachments.Select(x => new AttachmentDto(x.Id, x.Kind, x.FileName, x.ContentType, x.SizeBytes, x.Sha256, x.UploadedAt)).ToList(),
        a.History.OrderBy(h => h.At).Select(h => new TransitionDto(h.From, h.To, h.ActorId, h.ActorName, h.At, h.Reason)).ToList(),
        a.PolicySha256, a.CreatedAt, a.UpdatedAt, a.SubmittedAt, a.ConcurrencyStamp);
}

public sealed record AttachmentDto(Guid Id, string Kind, string FileName, string ContentType, long SizeBytes, string Sha256, DateTimeOffset UploadedAt);

public sealed record TransitionDto(ApplicationStatus? From, ApplicationStatus To, string ActorId, string ActorName, DateTimeOffset At, string? Reason);

/// <summary>Body of a draft update.</summary>
public sealed record SaveDraftRequest(ApplicationContent Content, Guid ConcurrencyStamp);

/// <summary>Body of submit and withdraw.</summary>
public sealed record TransitionRequest(Guid ConcurrencyStamp, string? Reason);
