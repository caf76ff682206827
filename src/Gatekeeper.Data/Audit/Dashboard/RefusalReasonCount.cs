namespace Gatekeeper.Data.Audit.Dashboard;

/// <summary>How often one reason code refused one kind of action (a reason listing several codes counts for each).</summary>
public sealed record RefusalReasonCount(string Action, string Reason, int Count);
