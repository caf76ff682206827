using Gatekeeper.Data.Applications;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Common;
using Gatekeeper.Web.Account;
using Microsoft.AspNetCore.Mvc;

namespace Gatekeeper.Web.Api;

/// <summary>HTTP API for secondary-use applications (<c>/api/v1/applications</c>), mirroring the portal.</summary>
internal static class ApplicationsApi
{
    public static IEndpointRouteBuilder MapApplicationsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/applications")
            .WithTags("Applications")
            .RequireAuthorization(Policies.Researcher);

        group.MapGet("/", ListAsync).WithSummary("My applications (as applicant or team member), newest first.");
        group.MapPost("/", CreateAsync).WithSummary("Start a draft application.");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("One application version.");
        group.MapPut("/{id:guid}", SaveAsync).WithSummary("Save a draft (needs the current concurrency stamp).");
        group.MapPost("/{id:guid}/submit", SubmitAsync).WithSummary("Submit a draft for review; it is then immutable.");
        group.MapPost("/{id:guid}/withdraw", WithdrawAsync).WithSummary("Withdraw a draft or submitted application.");
        group.MapPost("/{id:guid}/revisions", ReviseAsync).WithSummary("Start a new draft version of a submitted application.");
        group.MapGet("/{id:guid}/versions", VersionsAsync).WithSummary("All versions of this application.");
        group.MapPost("/{id:guid}/attachments", UploadAsync).WithSummary("Attach the study protocol (PDF).").DisableAntiforgery();
        group.MapGet("/{id:guid}/attachments/{attachmentId:guid}", DownloadAsync).WithSummary("Download an attachment.");
        group.MapDelete("/{id:guid}/attachments/{attachmentId:guid}", RemoveAttachmentAsync).WithSummary("Remove an attachment from a draft.");
        return routes;
    }

    private static async Task<IResult> ListAsync(HttpContext http, ApplicationService service, CancellationToken ct) =>
        http.ToActor() is { } actor ? Results.Ok(await service.ListMineAsync(actor, ct)) : ApiResults.Unauthenticated();

    private static async Task<IResult> CreateAsync(HttpContext http, ApplicationContent content, ApplicationService service, CancellationToken ct)
    {
        if (http.ToActor() is not { } actor) return ApiResults.Unauthenticated();
        return CreatedOrProblem(await service.CreateDraftAsync(actor, content, ct));
    }

    private static async Task<IResult> GetAsync(HttpContext http, Guid id, ApplicationService service, CancellationToken ct)
    {
        if (http.ToActor() is not { } actor) return ApiResults.Unauthenticated();
        var app = await service.GetAsync(actor, id, ct);
        if (app is null) return ApiResults.Problem([ValidationError.Create("id", ApplicationService.NotFoundRule, "No such application, or you may not see it.")]);
        http.Response.Headers.ETag = $"\"{app.ConcurrencyStamp}\"";
        return Results.Ok(ApplicationDto.From(app));
    }

    private static Task<IResult> SaveAsync(HttpContext http, Guid id, SaveDraftRequest body, ApplicationService service, CancellationToken ct) =>
        Run(http, actor => service.SaveDraftAsync(actor, id, body.Content, body.ConcurrencyStamp, ct));

    private static Task<IResult> SubmitAsync(HttpContext http, Guid id, TransitionRequest body, Reviews.ApplicationSubmission submission, CancellationToken ct) =>
        Run(http, actor => submission.SubmitAsync(actor, id, body.ConcurrencyStamp, ct));

    private static Task<IResult> WithdrawAsync(HttpContext http, Guid id, TransitionRequest body, ApplicationService service, CancellationToken ct) =>
        Run(http, actor => service.WithdrawAsync(actor, id, body.Reason, body.ConcurrencyStamp, ct));

    private static async Task<IResult> ReviseAsync(HttpContext http, Guid id, ApplicationService service, CancellationToken ct)
    {
        if (http.ToActor() is not { } actor) return ApiResults.Unauthenticated();
        return CreatedOrProblem(await service.CreateRevisionAsync(actor, id, ct));
    }

    private static async Task<IResult> VersionsAsync(HttpContext http, Guid id, ApplicationService service, CancellationToken ct)
    {
        if (http.ToActor() is not { } actor) return ApiResults.Unauthenticated();
        var app = await service.GetAsync(actor, id, ct);
        if (app is null) return ApiResults.Problem([ValidationError.Create("id", ApplicationService.NotFoundRule, "No such application, or you may not see it.")]);
        return Results.Ok(await service.VersionsAsync(actor, app.LineageId, ct));
    }

    private static Task<IResult> UploadAsync(
        HttpContext http, Guid id, IFormFile file, [FromForm] Guid concurrencyStamp, [FromForm] string? kind, ApplicationService service, CancellationToken ct) =>
        Run(http, async actor =>
        {
            await using var stream = file.OpenReadStream();
            return await service.AddAttachmentAsync(actor, id, kind ?? ApplicationRules.ProtocolAttachmentKind, file.FileName, file.ContentType, stream, concurrencyStamp, ct);
        });

    private static async Task<IResult> DownloadAsync(HttpContext http, Guid id, Guid attachmentId, ApplicationService service, CancellationToken ct)
    {
        if (http.ToActor() is not { } actor) return ApiResults.Unauthenticated();
        var found = await service.OpenAttachmentAsync(actor, id, attachmentId, ct);
        if (found is not { } f) return ApiResults.Problem([ValidationError.Create("attachmentId", ApplicationService.NotFoundRule, "No such attachment, or you may not see it.")]);
        return Results.File(f.Content, f.Attachment.ContentType, f.Attachment.FileName);
    }

    private static Task<IResult> RemoveAttachmentAsync(HttpContext http, Guid id, Guid attachmentId, Guid concurrencyStamp, ApplicationService service, CancellationToken ct) =>
        Run(http, actor => service.RemoveAttachmentAsync(actor, id, attachmentId, concurrencyStamp, ct));

    private static IResult CreatedOrProblem(Domain.Common.DomainResult<SecondaryUseApplication> result) =>
        result.Succeeded
            ? Results.Created($"/api/v1/applications/{result.Value!.Id}", ApplicationDto.From(result.Value))
            : ApiResults.Problem(result.Errors);

    private static async Task<IResult> Run(HttpContext http, Func<Actor, Task<Domain.Common.DomainResult<SecondaryUseApplication>>> operation)
    {
        if (http.ToActor() is not { } actor) return ApiResults.Unauthenticated();
        var result = await operation(actor);
        return result.Succeeded ? Results.Ok(ApplicationDto.From(result.Value!)) : ApiResults.Problem(result.Errors);
    }
}
