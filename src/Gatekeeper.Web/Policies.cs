using System.Reflection;
using Gatekeeper.Domain.Common;
using Microsoft.AspNetCore.Authorization;

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

    /// <summary>Onboards holders' data: imports, import history and reports, the consent registry.</summary>
    public const string DataSteward = "data-steward";

    /// <summary>
    /// The audit console (pages under /audit, /api/v1/audit): certified operators only, who supervise every access, run
    /// and release. Read-only: the console changes nothing but records its own verifications and exports in the log.
    /// </summary>
    public const string AuditConsole = "audit-console";

    /// <summary>Checks outputs leaving the airlock (pages under /outputs, /api/output-checks): output checkers only.</summary>
    public const string OutputChecker = "output-checker";

    /// <summary>Every policy name above (for tests that evaluate which areas a person may use).</summary>
    public static IReadOnlyList<string> All { get; } = typeof(Policies).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToList();

    /// <summary>Registers the policies; anything without a policy still needs a signed-in person (fallback policy).</summary>
    public static IServiceCollection AddGatekeeperPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Researcher, p => p.RequireRole(Roles.Researcher))
            .AddPolicy(Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(DataSteward, p => p.RequireRole(Roles.DataSteward))
            .AddPolicy(ReviewBoard, p => p.RequireRole(Roles.DataSteward, Roles.ElsiReviewer, Roles.ElsiChair))
            .AddPolicy(DecisionLetter, p => p.RequireRole(Roles.Researcher, Roles.DataSteward, Roles.ElsiReviewer, Roles.ElsiChair))
            .AddPolicy(AuditConsole, p => p.RequireRole(Roles.CertifiedOperator))
            .AddPolicy(OutputChecker, p => p.RequireRole(Roles.OutputChecker));
        return services;
    }
}
