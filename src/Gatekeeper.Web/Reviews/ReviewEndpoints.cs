using System.Globalization;
using Gatekeeper.Data.Applications;
using Gatekeeper.Data.Workflows;
using Gatekeeper.Web.Account;

namespace Gatekeeper.Web.Reviews;

/// <summary>
/// Files that belong to a review but are not pages: the decision letter (HTML with a print stylesheet,
/// Japanese or English) and the application's attachments for the board. Both answer 404 to anyone the
/// services do not let see the application, so an id reveals nothing.
/// </summary>
internal static class ReviewEndpoints
{
    public static IEndpointRouteBuilder MapReviewEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/reviews/{applicationId:guid}/letter", LetterAsync)
            .RequireAuthorization(Policies.DecisionLetter)
            .ExcludeFromDescription();
        routes.MapGet("/reviews/{applicationId:guid}/attachments/{attachmentId:guid}", AttachmentAsync)
            .RequireAuthorization(Policies.ReviewBoard)
            .ExcludeFromDescription();
        return routes;
    }

    /// <summary><c>?lang=ja|en</c> (default: the reader's language); <c>?download=true</c> saves the file instead of showing it.</summary>
    private static async Task<IResult> LetterAsync(HttpContext http, Guid applicationId, string? lang, bool? download, DecisionLetterService letters, CancellationToken ct)
    {
        if (http.ToActor() is not { } actor) return Results.Unauthorized();
        var language = lang is "ja" or "en" ? lang : CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ja" ? "ja" : "en";
        var letter = await letters.RenderAsync(actor, applicationId, language, ct);
        if (!letter.Succeeded) return Results.NotFound();

        // The letter is self-contained (inline styles, no scripts): forbid everything else it could load.
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        var html = System.Text.Encoding.UTF8.GetBytes(letter.Value!.Html);
        return download == true
            ? Results.File(html, "text/html; charset=utf-8", letter.Value.FileName)
            : Results.Bytes(html, "text/html; charset=utf-8");
    }

    private static async Task<IResult> AttachmentAsync(
        HttpContext http, Guid applicationId, Guid attachmentId, ReviewWorkflowService reviews, ApplicationService applications, CancellationToken ct)
    {
        if (http.ToActor() is not { } actor) return Results.Unauthorized();
        // The review view is null for anyone with a conflict of interest: they do not get the documents either.
        if (await reviews.GetReviewForApplicationAsync(actor, applicationId, ct) is null) return Results.NotFound();
        var found = await applications.OpenAttachmentAsync(actor, applicationId, attachmentId, ct);
        return found is { } f ? Results.File(f.Content, f.Attachment.ContentType, f.Attachment.FileName) : Results.NotFound();
    }
}
