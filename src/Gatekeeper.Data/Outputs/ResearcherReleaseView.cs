using Gatekeeper.Domain.Outputs;

namespace Gatekeeper.Data.Outputs;

/// <summary>
/// A release request as the researcher sees it: status, files with the automated verdict (rules and cell keys, never the
/// shadow statistics), the consolidating checker's decision and, once released, the package. The checkers' individual
/// votes are not shown; their per-file comments are, after the decision (so a return says what to change).
/// </summary>
public sealed record ResearcherReleaseView(
    ReleaseRequest Request,
    IReadOnlyList<ReleaseFile> Files,
    IReadOnlyList<ReleaseVote> DecidedVotes,
    bool CanEdit);
