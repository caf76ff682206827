using Gatekeeper.Domain.Airlock;
using Gatekeeper.Domain.Outputs;
using Gatekeeper.Domain.Runs;

namespace Gatekeeper.Data.Outputs;

/// <summary>
/// A release request as an output checker sees it: the run and its query, every included file with its airlock record and
/// automated verdict, the caller's own votes of the current round, and the other checker's votes only once both reviews
/// are in (blinding). What the caller may do now is worked out here, by the same rules the actions enforce.
/// </summary>
public sealed record CheckerReleaseView(
    ReleaseRequest Request,
    QueryRun Run,
    IReadOnlyList<ReleaseFile> Files,
    IReadOnlyDictionary<Guid, RunOutput> Outputs,
    IReadOnlyList<ReleaseVote> MyVotes,
    IReadOnlyList<ReleaseVote> OtherVotes,
    bool Blinded,
    int ReviewsIn,
    bool MyReviewSubmitted,
    bool CanVote,
    bool CanDecide,
    bool CanRetryRelease)
{
    /// <summary>Files both reviews of the current round approved (what an approval releases).</summary>
    public IReadOnlyList<ReleaseFile> ApprovedByBoth => OutputCheckingService.ApprovedByBoth(Files, [.. MyVotes, .. OtherVotes]);
}
