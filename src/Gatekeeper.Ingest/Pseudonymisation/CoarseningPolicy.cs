using System.Globalization;

namespace Gatekeeper.Ingest.Pseudonymisation;

/// <summary>Coarsening of quasi-identifiers, read from <c>policies/ingest/coarsening.yaml</c>; its SHA-256 is recorded with every import.</summary>
public sealed record CoarseningPolicy
{
    public required string Version { get; init; }

    public BirthCoarsening Birth { get; init; } = BirthCoarsening.AgeBand;

    public int AgeBandYears { get; init; } = 5;

    /// <summary>Ages from here on share one open band ("85+"), since few people are that old in a programme.</summary>
    public int TopAgeBandFrom { get; init; } = 85;

    /// <summary>The date ages are computed at, fixed by policy so a table does not change as time passes.</summary>
    public required DateOnly ReferenceDate { get; init; }

    public ResidenceCoarsening Residence { get; init; } = ResidenceCoarsening.Prefecture;

    /// <summary>SHA-256 of the policy file, or "built-in".</summary>
    public string Sha256 { get; init; } = "built-in";

    public static CoarseningPolicy Default { get; } = new() { Version = "built-in", ReferenceDate = new DateOnly(2026, 4, 1) };

    /// <summary>Describes the rule in a catalogue entry, e.g. "age band of 5 years at 2026-04-01".</summary>
    public string DescribeBirth() => Birth == BirthCoarsening.BirthYear
        ? "birth year"
        : $"age band of {AgeBandYears} years at {ReferenceDate:yyyy-MM-dd}, top band {TopAgeBandFrom}+";

    public string DescribeResidence() => Residence == ResidenceCoarsening.Prefecture ? "prefecture (JIS X 0401)" : "removed";

    /// <summary>The coarsened value, or null when the birth lies after the reference date (not a plausible participant).</summary>
    public string? CoarsenBirth(int year, int month)
    {
        if (Birth == BirthCoarsening.BirthYear) return year.ToString("D4", CultureInfo.InvariantCulture);
        // Day of birth is unknown: counting it as the 1st makes the age at most one month too high, never negative.
        var age = ReferenceDate.Year - year - (ReferenceDate.Month < month ? 1 : 0);
        if (age < 0) return null;
        if (age >= TopAgeBandFrom) return TopAgeBandFrom.ToString(CultureInfo.InvariantCulture) + "+";
        var low = age / AgeBandYears * AgeBandYears;
        return string.Create(CultureInfo.InvariantCulture, $"{low}-{low + AgeBandYears - 1}");
    }

    public string? CoarsenResidence(int prefecture) =>
        Residence == ResidenceCoarsening.Prefecture ? prefecture.ToString("D2", CultureInfo.InvariantCulture) : null;
}
