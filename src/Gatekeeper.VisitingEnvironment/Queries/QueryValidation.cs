namespace Gatekeeper.VisitingEnvironment.Queries;

/// <summary>The verdict on a query before it runs: valid, or the problems that refuse it.</summary>
/// <param name="Problems">Empty when the query may run.</param>
/// <param name="StatementCount">How many statements (result tables) the text holds.</param>
public sealed record QueryValidation(IReadOnlyList<QueryProblem> Problems, int StatementCount)
{
    public bool IsValid => Problems.Count == 0;

    /// <summary>All problems as one message (one per line) for the researcher and the audit entry.</summary>
    public string Message => string.Join(Environment.NewLine, Problems.Select(p => p.Message));
}
