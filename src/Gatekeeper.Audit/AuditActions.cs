namespace Gatekeeper.Audit;

/// <summary>
/// The action codes of the audit log. The console's dashboards, lineage view and alerts find entries by
/// these codes, so emit exactly these (docs/audit.md lists each with its subject ids and details).
/// </summary>
public static class AuditActions
{
    // Sign-in and account (Identity).
    public const string SignedIn = "auth.signed-in";
    public const string SignInFailed = "auth.sign-in-failed";
    public const string LockedOut = "auth.locked-out";
    public const string MfaFailed = "auth.mfa-failed";
    public const string MfaEnrolled = "auth.mfa-enrolled";
    public const string MfaEnrolmentFailed = "auth.mfa-enrolment-failed";
    public const string PasswordChanged = "auth.password-changed";
    public const string SignedOut = "auth.signed-out";
    public const string RoleChanged = "user.role-changed";
    public const string AccreditationChanged = "user.accreditation-changed";

    // Applications (subject ids: version id, reference, "v{n}").
    public const string ApplicationCreated = "application.created";
    public const string ApplicationSubmitted = "application.submitted";
    public const string ApplicationWithdrawn = "application.withdrawn";
    public const string ApplicationSuperseded = "application.superseded";
    public const string ApplicationRevisionCreated = "application.revision-created";
    public const string ApplicationAttachmentAdded = "application.attachment-added";
    public const string ApplicationAttachmentRemoved = "application.attachment-removed";

    /// <summary>A workflow moved an application from one step to another (details: from, to).</summary>
    public const string WorkflowTransition = "workflow.transition";

    // Review and permit.
    /// <summary>A reviewer's or the board's decision (details: decision = approved | approved-with-conditions | rejected | returned | recommend-…).</summary>
    public const string ReviewDecision = "review.decision";
    public const string PermitIssued = "permit.issued";
    public const string PermitRevoked = "permit.revoked";

    // Visiting environment.
    public const string RunRequested = "run.requested";
    public const string RunRefused = "run.refused";
    public const string RunCompleted = "run.completed";

    /// <summary>Privacy budget spent by a run or release (details: permit, epsilon, delta).</summary>
    public const string BudgetSpent = "budget.spent";

    // Exit review.
    /// <summary>The automated disclosure check of an output: Succeeded = passed, Refused = failed (reason: rule codes).</summary>
    public const string CheckResult = "check.result";

    /// <summary>An output checker's decision (details: decision = release | block | revise).</summary>
    public const string OutputDecision = "output.decision";
    public const string ReleaseCreated = "release.created";
    public const string ReleaseDownloaded = "release.downloaded";

    // Data, policies and configuration.
    public const string ConsentChanged = "consent.changed";
    public const string DatasetImported = "dataset.imported";
    public const string PolicyChanged = "policy.changed";
    public const string WorkflowDefinitionChanged = "workflow.definition-changed";
    public const string ConfigurationLoaded = "config.loaded";

    // The audit log itself.
    /// <summary>A verification of the whole chain (outcome: Succeeded = intact, Failed = broken; reason: the verifier's message).</summary>
    public const string AuditVerified = "audit.verified";
    public const string AuditArchived = "audit.archived";
    public const string AuditExported = "audit.exported";
}
