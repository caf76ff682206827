using Gatekeeper.Domain.Outputs;

namespace Gatekeeper.Data.Outputs;

/// <summary>A release request in the output checkers' queue, with what it asks of the caller.</summary>
/// <param name="MyReviewDue">The caller holds (or may take) a review slot of the current round and has not submitted it.</param>
/// <param name="ReviewsIn">Reviews submitted in the current round (0–2).</param>
/// <param name="FailingFiles">Included files the automated check failed (each carries an exception request).</param>
public sealed record CheckerQueueItem(ReleaseRequest Request, bool MyReviewDue, int ReviewsIn, int Files, int FailingFiles);
