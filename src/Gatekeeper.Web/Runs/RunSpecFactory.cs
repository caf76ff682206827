using Gatekeeper.Data.Catalogue;
using Gatekeeper.Disclosure.Policies;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Permits;
using Gatekeeper.Domain.Runs;
using Gatekeeper.Ingest.Storage;
using Gatekeeper.VisitingEnvironment.Privacy;
using Gatekeeper.VisitingEnvironment.Runs;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Web.Runs;

/// <summary>
/// Turns a permit into the visiting environment's <see cref="RunSpec"/>: the permit's tables with exactly its granted
/// variables (plus the dataset's unit column, which the views show as the per-permit pseudonym so tables can be joined;
/// the aggregate tier never lets it out), its purpose (consent filter), tier, expiry and its limits (the host's, tightened by the dataset's policy). Reports
/// tables that have no published Parquet data yet ("dataset not yet loaded"). A dataset whose policy requires differential
/// privacy gets the policy's DP settings and the permit's ledger account.
/// </summary>
public sealed class RunSpecFactory(CatalogueService catalogue, AnalysisStore store, IOptions<RunLimitOptions> limits, DisclosurePolicyCatalogue policies)
{
    /// <summary>The permit's tables (catalogue order) and their granted variables in the dataset.</summary>
    public static IReadOnlyList<(string Table, IReadOnlyList<string> Variables)> PermitTables(DataPermit permit, string datasetId) =>
        [.. (permit.Datasets.FirstOrDefault(d => d.DatasetId == datasetId)?.Variables ?? [])
            .GroupBy(v => v.Table, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<string>)[.. g.Select(v => v.Name)]))];

    /// <summary>Tables of the permit with no published data in the analysis store.</summary>
    public IReadOnlyList<string> MissingTables(DataPermit permit, string datasetId) =>
        [.. PermitTables(permit, datasetId).Select(t => t.Table).Where(t => store.CurrentParts(datasetId, t).Count == 0)];

    /// <summary>
    /// The DP settings when the disclosure policy selected for the dataset and the permit's tier requires differential
    /// privacy: its DP section, its hash, and the permit's account in the privacy ledger (opened when the permit was issued).
    /// </summary>
    public DpRunSettings? DifferentialPrivacy(DataPermit permit, string datasetId) => DifferentialPrivacy(permit, Policy(permit, datasetId));

    private static DpRunSettings? DifferentialPrivacy(DataPermit permit, DisclosurePolicy? policy) =>
        policy is { RequiresDifferentialPrivacy: true } ? new DpRunSettings(policy.DifferentialPrivacy!, policy.Sha256, permit.Id.ToString()) : null;

    /// <summary>
    /// The run limits of the permit: the host's (<see cref="RunLimitOptions"/>, the ceilings) tightened by the
    /// <c>runs:</c> section of the disclosure policy selected for the dataset and tier, with that policy's id (null when
    /// no policy applies or it sets no limit).
    /// </summary>
    public (RunLimits Limits, string? PolicyId) Limits(DataPermit permit, string datasetId) => Limits(Policy(permit, datasetId));

    private (RunLimits Limits, string? PolicyId) Limits(DisclosurePolicy? policy)
    {
        var host = limits.Value.ToRunLimits();
        return policy is { Runs.IsEmpty: false } ? (host.TightenedBy(policy.Runs), policy.Id) : (host, null);
    }

    private DisclosurePolicy? Policy(DataPermit permit, string datasetId)
    {
        try
        {
            return policies.Select([datasetId], permit.Tier);
        }
        catch (DisclosurePolicyException)
        {
            return null; // no automated policy for this tier: output checkers decide alone, the host's limits apply
        }
    }

    /// <summary>The spec, or the problems that stop it before the query is even looked at.</summary>
    public async Task<(RunSpec? Spec, IReadOnlyList<ValidationError> Problems)> CreateAsync(DataPermit permit, string datasetId, string query, string runId, CancellationToken cancellationToken)
    {
        var missing = MissingTables(permit, datasetId);
        if (missing.Count > 0)
            return (null, [ValidationError.Create("dataset", RunRefusalCodes.DatasetNotLoaded,
                $"The dataset '{datasetId}' is not yet loaded: the permit's table(s) {string.Join(", ", missing)} have no published data. Ask the data steward to import it.",
                ("tables", string.Join(",", missing)))]);
        var dataset = await catalogue.FindAsync(datasetId, cancellationToken);
        var unit = string.IsNullOrWhiteSpace(dataset?.UnitIdVariable) ? "participant_id" : dataset!.UnitIdVariable;
        var tables = PermitTables(permit, datasetId)
            .Select(t => new RunTable(t.Table, t.Variables.Contains(unit, StringComparer.Ordinal) ? t.Variables : [unit, .. t.Variables]))
            .ToList();
        var policy = Policy(permit, datasetId);
        var spec = new RunSpec
        {
            RunId = runId,
            PermitId = permit.Id.ToString("N"),
            DatasetId = datasetId,
            PurposeCode = permit.PurposeCategory,
            Tier = permit.Tier,
            Query = query,
            Tables = tables,
            Limits = Limits(policy).Limits,
            PermitValidUntil = permit.ValidUntil,
            UnitColumn = unit,
            DifferentialPrivacy = DifferentialPrivacy(permit, policy),
        };
        return (spec, []);
    }
}
