using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Reviews;
using Gatekeeper.Workflows.Guards;

namespace Gatekeeper.Workflows.Definitions;

/// <summary>
/// What a workflow can run on, and for each kind of subject the guard variables, decisions and default
/// vote choices. Facts are captured when the instance starts (a submitted application is immutable).
/// </summary>
public static class WorkflowSubjects
{
    public const string Application = "application";
    public const string Output = "output";

    /// <summary>Pseudo-role of transitions only the gatekeeper itself fires (timers, resubmission, check results).</summary>
    public const string SystemRole = "system";

    public static IReadOnlyList<string> All { get; } = [Application, Output];

    public static IReadOnlyList<string> TierCodes { get; } = Enum.GetValues<OutputTier>().Select(TierCode).ToList();

    /// <summary>Stable code of a tier as guards and policies write it, e.g. <c>pseudonymised-microdata</c>.</summary>
    public static string TierCode(OutputTier tier) => tier switch
    {
        OutputTier.AggregateStatistics => "aggregate-statistics",
        OutputTier.AnonymisedMicrodata => "anonymised-microdata",
        OutputTier.PseudonymisedMicrodata => "pseudonymised-microdata",
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, null),
    };

    /// <summary>Facts known about an application before any risk is scored.</summary>
    public static IReadOnlyList<GuardVariable> ApplicationFacts { get; } =
    [
        new("tier", GuardType.Text, "Output tier asked for") { AllowedValues = TierCodes },
        new("purpose", GuardType.Text, "Purpose category code (policies/purposes.yaml)"),
        new("commercial", GuardType.Boolean, "The purpose category is commercial"),
        new("certified_operator", GuardType.Boolean, "The applicant's organisation is a certified operator"),
        new("datasets", GuardType.Number, "Number of datasets asked for"),
        new("variables", GuardType.Number, "Number of variables asked for"),
        new("sensitive_variables", GuardType.Number, "Number of special-category (sensitive) variables asked for"),
        new("special_categories", GuardType.TextList, "Special categories of the variables asked for (genomic, mental-health, …)"),
        new("special_category", GuardType.Boolean, "At least one variable of a special category is asked for"),
        new("linkage", GuardType.Boolean, "Data of more than one dataset is linked"),
    ];

    public static IReadOnlyList<GuardVariable> RiskFacts { get; } =
    [
        new("risk.score", GuardType.Number, "Risk score from policies/risk.yaml"),
        new("risk.level", GuardType.Text, "Risk level from policies/risk.yaml") { AllowedValues = ["low", "high"] },
    ];

    public static IReadOnlyList<GuardVariable> OutputFacts { get; } =
    [
        new("tier", GuardType.Text, "Output tier of the permit") { AllowedValues = TierCodes },
        new("check.passed", GuardType.Boolean, "The automated disclosure check passed"),
        new("check.findings", GuardType.Number, "Number of findings of the automated check"),
        new("check.done", GuardType.Boolean, "The automated check has reported"),
    ];

    /// <summary>Variables every instance has, whatever its subject.</summary>
    public static IReadOnlyList<GuardVariable> InstanceFacts { get; } =
    [
        new("deadline.extended", GuardType.Boolean, "The deadline has been extended"),
        new("deadline.overdue", GuardType.Boolean, "The deadline has passed"),
        new("votes.assigned", GuardType.Number, "Slots of the latest vote"),
        new("votes.cast", GuardType.Number, "Votes cast in the latest vote"),
        new("votes.pending", GuardType.Number, "Votes still open in the latest vote"),
        new("votes.for", GuardType.Number, "Votes counting toward the latest vote's quorum"),
        new("votes.quorum", GuardType.Number, "Quorum of the latest vote"),
        new("votes.quorum_met", GuardType.Boolean, "The latest vote reached its quorum"),
    ];

    public static IReadOnlyList<string> Decisions(string subject) => subject switch
    {
        Application => Enum.GetValues<ReviewDecision>().Select(ReviewDecisions.Code).ToList(),
        Output => ["release", "block"],
        _ => [],
    };

    public static IReadOnlyList<string> DefaultChoices(string subject) => subject switch
    {
        Application => Enum.GetValues<ReviewDecision>().Select(ReviewDecisions.Code).ToList(),
        _ => ["release", "block"],
    };

    /// <summary>The schema of a subject's guards, plus a tally variable (<c>votes.&lt;choice&gt;</c>) for each vote choice used.</summary>
    public static GuardSchema Schema(string subject, IEnumerable<string> choices)
    {
        IEnumerable<GuardVariable> facts = subject == Application ? [.. ApplicationFacts, .. RiskFacts] : OutputFacts;
        return new GuardSchema(facts.Concat(InstanceFacts))
            .With(choices.Distinct().Select(c => new GuardVariable(VoteVariable(c), GuardType.Number, $"Votes '{c}' in the latest vote")));
    }

    /// <summary>The guard variable counting the votes for a choice: <c>approve-with-conditions</c> → <c>votes.approve_with_conditions</c>.</summary>
    public static string VoteVariable(string choice) => "votes." + choice.Replace('-', '_');
}
