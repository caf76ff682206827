using Gatekeeper.Data.Runs;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Runs;
using Gatekeeper.Web.Account;
using Gatekeeper.Web.Api;

namespace Gatekeeper.Web.Runs;

/// <summary>HTTP API for runs under a permit (<c>/api/permits/{permitId}/runs</c>), for the holder and named team members.</summary>
internal static class RunsApi
{
    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/permits/{permitId:guid}/runs")
            .WithTags("Runs")
            .RequireAuthorization(Policies.Researcher);

        group.MapGet("/", ListAsync).WithSummary("The permit's runs (the whole team's), newest first: status, phase, progress, message.");
        group.MapPost("/", SubmitAsync).WithSummary("Queue a run of SQL under the permit; a run refused by a rule is recorded with state Refused and its reason.");
        group.MapPost("/validate", ValidateAsync).WithSummary("Check SQL against the permit's tables and variables without running it.");
        group.MapGet("/limits", LimitsAsync).WithSummary("The resource limits every run under the permit gets: the host's, tightened by the dataset's disclosure policy.");
        group.MapGet("/{runId:guid}", GetAsync).WithSummary("One run.");
        group.MapPost("/{runId:guid}/cancel", CancelAsync).WithSummary("Cancel a queued or running run.");
        return routes;
    }

    private static async Task<IResult> ListAsync(HttpContext http, Guid permitId, RunQueue queue, CancellationToken ct)
    {
        if (http.ToActor() is not { } actor) return ApiResults.Unauthenticated();
        var admission = await queue.AdmitAsync(actor, permitId, ct);
        if (admission.Permit is null || admission.RefusalCode == RunRefusalCodes.NotOnTeam) return NotFound();
        return Results.Ok((await queue.ListAsync(actor, permitId, ct)).Select(RunDto.From));
    }

    private static async Task<IResult> SubmitAsync(HttpContext http, Guid permitId, RunRequest body, RunQueue queue, IRunQueryCheck check, CancellationToken ct)
    {
        if (http.ToActor() is not { } actor) return ApiResults.Unauthenticated();
        var result = await queue.SubmitAsync(actor, permitId, body.DatasetId, body.Query, check, ct);
        if (!result.Succeeded) return Problem(result.Errors);
        var run = result.Value!;
        return Results.Created($"/api/permits/{permitId}/runs/{run.Id}", RunDto.From(run));
    }

    private static async Task<IResult> ValidateAsync(HttpContext http, Guid permitId, RunRequest body, RunQueue queue, IRunQueryCheck check, CancellationToken ct)
    {
        if (http.ToActor() is not { } actor) return ApiResults.Unauthenticated();
        if (string.IsNullOrWhiteSpace(body.Query)) return Problem([ValidationError.Create("query", "required", "Write a query to validate.")]);
        if (body.Query.Length > QueryRun.MaxQueryLength)
            return Problem([ValidationError.Create("query", "max-length", $"'query' may be at most {QueryRun.MaxQueryLength} characters.", ("max", QueryRun.MaxQueryLength))]);
        var admission = await queue.AdmitAsync(actor, permitId, ct);
        if (admission.Permit is null || admission.RefusalCode == RunRefusalCodes.NotOnTeam) return NotFound();
        if (!admission.Allowed)
            return Results.Ok(new QueryCheckDto(false, [new QueryProblemDto(admission.RefusalCode!, "permit", admission.RefusalMessage!)]));
        var dataset = body.DatasetId ?? admission.Permit.Datasets.FirstOrDefault()?.DatasetId ?? "";
        var problems = await check.CheckAsync(admission.Permit, dataset, body.Query, ct);
        return Results.Ok(new QueryCheckDto(problems.Count == 0, [.. problems.Select(p => new QueryProblemDto(p.Rule, p.Args.GetValueOrDefault("construct") ?? p.Field, p.Message))]));
    }

    private static async Task<IResult> LimitsAsync(HttpContext http, Guid permitId, string? datasetId, RunQueue queue, RunSpecFactory specs, CancellationToken ct)
    {
        if (http.ToActor() is not { } actor) return ApiResults.Unauthenticated();
        var admission = await queue.AdmitAsync(actor, permitId, ct);
        if (admission.Permit is null || admission.RefusalCode == RunRefusalCodes.NotOnTeam) return NotFound();
        var (limits, policyId) = specs.Limits(admission.Permit, datasetId ?? admission.Permit.Datasets.FirstOrDefault()?.DatasetId ?? "");
        return Results.Ok(new RunLimitsDto((int)limits.WallClock.TotalSeconds, limits.MemoryMb, limits.CpuSeconds, limits.MaxOutputRows, limits.MaxOutputBytes, limits.Threads, policyId));
    }

    private static async Task<IResult> GetAsync(HttpContext http, Guid permitId, Guid runId, RunQueue queue, CancellationToken ct)
    {
        if (http.ToActor() is not { } actor) return ApiResults.Unauthenticated();
        var run = await queue.GetAsync(actor, runId, ct);
        return run is null || run.PermitId != permitId ? NotFound("runId") : Results.Ok(RunDto.From(run));
    }

    private static async Task<IResult> CancelAsync(HttpContext http, Guid permitId, Guid runId, RunQueue queue, CancellationToken ct)
    {
        if (http.ToActor() is not { } actor) return ApiResults.Unauthenticated();
        var run = await queue.GetAsync(actor, runId, ct);
        if (run is null || run.PermitId != permitId) return NotFound("runId");
        var result = await queue.CancelAsync(actor, runId, ct);
        return result.Succeeded ? Results.Ok(RunDto.From(result.Value!)) : Problem(result.Errors);
    }

    private static IResult NotFound(string field = "permitId") =>
        Problem([ValidationError.Create(field, "not-found", field == "runId" ? "No such run under this permit, or you are not named on its team." : "No such permit, or you are not named on its team.")]);

    /// <summary>not-found → 404, already-finished/stale-edit → 409, else 400.</summary>
    private static IResult Problem(IReadOnlyList<ValidationError> errors)
    {
        var status = errors.Any(e => e.Rule == "not-found") ? StatusCodes.Status404NotFound
            : errors.Any(e => e.Rule is "already-finished" or "stale-edit") ? StatusCodes.Status409Conflict
            : StatusCodes.Status400BadRequest;
        return Results.Problem(statusCode: status,
            title: status switch { StatusCodes.Status404NotFound => "Not found", StatusCodes.Status409Conflict => "Conflict", _ => "Validation failed" },
            detail: string.Join(" ", errors.Select(e => e.Message)),
            extensions: new Dictionary<string, object?> { ["errors"] = errors.Select(e => new { field = e.Field, rule = e.Rule, message = e.Message, args = e.Args }).ToList() });
    }
}
