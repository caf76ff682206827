using Gatekeeper.Disclosure.Verdicts;

namespace Gatekeeper.Disclosure.Microdata;

/// <summary>The outcome of one microdata criterion (<c>k-anonymity</c>, <c>distinct-l-diversity</c>, <c>entropy-l-diversity</c>, <c>t-closeness</c>, <c>marketer-risk</c>).</summary>
public sealed record MicrodataFinding(string Criterion, string? Column, CheckStatus Outcome, string Reason);
