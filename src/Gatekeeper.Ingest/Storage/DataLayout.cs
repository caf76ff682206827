using System.Text.RegularExpressions;

namespace Gatekeeper.Ingest.Storage;

/// <summary>
/// Where ingest keeps things under the data folder. Only <see cref="AnalysisFolder"/> is ever mounted into the
/// visiting environment; keys, the import log, reports, the consent registry and encrypted raw files stay outside it.
/// <code>
/// keys/&lt;dataset&gt;.pseudonym.key           analysis/&lt;dataset&gt;/&lt;table&gt;/part-*.parquet (+ catalogue.json)
/// imports/&lt;dataset&gt;/imports.jsonl           imports/&lt;dataset&gt;/reports/&lt;import&gt;.errors.csv|.json
/// consent/&lt;dataset&gt;.jsonl                 raw/&lt;dataset&gt;/&lt;sha256&gt;.gkraw       staging/&lt;import&gt;/
/// </code>
/// </summary>
public sealed partial class DataLayout
{
    public DataLayout(string dataFolder)
    {
        Root = Path.GetFullPath(dataFolder);
    }

    public string Root { get; }

    public string KeysFolder => Path.Combine(Root, "keys");

    public string AnalysisRoot => Path.Combine(Root, "analysis");

    public string AnalysisFolder(string datasetId) => Path.Combine(AnalysisRoot, CheckDatasetId(datasetId));

    /// <summary>The table's current version: a symbolic link swapped atomically on each import.</summary>
    public string TableFolder(string datasetId, string table) => Path.Combine(AnalysisFolder(datasetId), table);

    public string VersionsFolder(string datasetId, string table) => Path.Combine(AnalysisFolder(datasetId), ".versions", table);

    public string ImportsFolder(string datasetId) => Path.Combine(Root, "imports", CheckDatasetId(datasetId));

    public string ImportLogFile(string datasetId) => Path.Combine(ImportsFolder(datasetId), "imports.jsonl");

    public string ReportsFolder(string datasetId) => Path.Combine(ImportsFolder(datasetId), "reports");

    public string ConsentFile(string datasetId) => Path.Combine(Root, "consent", CheckDatasetId(datasetId) + ".jsonl");

    /// <summary>The dataset's person numbers (<see cref="PersonRegistry"/>): on the host only, never mounted into a sandbox.</summary>
    public string PersonRegistryFile(string datasetId) => Path.Combine(Root, "persons", CheckDatasetId(datasetId) + ".parquet");

    public string RawVaultFolder(string datasetId) => Path.Combine(Root, "raw", CheckDatasetId(datasetId));

    public string StagingFolder(string importId) => Path.Combine(Root, "staging", importId);

    public string LockFile(string datasetId) => Path.Combine(ImportsFolder(datasetId), ".lock");

    /// <summary>Dataset ids become folder and file names: lower-case letters, digits, '-' and '_' only.</summary>
    public static string CheckDatasetId(string datasetId)
    {
        if (!IsValidDatasetId(datasetId)) throw new ArgumentException($"Dataset id '{datasetId}' must be 1-64 characters of a-z, 0-9, '-' or '_'.", nameof(datasetId));
        return datasetId;
    }

    public static bool IsValidDatasetId(string? datasetId) => datasetId is not null && DatasetIdPattern().IsMatch(datasetId);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex DatasetIdPattern();
}
