using System.Globalization;
using System.Numerics;
using Gatekeeper.Disclosure.Privacy.Bounding;
using Gatekeeper.Disclosure.Privacy.Budget;
using Gatekeeper.Disclosure.Privacy.Floating;
using Gatekeeper.Disclosure.Privacy.Partitions;
using Gatekeeper.Disclosure.Privacy.Planning;
using Gatekeeper.Disclosure.Suppression;

namespace Gatekeeper.VisitingEnvironment.Privacy;

/// <summary>
/// The DP plan the host has paid for, as handed to the worker in its spec: the planner's input (source, person column,
/// groups, measures, bounds, keys, allotment) and the salt of its contribution-bounding hash, so the worker rebuilds
/// exactly the same plan (and checks that it costs <see cref="Charge"/>), runs its SQL, adds the noise and writes only
/// the noisy release. <see cref="PaddingMs"/> is the time quantum the noise phase is padded to.
/// </summary>
public sealed record WorkerDpRequest
{
    public required string Source { get; init; }

    public required string PersonColumn { get; init; }

    public required IReadOnlyList<string> GroupColumns { get; init; }

    public required IReadOnlyList<WorkerDpMeasure> Measures { get; init; }

    public required int MaxRowsPerPerson { get; init; }

    public required int MaxGroupsPerPerson { get; init; }

    public required int MaxRowsPerGroup { get; init; }

    /// <summary>The public keys in the policy's order, or null for partition selection (τ-thresholding).</summary>
    public IReadOnlyList<IReadOnlyList<string>>? PublicKeys { get; init; }

    public required PrivacyBudgetModel Model { get; init; }

    /// <summary>The allotment's ε, δ and ρ as exact rationals (<c>n</c> or <c>n/d</c>).</summary>
    public required string Epsilon { get; init; }

    public required string Delta { get; init; }

    public required string Rho { get; init; }

    public required string Salt { get; init; }

    /// <summary>What the host charged for the plan (its <see cref="DpAggregatePlan.Charge"/>, as text).</summary>
    public required string Charge { get; init; }

    public int PaddingMs { get; init; } = 200;

    public static WorkerDpRequest From(DpAggregatePlan plan, int paddingMs)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var spec = plan.Spec;
        return new WorkerDpRequest
        {
            Source = spec.Source,
            PersonColumn = spec.PersonColumn,
            GroupColumns = spec.GroupColumns,
            Measures = [.. spec.Measures.Select(m => new WorkerDpMeasure(m.Name, m.Kind, m.Column, m.Bounds?.Lower, m.Bounds?.Upper, m.Impute))],
            MaxRowsPerPerson = spec.Bounds.MaxRowsPerPerson,
            MaxGroupsPerPerson = spec.Bounds.MaxGroupsPerPerson,
            MaxRowsPerGroup = spec.Bounds.MaxRowsPerGroup,
            PublicKeys = spec.Keys is PublicGroupKeys p ? [.. p.Keys.Keys.Select(k => (IReadOnlyList<string>)[.. k.Parts.Select(x => x!)])] : null,
            Model = spec.Allotment.Model,
            Epsilon = spec.Allotment.Epsilon.ToString(),
            Delta = spec.Allotment.Delta.ToString(),
            Rho = spec.Allotment.Rho.ToString(),
            Salt = plan.Salt,
            Charge = plan.Charge.ToString(),
            PaddingMs = paddingMs,
        };
    }

    /// <summary>The planner's input again.</summary>
    public DpQuerySpec ToSpec()
    {
        var measures = Measures.Select(m => m.Kind == DpMeasureKind.Count
            ? DpMeasureSpec.Count(m.Name)
            : new DpMeasureSpec(m.Name, m.Kind, m.Column, new ClampBounds(m.Lower ?? double.NaN, m.Upper ?? double.NaN), impute: m.Impute)).ToList();
        GroupKeyPolicy keys = PublicKeys is null
            ? new ThresholdedGroupKeys()
            : new PublicGroupKeys(GroupColumns.Count == 0 ? PublicKeySet.Ungrouped : new PublicKeySet(GroupColumns, PublicKeys.Select(k => new GroupKey([.. k]))));
        var allotment = Model == PrivacyBudgetModel.ApproximateDp
            ? PrivacyBudget.ApproximateDp(Parse(Epsilon), Parse(Delta))
            : PrivacyBudget.Zcdp(Parse(Rho), Parse(Delta));
        return new DpQuerySpec(Source, PersonColumn, GroupColumns, measures, new ContributionBounds(MaxRowsPerPerson, MaxGroupsPerPerson, MaxRowsPerGroup), keys, allotment);
    }

    /// <summary>The plan rebuilt with the paid-for salt; refused when it would cost anything but what was charged.</summary>
    public DpAggregatePlan Plan()
    {
        var plan = DpAggregatePlanner.Plan(ToSpec(), Salt);
        if (plan.Charge.ToString() != Charge)
            throw new InvalidOperationException($"The DP plan costs {plan.Charge} but {Charge} was charged; nothing is released.");
        return plan;
    }

    private static Rational Parse(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash < 0
            ? new Rational(BigInteger.Parse(text, CultureInfo.InvariantCulture), BigInteger.One)
            : new Rational(BigInteger.Parse(text[..slash], CultureInfo.InvariantCulture), BigInteger.Parse(text[(slash + 1)..], CultureInfo.InvariantCulture));
    }
}
