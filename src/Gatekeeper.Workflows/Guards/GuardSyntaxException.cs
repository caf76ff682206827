namespace Gatekeeper.Workflows.Guards;

/// <summary>Thrown inside the parser only; <see cref="GuardExpression.Parse"/> turns it into a result.</summary>
internal sealed class GuardSyntaxException(string message, int column) : Exception(message)
{
    public int Column { get; } = column;
}
