namespace Gatekeeper.Disclosure.Microdata;

/// <summary>What was done to one quasi-identifier: the hierarchy level used, what it does, and distinct values before and after.</summary>
public sealed record GeneralisationApplied(string Column, int Level, string Description, int DistinctBefore, int DistinctAfter);
