using Gatekeeper.Audit.Chain;

namespace Gatekeeper.Audit.Alerts;

/// <summary>Runs every detector over the same entries.</summary>
public static class AuditAlertDetectors
{
    /// <summary>The actions any detector reads; a caller loading entries for detection needs only these.</summary>
    public static IReadOnlyList<string> Actions { get; } =
    [
        AuditActions.CheckResult, AuditActions.OutputDecision, AuditActions.ReleaseCreated,
        AuditActions.RunRequested, AuditActions.RunRefused, AuditActions.ReleaseDownloaded,
    ];

    public static IReadOnlyList<AuditAlert> DetectAll(IReadOnlyList<ChainedEntry> entries, AlertThresholds thresholds) =>
    [
        .. BlockedOutputsDetector.Detect(entries, thresholds),
        .. NearIdenticalQueriesDetector.Detect(entries, thresholds),
        .. OffHoursDownloadsDetector.Detect(entries, thresholds),
    ];
}
