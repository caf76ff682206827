using System.Globalization;
using System.Numerics;
using Gatekeeper.Disclosure.Privacy.Budget;
using Gatekeeper.Disclosure.Suppression;

namespace Gatekeeper.Data.Privacy;

/// <summary>Exact rationals as text (<c>n</c> or <c>n/d</c>), so budgets compare exactly on every store.</summary>
internal static class StoredRational
{
    public static string Text(Rational value) => value.ToString();

    public static Rational Parse(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash < 0
            ? new Rational(BigInteger.Parse(text, CultureInfo.InvariantCulture), BigInteger.One)
            : new Rational(BigInteger.Parse(text.AsSpan(0, slash), CultureInfo.InvariantCulture), BigInteger.Parse(text.AsSpan(slash + 1), CultureInfo.InvariantCulture));
    }

    public static PrivacyBudget Budget(PrivacyBudgetModel model, string epsilon, string delta, string rho) =>
        model == PrivacyBudgetModel.ZeroConcentratedDp ? PrivacyBudget.Zcdp(Parse(rho), Parse(delta)) : PrivacyBudget.ApproximateDp(Parse(epsilon), Parse(delta));
}
