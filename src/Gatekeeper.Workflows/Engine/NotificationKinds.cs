namespace Gatekeeper.Workflows.Engine;

/// <summary>Kinds of notification the engine and the review services raise.</summary>
public static class NotificationKinds
{
    public const string TaskAssigned = "task-assigned";
    public const string TaskInPool = "task-in-pool";
    public const string TaskReminder = "task-reminder";
    public const string TaskEscalated = "task-escalated";
    public const string DeadlineWarning = "deadline-warning";
    public const string DeadlineMissed = "deadline-missed";
    public const string DeadlineExtended = "deadline-extended";
    public const string Decision = "decision";
    public const string RevisionRequested = "revision-requested";
    public const string Comment = "comment";
    public const string PermitRevoked = "permit-revoked";
}
