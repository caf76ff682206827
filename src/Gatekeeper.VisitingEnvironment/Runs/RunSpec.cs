using System.Text.RegularExpressions;
using Gatekeeper.Domain.Applications;

namespace Gatekeeper.VisitingEnvironment.Runs;

/// <summary>
/// A run as the host asks for it, filled from the permit: who may see what (tables and variables), for which
/// purpose (consent is filtered for it at run time), in which output tier, under which limits.
/// </summary>
public sealed partial record RunSpec
{
    /// <summary>Unique id of the run; becomes a folder name (letters, digits, '-' and '_', up to 64).</summary>
    public required string RunId { get; init; }

    public required string PermitId { get; init; }

    public required string DatasetId { get; init; }

    /// <summary>The permit's purpose code (policies/purposes.yaml): persons who refused it or opted out are left out.</summary>
    public required string PurposeCode { get; init; }

    public required OutputTier Tier { get; init; }

    /// <summary>The researcher's SQL: one or more SELECT statements (one result table each).</summary>
    public required string Query { get; init; }

    public required IReadOnlyList<RunTable> Tables { get; init; }

    public RunLimits Limits { get; init; } = RunLimits.Default;

    /// <summary>The permit's expiry; a run after it is refused (the caller also checks revocation and accreditation).</summary>
    public DateTimeOffset? PermitValidUntil { get; init; }

    /// <summary>The column identifying persons in every table of the dataset.</summary>
    public string UnitColumn { get; init; } = "participant_id";

    /// <summary>Set when the dataset's policy requires differential privacy: the query is planned, paid for and noised (docs/differential-privacy.md).</summary>
    public Privacy.DpRunSettings? DifferentialPrivacy { get; init; }

    public static bool IsValidRunId(string? runId) => runId is not null && RunIdPattern().IsMatch(runId);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex RunIdPattern();
}
