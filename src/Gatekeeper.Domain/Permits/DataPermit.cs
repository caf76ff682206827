using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Common;

namespace Gatekeeper.Domain.Permits;

/// <summary>
/// A data permit, issued when an application is approved: the approved scope (datasets and variables,
/// tier, purpose), conditions, validity, privacy budget and named team. Every run checks
/// <see cref="IsValidAt"/>: a permit past expiry or revoked stops all work at once.
/// </summary>
public sealed class DataPermit
{
    public const double MaxEpsilon = 100;

    private DataPermit()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Human permit number, e.g. DP-2026-7F3K9Q.</summary>
    public string Number { get; private set; } = "";

    public Guid ApplicationId { get; private set; }

    public Guid LineageId { get; private set; }

    public string ApplicationReference { get; private set; } = "";

    public int ApplicationVersion { get; private set; }

    public string HolderId { get; private set; } = "";

    public string HolderName { get; private set; } = "";

    public string OrganisationId { get; private set; } = "";

    public string Title { get; private set; } = "";

    public string PurposeCategory { get; private set; } = "";

    public string PurposeDescription { get; private set; } = "";

    public OutputTier Tier { get; private set; }

    public List<PermittedDataset> Datasets { get; private set; } = [];

    public List<string> Conditions { get; private set; } = [];

    public List<TeamMember> Team { get; private set; } = [];

    public DateTimeOffset ValidFrom { get; private set; }

    /// <summary>End of validity (exclusive): the day after <see cref="PermitTerms.ValidUntil"/>, 00:00 UTC.</summary>
    public DateTimeOffset ValidUntil { get; private set; }

    public double? Epsilon { get; private set; }

    public double? Delta { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    public string IssuedById { get; private set; } = "";

    public string IssuedByName { get; private set; } = "";

    public DateTimeOffset? RevokedAt { get; private set; }

    public string? RevokedById { get; private set; }

    public string? RevocationReason { get; private set; }

    public Guid ConcurrencyStamp { get; private set; }

    public PrivacyBudget? PrivacyBudget => Epsilon is { } e ? new PrivacyBudget(e, Delta) : null;

    public bool IsValidAt(DateTimeOffset now) => StatusAt(now) == PermitStatus.Active;

    public PermitStatus StatusAt(DateTimeOffset now) =>
        RevokedAt is { } revoked && revoked <= now ? PermitStatus.Revoked
        : now < ValidFrom ? PermitStatus.NotYetValid
        : now >= ValidUntil ? PermitStatus.Expired
        : PermitStatus.Active;

    public bool Allows(string datasetId, string table, string name) =>
        Datasets.Any(d => d.DatasetId == datasetId && d.Variables.Any(v => v.Table == table && v.Name == name));

    /// <summary>Issues the permit for an application being approved; refuses terms wider than what was asked for.</summary>
    public static DomainResult<DataPermit> Issue(
        SecondaryUseApplication application, PermitTerms terms, IReadOnlyList<string> conditions, Actor issuer, string number, DateTimeOffset now)
    {
        var errors = Validate(application, terms, DateOnly.FromDateTime(now.UtcDateTime));
        if (errors.Count > 0) return DomainResult<DataPermit>.Fail(errors);

        return new DataPermit
        {
            Id = Guid.NewGuid(),
            Number = number,
            ApplicationId = application.Id,
            LineageId = application.LineageId,
            ApplicationReference = application.Reference,
            ApplicationVersion = application.Version,
            HolderId = application.ApplicantId,
            HolderName = application.ApplicantName,
            OrganisationId = application.OrganisationId,
            Title = application.Title,
            PurposeCategory = application.PurposeCategory ?? "",
            PurposeDescription = application.PurposeDescription,
            Tier = terms.Tier,
            Datasets = terms.Datasets
                .Select(d => d with { Variables = d.Variables.Distinct().OrderBy(v => v.Table, StringComparer.Ordinal).ThenBy(v => v.Name, StringComparer.Ordinal).ToList() })
                .Where(d => d.Variables.Count > 0).ToList(),
            Conditions = [.. conditions],
            Team = application.Team.Select(t => t with { }).ToList(),
            ValidFrom = new DateTimeOffset(terms.ValidFrom.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            ValidUntil = new DateTimeOffset(terms.ValidUntil.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            Epsilon = terms.PrivacyBudget?.Epsilon,
            Delta = terms.PrivacyBudget?.Delta,
            IssuedAt = now,
            IssuedById = issuer.UserId,
            IssuedByName = issuer.DisplayName,
            ConcurrencyStamp = Guid.NewGuid(),
        };
    }

    /// <summary>Revokes the permit with immediate effect: every run under it stops.</summary>
    public DomainResult Revoke(Actor actor, string? reason, DateTimeOffset now)
    {
        if (!actor.IsInRole(Roles.ElsiChair) && !actor.IsInRole(Roles.Admin))
            return DomainResult.Fail("actor", "role-required", "Only an ELSI chair or an administrator can revoke a permit.", ("role", Roles.ElsiChair));
        if (RevokedAt is not null) return DomainResult.Fail("permit", "already-revoked", "This permit has already been revoked.");
        if (string.IsNullOrWhiteSpace(reason)) return DomainResult.Fail("reason", "required", "Say why the permit is revoked.");
        if (reason.Length > ApplicationLimits.Reason)
            return DomainResult.Fail("reason", "max-length", $"'reason' may be at most {ApplicationLimits.Reason} characters.", ("max", ApplicationLimits.Reason));
        RevokedAt = now;
        RevokedById = actor.UserId;
        RevocationReason = reason.Trim();
        ConcurrencyStamp = Guid.NewGuid();
        return DomainResult.Ok;
    }

    private static List<ValidationError> Validate(SecondaryUseApplication application, PermitTerms terms, DateOnly today)
    {
        var errors = new List<ValidationError>();
        if (application.Status != ApplicationStatus.Approved)
            errors.Add(ValidationError.Create("application", "not-approved", "A permit is issued only for an approved application."));
        if (terms.Datasets.Sum(d => d.Variables.Count) == 0)
            errors.Add(ValidationError.Create("terms.datasets", "required", "A permit grants at least one variable."));
        for (var i = 0; i < terms.Datasets.Count; i++)
        {
            var granted = terms.Datasets[i];
            var asked = application.Datasets.FirstOrDefault(d => d.DatasetId == granted.DatasetId);
            if (asked is null)
            {
                errors.Add(ValidationError.Create($"terms.datasets[{i}]", "not-requested", $"Dataset '{granted.DatasetId}' was not asked for.", ("dataset", granted.DatasetId)));
                continue;
            }

            foreach (var v in granted.Variables.Where(v => !asked.Variables.Any(a => a.Table == v.Table && a.Name == v.Name)))
                errors.Add(ValidationError.Create($"terms.datasets[{i}].variables", "not-requested",
                    $"Variable '{v.QualifiedName}' was not asked for; a permit can only narrow the request.", ("variable", v.QualifiedName)));
        }

        if (application.RequestedTier is { } requested && terms.Tier > requested)
            errors.Add(ValidationError.Create("terms.tier", "wider-than-requested", $"The tier cannot be wider than the {requested} asked for.", ("requested", requested)));
        if (terms.ValidUntil < terms.ValidFrom)
            errors.Add(ValidationError.Create("terms.validUntil", "before-start", "The permit must end on or after the day it starts."));
        if (terms.ValidUntil < today)
            errors.Add(ValidationError.Create("terms.validUntil", "in-past", "The permit would already have expired."));
        if (terms.PrivacyBudget is { } budget)
        {
            if (!(budget.Epsilon > 0 && budget.Epsilon <= MaxEpsilon))
                errors.Add(ValidationError.Create("terms.privacyBudget.epsilon", "out-of-range", $"ε must be above 0 and at most {MaxEpsilon}.", ("max", MaxEpsilon)));
            if (budget.Delta is { } delta && !(delta >= 0 && delta < 1))
                errors.Add(ValidationError.Create("terms.privacyBudget.delta", "out-of-range", "δ must be at least 0 and below 1."));
        }

        return errors;
    }
}
