namespace Gatekeeper.VisitingEnvironment.Queries;

/// <summary>One reason a query is refused, for the researcher: <see cref="Construct"/> names the offending part.</summary>
/// <param name="Code">Stable code for the audit trail and tests, e.g. <c>statement</c>, <c>table-function</c>, <c>variable</c>.</param>
/// <param name="Construct">The construct as written or named, e.g. <c>COPY</c>, <c>read_text()</c>, <c>hba1c.method_code</c>.</param>
/// <param name="Message">A sentence saying what is wrong and what is allowed instead.</param>
public sealed record QueryProblem(string Code, string Construct, string Message)
{
    public override string ToString() => Message;
}
