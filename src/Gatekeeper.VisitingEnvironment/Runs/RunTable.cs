namespace Gatekeeper.VisitingEnvironment.Runs;

/// <summary>A table the permit grants, with its approved variables (the view shows these and nothing else).</summary>
public sealed record RunTable(string Name, IReadOnlyList<string> Variables);
