using Gatekeeper.Data.Runs;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Permits;
using Gatekeeper.Domain.Runs;
using Gatekeeper.VisitingEnvironment.Queries;
using Gatekeeper.VisitingEnvironment.Runs;

namespace Gatekeeper.Web.Runs;

/// <summary>
/// The visiting environment's query validation for the queue (<see cref="IRunQueryCheck"/>) and the SQL editor's
/// "Validate" button: problems name the offending construct; their rule is the refusal code the audit records.
/// </summary>
public sealed class RunQueryCheck(IRunExecutor executor, RunSpecFactory specs) : IRunQueryCheck
{
    public async Task<IReadOnlyList<ValidationError>> CheckAsync(DataPermit permit, string datasetId, string query, CancellationToken cancellationToken)
    {
        var (spec, problems) = await specs.CreateAsync(permit, datasetId, query, "validate", cancellationToken);
        if (spec is null) return problems;
        var validation = await executor.ValidateAsync(spec, cancellationToken);
        return [.. validation.Problems.Select(ToError)];
    }

    /// <summary>A visiting-environment problem as a refusal: <c>variable-not-permitted</c>, else <c>query-&lt;code&gt;</c>.</summary>
    public static ValidationError ToError(QueryProblem problem) =>
        ValidationError.Create(problem.Construct.Length > 0 ? problem.Construct : "query",
            problem.Code == "variable" ? RunRefusalCodes.VariableNotPermitted : "query-" + problem.Code,
            problem.Message, ("construct", problem.Construct), ("code", problem.Code));
}
