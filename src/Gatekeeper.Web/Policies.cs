namespace Gatekeeper.Web;

/// <summary>Authorisation policy names used by pages and endpoints.</summary>
public static class Policies
{
    /// <summary>May create and manage secondary-use applications.</summary>
    public const string Researcher = "researcher";

    /// <summary>Manages people, organisations, roles and accreditations.</summary>
    public const string Admin = "admin";

    /// <summary>Works in the review queue: data stewards (screening), ELSI reviewers and the ELSI chair.</summary>
    public const string ReviewBoard = "review-board";

    /// <summary>
    /// May ask for a decision letter: the review board and researchers. Which letters a person actually
    /// gets (their own application's, or one they may review) is the letter service's decision.
    /// </summary>
    public const string DecisionLetter = "decision-letter";

    /// <summary>
    /// The audit console (pages under /audit, /api/v1/audit): certified operators only, who supervise every access, run
    /// and release. Read-only: the console changes nothing but records its own verifications and exports in the log.
    /// </summary>
    public const string AuditConsole = "audit-console";
}
