namespace Gatekeeper.Data.Workflows;

/// <summary>What one maintenance pass did.</summary>
public sealed record WorkflowMaintenanceResult(int ReviewsReconciled, int TimersFired, int MailsSent);
