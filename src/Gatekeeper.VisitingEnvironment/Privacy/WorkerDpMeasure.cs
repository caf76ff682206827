using Gatekeeper.Disclosure.Privacy.Planning;

namespace Gatekeeper.VisitingEnvironment.Privacy;

/// <summary>One statistic of a <see cref="WorkerDpRequest"/>: the planner's <see cref="DpMeasureSpec"/> in JSON form.</summary>
public sealed record WorkerDpMeasure(string Name, DpMeasureKind Kind, string? Column, double? Lower, double? Upper, double? Impute);
