namespace Gatekeeper.Data.Consent;

/// <summary>The consent registry of a dataset at a moment: opt-outs in force, per-purpose decisions in force, the latest entries.</summary>
public sealed record ConsentOverview(
    string DatasetId,
    DateTimeOffset AsOf,
    int OptedOut,
    int Persons,
    int Events,
    IReadOnlyList<PurposeConsentCount> Purposes,
    IReadOnlyList<ConsentEventView> Recent);
