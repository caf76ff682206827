using System.Globalization;
using Gatekeeper.Data.Catalogue;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Policies;
using Gatekeeper.Domain.Reviews;
using Gatekeeper.Workflows.Definitions;
using Gatekeeper.Workflows.Letters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Data.Workflows;

/// <summary>Decision letters (HTML with a print stylesheet, Japanese or English) for the researcher and the board.</summary>
public sealed class DecisionLetterService(
    IDbContextFactory<GatekeeperDbContext> factory, DecisionLetterRenderer renderer, CatalogueService catalogue, PurposePolicy purposes, IOptions<WorkflowOptions> options)
{
    private static readonly HashSet<string> BoardRoles = [Roles.DataSteward, Roles.ElsiReviewer, Roles.ElsiChair, Roles.CertifiedOperator, Roles.Admin];

    /// <summary>The letter of the decision on an application version, in <paramref name="language"/> (ja or en).</summary>
    public async Task<DomainResult<DecisionLetter>> RenderAsync(Actor actor, Guid applicationId, string language, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId, cancellationToken);
        var visible = application is not null && (application.IsTeamMember(actor)
                                                  || (actor.Roles.Any(BoardRoles.Contains) && SeparationOfDuties.Conflict(actor, application) is null));
        if (!visible) return Fail("applicationId", "not-found", "No such application, or you may not see it.");
        var decision = await db.Decisions.AsNoTracking().Where(d => d.ApplicationId == applicationId).OrderByDescending(d => d.DecidedAt).FirstOrDefaultAsync(cancellationToken);
        if (decision is null) return Fail("applicationId", "no-decision", "This application has not been decided yet.");

        var ja = language.StartsWith("ja", StringComparison.OrdinalIgnoreCase);
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == application!.OrganisationId, cancellationToken);
        var permit = decision.PermitId is { } permitId ? await db.Permits.AsNoTracking().FirstOrDefaultAsync(p => p.Id == permitId, cancellationToken) : null;
        var requests = decision.Decision == ReviewDecision.ReviseAndResubmit
            ? await db.ReviewComments.AsNoTracking().Where(c => c.ApplicationId == applicationId && c.IsRevisionRequest).OrderBy(c => c.At).Select(c => c.Body).ToListAsync(cancellationToken)
            : [];
        var snapshot = await catalogue.SnapshotAsync(cancellationToken);
        var purpose = purposes.FindPurpose(application!.PurposeCategory);

        LetterPermit? letterPermit = null;
        if (permit is not null)
        {
            letterPermit = new LetterPermit
            {
                Number = permit.Number,
                Tier = WorkflowSubjects.TierCode(permit.Tier),
                ValidFrom = Date(permit.ValidFrom),
                ValidUntil = Date(permit.ValidUntil.AddDays(-1)),
                Epsilon = permit.Epsilon?.ToString("0.###", CultureInfo.InvariantCulture),
                Delta = permit.Delta?.ToString("G3", CultureInfo.InvariantCulture),
                Datasets = permit.Datasets.Select(d =>
                {
                    var dataset = snapshot.Find(d.DatasetId);
                    return new LetterDataset(d.DatasetId, (ja ? dataset?.NameJa : null) ?? dataset?.Name ?? d.DatasetId,
                        d.Variables.Select(v =>
                        {
                            var variable = dataset?.FindVariable(v.Table, v.Name);
                            return new LetterVariable(v.QualifiedName, (ja ? variable?.LabelJa : null) ?? variable?.Label ?? v.QualifiedName);
                        }).ToList());
                }).ToList(),
                Team = permit.Team.Select(t => new LetterTeamMember(t.Name, t.Organisation, t.ProjectRole)).ToList(),
            };
        }

        var model = new DecisionLetterModel
        {
            Reference = application.Reference,
            Version = application.Version,
            Title = application.Title,
            ApplicantName = application.ApplicantName,
            OrganisationName = (ja ? organisation?.NameJa : null) ?? organisation?.Name ?? application.OrganisationId,
            Purpose = purpose is null ? application.PurposeCategory ?? "" : purpose.Name.For(ja ? "ja" : "en"),
            Decision = ReviewDecisions.Code(decision.Decision),
            Reason = decision.Reason,
            Conditions = decision.Conditions,
            Requests = requests,
            DecidedBy = decision.DecidedByName,
            DecidedAt = Date(decision.DecidedAt),
            SubmittedAt = application.SubmittedAt is { } submitted ? Date(submitted) : null,
            Permit = letterPermit,
            IssuingBody = options.Value.IssuingBody,
        };
        return await renderer.RenderAsync(model, ja ? "ja" : "en", cancellationToken);
    }

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DomainResult<DecisionLetter> Fail(string field, string rule, string message) =>
        DomainResult<DecisionLetter>.Fail([ValidationError.Create(field, rule, message)]);
}
