namespace Gatekeeper.Web.Runs;

/// <summary>The verdict of "Validate": whether the query may run now, and each problem with the construct it names.</summary>
public sealed record QueryCheckDto(bool Valid, IReadOnlyList<QueryProblemDto> Problems);

/// <summary>One problem: its rule code, the offending construct, and what to change.</summary>
public sealed record QueryProblemDto(string Rule, string Construct, string Message);
