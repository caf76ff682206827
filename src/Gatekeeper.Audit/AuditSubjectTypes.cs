namespace Gatekeeper.Audit;

/// <summary>Kinds of subject an audit entry is about (<see cref="AuditRecord.SubjectType"/>).</summary>
public static class AuditSubjectTypes
{
    public const string User = "user";
    public const string Application = "application";
    public const string Review = "review";
    public const string Permit = "permit";
    public const string Run = "run";
    public const string Output = "output";
    public const string Release = "release";
    public const string Dataset = "dataset";
    public const string Policy = "policy";
    public const string AuditLog = "audit-log";
}
