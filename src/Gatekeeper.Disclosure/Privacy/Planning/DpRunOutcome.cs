namespace Gatekeeper.Disclosure.Privacy.Planning;

/// <summary>What a DP run produced, with the ledger's message (cost and remaining budget).</summary>
public sealed record DpRunOutcome(DpRunStatus Status, DpResult? Result, string Message);
