namespace Gatekeeper.Disclosure.Privacy.Bounding;

/// <summary>One input row for contribution bounding: whose it is, which group it falls in, and its measured value.</summary>
public sealed record PersonRow(string Person, GroupKey Group, double Value);
