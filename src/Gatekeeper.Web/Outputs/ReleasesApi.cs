using Gatekeeper.Data.Outputs;
using Gatekeeper.Domain.Common;
using Gatekeeper.Web.Account;
using Gatekeeper.Web.Api;

namespace Gatekeeper.Web.Outputs;

/// <summary>
/// HTTP API of the exit review: the researcher's release request of a run, submission and the package download
/// (<c>/api/releases</c>, permit team only; every download audited), and the output checkers' queue
/// (<c>/api/output-checks</c>). Votes and decisions are taken in the portal, where the checker sees the tables.
/// </summary>
internal static class ReleasesApi
{
    public static IEndpointRouteBuilder MapReleasesApi(this IEndpointRouteBuilder routes)
    {
        var researcher = routes.MapGroup("/api/releases").WithTags("Releases").RequireAuthorization(Policies.Researcher);
        researcher.MapGet("/by-run/{runId:guid}", GetForRunAsync).WithSummary("The release request a run opened: status, files and their automated check (no shadow statistics).");
        researcher.MapPost("/{requestId:guid}/submit", SubmitAsync).WithSummary("Submit (or resubmit after a return) with the description and per-file choices.");
        researcher.MapPost("/{requestId:guid}/withdraw", WithdrawAsync).WithSummary("Withdraw a pending or returned request.");
        researcher.MapGet("/{requestId:guid}/package", DownloadAsync).WithSummary("Download the released package (zip: files, manifest.json, SUMMARY.txt); audited.");

        var checker = routes.MapGroup("/api/output-checks").WithTags("Output checking").RequireAuthorization(Policies.OutputChecker);
        checker.MapGet("/", QueueAsync).WithSummary("Release requests for the caller to check (decided ones too with ?all=true).");
        return routes;
    }

    private static async Task<IResult> GetForRunAsync(HttpContext http, Guid runId, OutputReleaseService releases, CancellationToken ct)
    {
        if (http.ToActor() is not { } actor) return ApiResults.Unauthenticated();
        var view = await releases.GetForRunAsync(actor, runId, ct);
        return view is null ? NotFound() : Results.Ok(ReleaseDto.From(view));
    }

    private static async Task<IResult> SubmitAsync(HttpContext http, Guid requestId, ReleaseDraft body, OutputReleaseService releases, CancellationToken ct)
    {
        if (http.ToActor() is not { } actor) return ApiResults.Unauthenticated();
        var result = await releases.SubmitAsync(actor, requestId, body, ct);
        return result.Succeeded ? Results.NoContent() : ApiResults.Problem(result.Errors);
    }

    private static async Task<IResult> WithdrawAsync(HttpContext http, Guid requestId, OutputReleaseService releases, CancellationToken ct)
    {
        if (http.ToActor() is not { } actor) return ApiResults.Unauthenticated();
        var result = await releases.WithdrawAsync(actor, requestId, ct);
        return result.Succeeded ? Results.NoContent() : ApiResults.Problem(result.Errors);
    }

    private static async Task<IResult> DownloadAsync(HttpContext http, Guid requestId, OutputReleaseService releases, ILoggerFactory logs, CancellationToken ct)
    {
        if (http.ToActor() is not { } actor) return ApiResults.Unauthenticated();
        try
        {
            var download = await releases.DownloadAsync(actor, requestId, ct);
            return download is null ? NotFound() : Results.File(download.Content, "application/zip", download.FileName);
        }
        catch (InvalidDataException ex)
        {
            // The package changed after it was recorded: nothing leaves, and the operator is told through the log.
            logs.CreateLogger(typeof(ReleasesApi)).LogError(ex, "Release package {RequestId} failed its integrity check", requestId);
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Package integrity check failed",
                detail: "The release package no longer matches its recorded SHA-256, so it is not handed out. The operator has been told.");
        }
    }

    private static async Task<IResult> QueueAsync(HttpContext http, bool? all, OutputCheckingService checking, CancellationToken ct)
    {
        if (http.ToActor() is not { } actor) return ApiResults.Unauthenticated();
        var items = await checking.QueueAsync(actor, all == true, ct);
        return Results.Ok(items.Select(i => new
        {
            i.Request.Id, i.Request.Number, i.Request.Status, i.Request.Round, i.Request.RunNumber, i.Request.PermitNumber, i.Request.SubmittedAt,
            i.MyReviewDue, i.ReviewsIn, i.Files, i.FailingFiles,
        }));
    }

    private static IResult NotFound() => ApiResults.Problem([ValidationError.Create("requestId", "not-found", "No such release request, or you are not named on its permit's team.")]);
}
