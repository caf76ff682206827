namespace Gatekeeper.VisitingEnvironment.Runs;

/// <summary>The persons file written for one run: where, how many persons it holds, how many the consent filter left out.</summary>
public sealed record PersonsFile(string Path, int Included, int Excluded);
