using System.Text.Json;
using Gatekeeper.Data;
using Gatekeeper.Disclosure.Privacy.Planning;
using Gatekeeper.VisitingEnvironment.Privacy;

namespace Gatekeeper.Web.Runs;

/// <summary>
/// Reads a DP run's release record (<c>dp/result.json</c> in its airlock folder) for the run page's accuracy panel:
/// the cost, the mechanisms and every cell's 95 % noise interval. Null for runs without one.
/// </summary>
public sealed class DpAccuracyReader(DataFolder dataFolder)
{
    public DpResult? Read(string? airlockFolder)
    {
        if (string.IsNullOrWhiteSpace(airlockFolder)) return null;
        var root = Path.GetFullPath(dataFolder.Path);
        var path = Path.GetFullPath(dataFolder.Combine(airlockFolder, DpReleaseFiles.Folder, "result.json"));
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path)) return null;
        try
        {
            return DpResult.FromJson(File.ReadAllText(path));
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
