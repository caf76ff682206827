namespace Gatekeeper.Domain.Common;

/// <summary>
/// A problem with user input: which field, which rule, and a message a person can act on.
/// <paramref name="Field"/> is a JSON-style path (e.g. <c>datasets[0].variables[2].justification</c>);
/// <paramref name="Rule"/> is a stable code the UI and API clients can localise or match on.
/// </summary>
public sealed record ValidationError(string Field, string Rule, string Message)
{
    /// <summary>Arguments of the rule (limits, offending values) for localised messages.</summary>
    public IReadOnlyDictionary<string, string> Args { get; init; } = new Dictionary<string, string>();

    public static ValidationError Create(string field, string rule, string message, params (string Key, object? Value)[] args) =>
        new(field, rule, message)
        {
            Args = args.ToDictionary(a => a.Key, a => Convert.ToString(a.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "")
        };
}
