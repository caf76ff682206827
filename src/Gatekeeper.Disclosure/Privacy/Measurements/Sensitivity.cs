using Gatekeeper.Disclosure.Privacy.Bounding;
using Gatekeeper.Disclosure.Suppression;

namespace Gatekeeper.Disclosure.Privacy.Measurements;

/// <summary>
/// How far one person can move a statistic's vector of per-group values (exact, in lattice units):
/// the largest change of one group (L∞), the L1 norm (what Laplace noise is calibrated to) and the
/// squared L2 norm (Gaussian noise).
/// </summary>
public sealed record Sensitivity(Rational LInfinity, Rational L1, Rational L2Squared)
{
    /// <summary>
    /// For a per-group sum of per-row contributions of magnitude ≤ m (m = 1 for counts) under the bounds:
    /// a person has ≤ r rows in a group, ≤ R rows in all, in ≤ G groups. L∞ = r·m; L1 = min(R, G·r)·m; L2²
    /// is the most Σ cᵢ² can be with Σ cᵢ ≤ R, cᵢ ≤ r and at most G groups: fill ⌊R/r⌋ groups (≤ G) with r,
    /// then the rest in one more group if allowed.
    /// </summary>
    public static Sensitivity ForRows(ContributionBounds bounds, Rational perRowMagnitude)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        long r = bounds.MaxRowsPerGroup;
        long total = bounds.MaxRowsPerPerson;
        long groups = bounds.MaxGroupsPerPerson;
        var full = Math.Min(groups, total / r);
        var rest = full < groups ? Math.Min(r, total - (full * r)) : 0;
        var l1 = Math.Min(total, groups * r);
        var m = perRowMagnitude;
        return new Sensitivity(
            new Rational(r, 1) * m,
            new Rational(l1, 1) * m,
            new Rational((full * r * r) + (rest * rest), 1) * m * m);
    }

    /// <summary>For a per-group count of distinct persons: each person adds 1 to at most G groups.</summary>
    public static Sensitivity ForPersons(ContributionBounds bounds)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        return new Sensitivity(Rational.One, new Rational(bounds.MaxGroupsPerPerson, 1), new Rational(bounds.MaxGroupsPerPerson, 1));
    }

    /// <summary>A single scalar statistic that one person moves by at most Δ.</summary>
    public static Sensitivity Scalar(Rational delta) => new(delta, delta, delta * delta);
}
