namespace Gatekeeper.Disclosure.Verdicts;

/// <summary>
/// One number that decided a finding, e.g. <c>units = 7</c> or <c>largest = 812.50</c>. Exact
/// (decimal). Some are shadow statistics: <see cref="IsShadow"/> marks those an output checker may see
/// but a researcher may not (individual contributions).
/// </summary>
public readonly record struct Evidence(string Name, decimal Value, bool IsShadow = false)
{
    public override string ToString() => $"{Name} = {Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
