using Gatekeeper.Data.Outputs;

namespace Gatekeeper.Web.Outputs;

/// <summary>A release request as the API shows it to the researcher (automated status and rule codes; never shadow statistics).</summary>
internal sealed record ReleaseDto(
    Guid Id, string Number, string Status, int Round, Guid RunId, string RunNumber, Guid PermitId, string PermitNumber, string? Description,
    DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt, DateTimeOffset? DecidedAt, string? DecisionComment, DateTimeOffset? ReleasedAt,
    string? PackageSha256, IReadOnlyList<ReleaseFileDto> Files)
{
    public static ReleaseDto From(ResearcherReleaseView view)
    {
        var r = view.Request;
        return new ReleaseDto(r.Id, r.Number, r.Status, r.Round, r.RunId, r.RunNumber, r.PermitId, r.PermitNumber, r.Description, r.CreatedAt, r.SubmittedAt,
            r.DecidedAt, r.DecisionComment, r.ReleasedAt, r.PackageSha256,
            [.. view.Files.Select(f => new ReleaseFileDto(f.Id, f.Name, f.Included, f.Description, f.ExceptionJustification, f.CheckStatus,
                f.Rules?.Split(',') ?? [], f.FailedCells, f.ReviewCells, f.Cells, f.PolicyId, f.PolicySha256, f.Released))]);
    }
}
