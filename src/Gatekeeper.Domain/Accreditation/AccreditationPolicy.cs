using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Policies;

namespace Gatekeeper.Domain.Accreditation;

/// <summary>
/// Which accreditation kinds each activity requires (<c>policies/accreditation.yaml</c>), and the
/// check that names exactly what to renew.
/// </summary>
public sealed record AccreditationPolicy
{
    public required string Sha256 { get; init; }

    /// <summary>Known kinds with their names.</summary>
    public required IReadOnlyDictionary<string, LocalisedText> Kinds { get; init; }

    public required IReadOnlyDictionary<AccreditedActivity, IReadOnlyList<string>> Requirements { get; init; }

    /// <summary>Checks <paramref name="records"/> on <paramref name="today"/>; a refusal names each kind to renew or obtain.</summary>
    public IReadOnlyList<ValidationError> Check(AccreditedActivity activity, IEnumerable<Accreditation> records, DateOnly today)
    {
        var list = records.ToList();
        var errors = new List<ValidationError>();
        foreach (var kind in Requirements.GetValueOrDefault(activity) ?? [])
        {
            var name = Kinds.TryGetValue(kind, out var text) ? text.En : kind;
            var ofKind = list.Where(a => a.Kind == kind).ToList();
            if (ofKind.Any(a => a.IsValidOn(today))) continue;
            var latest = ofKind.OrderByDescending(a => a.ValidUntil).FirstOrDefault();
            errors.Add(latest is null
                ? ValidationError.Create("accreditation", "accreditation-missing",
                    $"You need a valid '{name}' accreditation to do this. Ask your organisation's administrator to record it.",
                    ("kind", kind), ("activity", activity))
                : latest.ValidFrom > today
                    ? ValidationError.Create("accreditation", "accreditation-not-yet-valid",
                        $"Your '{name}' accreditation is valid only from {latest.ValidFrom:yyyy-MM-dd}.", ("kind", kind), ("validFrom", latest.ValidFrom.ToString("yyyy-MM-dd")))
                    : ValidationError.Create("accreditation", "accreditation-expired",
                        $"Your '{name}' accreditation expired on {latest.ValidUntil:yyyy-MM-dd}. Renew it to continue.",
                        ("kind", kind), ("expired", latest.ValidUntil.ToString("yyyy-MM-dd"))));
        }

        return errors;
    }
}
