using Gatekeeper.Domain.Applications;

namespace Gatekeeper.VisitingEnvironment.Worker;

/// <summary>
/// The run as handed to the worker (<c>spec.json</c> in its read-only input folder): everything it needs and nothing
/// else — the query, the permit's tables at sandbox paths, the consent-filtered persons file, the output folder and
/// the limits. No key: per-permit pseudonyms are derived by the host into <see cref="PersonsFile"/>.
/// </summary>
public sealed record WorkerSpec
{
    public const string FileName = "spec.json";

    public required string RunId { get; init; }

    public required string PermitId { get; init; }

    public required string DatasetId { get; init; }

    public required OutputTier Tier { get; init; }

    public required string Query { get; init; }

    public string UnitColumn { get; init; } = "participant_id";

    public required IReadOnlyList<WorkerTable> Tables { get; init; }

    /// <summary>All tables of the dataset (names only), so a query naming another one is told it is not in the permit.</summary>
    public IReadOnlyList<string> DatasetTables { get; init; } = [];

    /// <summary>
    /// Parquet file of the persons the run may see (consent allows the permit's purpose at run time): columns
    /// <c>dataset_pseudonym</c>, <c>participant_id</c> (the per-permit pseudonym), <c>unit</c> (the run's person number for
    /// shadow statistics and DP) and <c>person</c> (the dataset's person number, null for a table version without them).
    /// </summary>
    public required string PersonsFile { get; init; }

    /// <summary>The one writable folder: results, shadow statistics and the manifest go here.</summary>
    public required string OutputFolder { get; init; }

    public required WorkerLimits Limits { get; init; }

    /// <summary>
    /// For a dataset that requires differential privacy: the DP plan the host has already paid for. The worker runs its
    /// rewritten SQL instead of the query, adds the noise inside the sandbox and writes only the noisy release.
    /// </summary>
    public Privacy.WorkerDpRequest? DifferentialPrivacy { get; init; }
}
