namespace Gatekeeper.Domain.Common;

/// <summary>The roles of the product. A user may hold several.</summary>
public static class Roles
{
    public const string Researcher = "researcher";
    public const string DataSteward = "data-steward";
    public const string ElsiReviewer = "elsi-reviewer";
    public const string ElsiChair = "elsi-chair";
    public const string OutputChecker = "output-checker";
    public const string CertifiedOperator = "certified-operator";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } =
        [Researcher, DataSteward, ElsiReviewer, ElsiChair, OutputChecker, CertifiedOperator, Admin];

    /// <summary>Multi-factor authentication is mandatory for every role but researcher (optional there).</summary>
    public static bool RequireMfa(IEnumerable<string> roles) => roles.Any(r => r != Researcher);
}
