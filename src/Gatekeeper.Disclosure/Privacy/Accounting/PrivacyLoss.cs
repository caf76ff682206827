using Gatekeeper.Disclosure.Suppression;

namespace Gatekeeper.Disclosure.Privacy.Accounting;

/// <summary>
/// The exact privacy loss of a release (what a measurement's privacy map returns), in its own measure:
/// ε for pure DP, (ε, δ) for approximate DP, ρ (and δ for approximate zCDP) for zCDP. Exact rationals;
/// <see cref="ToString"/> rounds up for display.
/// </summary>
public sealed record PrivacyLoss
{
    private PrivacyLoss(PrivacyMeasure measure, Rational epsilon, Rational delta, Rational rho)
    {
        if (epsilon.Sign < 0 || delta.Sign < 0 || rho.Sign < 0) throw new ArgumentOutOfRangeException(nameof(epsilon), "Privacy losses cannot be negative.");
        if (delta > Rational.One) throw new ArgumentOutOfRangeException(nameof(delta), $"δ = {delta} is not a probability.");
        Measure = measure;
        Epsilon = epsilon;
        Delta = delta;
        Rho = rho;
    }

    public PrivacyMeasure Measure { get; }

    /// <summary>ε (pure and approximate DP; 0 under zCDP).</summary>
    public Rational Epsilon { get; }

    /// <summary>δ (approximate DP and approximate zCDP; 0 otherwise).</summary>
    public Rational Delta { get; }

    /// <summary>ρ (zCDP; 0 otherwise).</summary>
    public Rational Rho { get; }

    public static PrivacyLoss None { get; } = Pure(Rational.Zero);

    public static PrivacyLoss Pure(Rational epsilon) => new(PrivacyMeasure.PureDp, epsilon, Rational.Zero, Rational.Zero);

    public static PrivacyLoss Approximate(Rational epsilon, Rational delta) =>
        delta.IsZero ? Pure(epsilon) : new(PrivacyMeasure.ApproximateDp, epsilon, delta, Rational.Zero);

    public static PrivacyLoss Zcdp(Rational rho) => new(PrivacyMeasure.ZeroConcentratedDp, Rational.Zero, Rational.Zero, rho);

    public static PrivacyLoss ApproximateZcdp(Rational rho, Rational delta) => new(PrivacyMeasure.ZeroConcentratedDp, Rational.Zero, delta, rho);

    /// <summary>
    /// Sequential composition: pure and approximate DP add ε and δ (basic composition); zCDP adds ρ (and
    /// δ). Mixing DP with zCDP converts the DP part first (<see cref="ToZcdp"/>).
    /// </summary>
    public PrivacyLoss Compose(PrivacyLoss other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Measure == PrivacyMeasure.ZeroConcentratedDp || other.Measure == PrivacyMeasure.ZeroConcentratedDp)
        {
            var a = ToZcdp();
            var b = other.ToZcdp();
            return ApproximateZcdp(a.Rho + b.Rho, a.Delta + b.Delta);
        }

        return Approximate(Epsilon + other.Epsilon, Delta + other.Delta);
    }

    /// <summary>
    /// ε-DP is ε²/2-zCDP (Bun and Steinke 2016, Proposition 1.4); the stability-based (ε, δ) of partition
    /// selection is δ-approximately ε²/2-zCDP (their Proposition 1.13). zCDP stays as it is.
    /// </summary>
    public PrivacyLoss ToZcdp() => Measure switch
    {
        PrivacyMeasure.ZeroConcentratedDp => this,
        _ => ApproximateZcdp(Epsilon * Epsilon / new Rational(2, 1), Delta),
    };

    /// <summary>
    /// (ε, δ)-DP form. zCDP needs a conversion δ′ (spent on top of any δ already present): ε by the CKS20
    /// bound, rounded up; pure and approximate DP are returned as they are.
    /// </summary>
    public PrivacyLoss ToApproximateDp(Rational conversionDelta)
    {
        if (Measure != PrivacyMeasure.ZeroConcentratedDp) return this;
        if (Rho.IsZero) return Approximate(Rational.Zero, Delta);
        return Approximate(ZcdpConversion.Epsilon(Rho, conversionDelta), Delta + conversionDelta);
    }

    /// <summary>For people: every figure rounded up, e.g. "ε ≤ 0.5" or "ρ ≤ 0.125, δ ≤ 1e-6".</summary>
    public override string ToString() => Measure switch
    {
        PrivacyMeasure.PureDp => $"ε ≤ {Epsilon.ToDisplayUp()}",
        PrivacyMeasure.ApproximateDp => $"ε ≤ {Epsilon.ToDisplayUp()}, δ ≤ {Delta.ToDisplayUp()}",
        _ => Delta.IsZero ? $"ρ ≤ {Rho.ToDisplayUp()}" : $"ρ ≤ {Rho.ToDisplayUp()}, δ ≤ {Delta.ToDisplayUp()}",
    };
}
