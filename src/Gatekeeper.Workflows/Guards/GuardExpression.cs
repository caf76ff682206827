namespace Gatekeeper.Workflows.Guards;

/// <summary>
/// A guard of a transition, e.g. <c>risk.level == 'high' or tier == 'pseudonymised-microdata'</c>:
/// parsed and type-checked against a <see cref="GuardSchema"/> when the definition is loaded, then
/// evaluated against <see cref="GuardFacts"/>. No code is compiled or run.
/// </summary>
public sealed class GuardExpression
{
    private readonly GuardNode _root;

    private GuardExpression(string source, GuardNode root)
    {
        Source = source;
        _root = root;
    }

    public string Source { get; }

    public static GuardParseResult Parse(string source, GuardSchema schema)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            return new GuardParseResult(new GuardExpression(source.Trim(), GuardParser.Parse(source, schema)), null, 0);
        }
        catch (GuardSyntaxException ex)
        {
            return new GuardParseResult(null, ex.Message, ex.Column);
        }
    }

    public bool Evaluate(GuardFacts facts) => (bool)_root.Evaluate(facts);

    public override string ToString() => Source;
}
