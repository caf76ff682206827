using Gatekeeper.Disclosure.Privacy.Accounting;
using Gatekeeper.Disclosure.Suppression;

namespace Gatekeeper.Disclosure.Privacy.Budget;

/// <summary>
/// An amount of privacy budget in a permit's model: a cap, a cost, or what has been spent. Exact
/// rationals; (ε, δ) under <see cref="PrivacyBudgetModel.ApproximateDp"/>, (ρ, δ) under
/// <see cref="PrivacyBudgetModel.ZeroConcentratedDp"/>.
/// </summary>
public sealed record PrivacyBudget
{
    private PrivacyBudget(PrivacyBudgetModel model, Rational epsilon, Rational delta, Rational rho)
    {
        if (epsilon.Sign < 0 || delta.Sign < 0 || rho.Sign < 0) throw new ArgumentOutOfRangeException(nameof(epsilon), "Privacy budgets cannot be negative.");
        if (delta > Rational.One) throw new ArgumentOutOfRangeException(nameof(delta), $"δ = {delta} is not a probability.");
        if (model == PrivacyBudgetModel.ApproximateDp && !rho.IsZero) throw new ArgumentException("An (ε, δ) budget has no ρ.", nameof(rho));
        if (model == PrivacyBudgetModel.ZeroConcentratedDp && !epsilon.IsZero) throw new ArgumentException("A zCDP budget has no ε.", nameof(epsilon));
        Model = model;
        Epsilon = epsilon;
        Delta = delta;
        Rho = rho;
    }

    public PrivacyBudgetModel Model { get; }

    public Rational Epsilon { get; }

    public Rational Delta { get; }

    public Rational Rho { get; }

    public bool IsZero => Epsilon.IsZero && Delta.IsZero && Rho.IsZero;

    public static PrivacyBudget ApproximateDp(Rational epsilon, Rational delta) => new(PrivacyBudgetModel.ApproximateDp, epsilon, delta, Rational.Zero);

    public static PrivacyBudget Zcdp(Rational rho, Rational delta) => new(PrivacyBudgetModel.ZeroConcentratedDp, Rational.Zero, delta, rho);

    public static PrivacyBudget Zero(PrivacyBudgetModel model) => new(model, Rational.Zero, Rational.Zero, Rational.Zero);

    /// <summary>
    /// What a loss costs in a model. Under (ε, δ), a zCDP loss needs a conversion δ′ (its ε by CKS20,
    /// δ′ added to its δ); under zCDP, ε-DP costs ε²/2 and the stability-based (ε, δ) of partition selection
    /// costs (ε²/2, δ).
    /// </summary>
    public static PrivacyBudget Charge(PrivacyBudgetModel model, PrivacyLoss loss, Rational? conversionDelta = null)
    {
        ArgumentNullException.ThrowIfNull(loss);
        if (model == PrivacyBudgetModel.ZeroConcentratedDp)
        {
            var z = loss.ToZcdp();
            return Zcdp(z.Rho, z.Delta);
        }

        if (loss.Measure == PrivacyMeasure.ZeroConcentratedDp && conversionDelta is null)
            throw new ArgumentException($"A zCDP loss ({loss}) can be charged to an (ε, δ) budget only with a conversion δ.", nameof(conversionDelta));
        var dp = loss.ToApproximateDp(conversionDelta ?? Rational.Zero);
        return ApproximateDp(dp.Epsilon, dp.Delta);
    }

    public PrivacyBudget Plus(PrivacyBudget other)
    {
        SameModel(other);
        return new(Model, Epsilon + other.Epsilon, Delta + other.Delta, Rho + other.Rho);
    }

    /// <summary>The difference, floored at zero per component (what is left of a cap).</summary>
    public PrivacyBudget Minus(PrivacyBudget other)
    {
        SameModel(other);
        return new(Model, RationalMath.Max(Epsilon - other.Epsilon, Rational.Zero), RationalMath.Max(Delta - other.Delta, Rational.Zero), RationalMath.Max(Rho - other.Rho, Rational.Zero));
    }

    /// <summary>Whether every component of the amount fits within this one (exact comparison).</summary>
    public bool Covers(PrivacyBudget amount)
    {
        SameModel(amount);
        return amount.Epsilon <= Epsilon && amount.Delta <= Delta && amount.Rho <= Rho;
    }

    /// <summary>A zCDP amount as (ε, δ + δ′) by CKS20 (rounded up), for people used to (ε, δ); an (ε, δ) amount as it is.</summary>
    public (Rational Epsilon, Rational Delta) AsApproximateDp(Rational conversionDelta) =>
        Model == PrivacyBudgetModel.ApproximateDp ? (Epsilon, Delta) : (ZcdpConversion.Epsilon(Rho, conversionDelta), Delta + conversionDelta);

    /// <summary>Rounded up: for costs and amounts spent.</summary>
    public override string ToString() => Describe(up: true);

    /// <summary>Rounded down: for what remains, so the shown figure can always be spent.</summary>
    public string DescribeRoundedDown() => Describe(up: false);

    private string Describe(bool up)
    {
        string Show(Rational r) => up ? r.ToDisplayUp() : r.ToDisplayDown();
        return Model == PrivacyBudgetModel.ApproximateDp
            ? $"ε {Show(Epsilon)}, δ {Show(Delta)}"
            : $"ρ {Show(Rho)}, δ {Show(Delta)}";
    }

    private void SameModel(PrivacyBudget other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Model != Model) throw new ArgumentException($"Cannot combine a {other.Model} amount with a {Model} budget.", nameof(other));
    }
}
