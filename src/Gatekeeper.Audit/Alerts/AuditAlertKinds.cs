namespace Gatekeeper.Audit.Alerts;

/// <summary>The kinds of alert the detectors raise.</summary>
public static class AuditAlertKinds
{
    public const string BlockedOutputsInARow = "blocked-outputs-in-a-row";
    public const string NearIdenticalQueries = "near-identical-queries";
    public const string OffHoursBulkDownloads = "off-hours-bulk-downloads";
}
