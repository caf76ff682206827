using Gatekeeper.Data.Consent;
using Gatekeeper.Domain.Common;
using Gatekeeper.Ingest.Importing;
using Gatekeeper.Web.Account;
using Gatekeeper.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Web.Onboarding;

/// <summary>
/// The data stewards' API (<c>/api/v1/data/datasets/{datasetId}/…</c>): import holders' files, read the import history
/// and reports, read and record consent decisions. Data stewards only; every change is audited by the store.
/// </summary>
internal static class DataApi
{
    public static IEndpointRouteBuilder MapDataApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/data/datasets/{datasetId}")
            .WithTags("Data onboarding")
            .RequireAuthorization(Policies.DataSteward);

        group.MapPost("/imports", ImportAsync).DisableAntiforgery()
            .WithSummary("Import a holder's CSV file (multipart: file, optional kind). Returns the import record and the first validation errors.");
        group.MapGet("/imports", HistoryAsync).WithSummary("Import history, newest first (file, SHA-256, rows accepted and rejected, who, when, outcome).");
        group.MapGet("/imports/{importId}/report.csv", ReportAsync).WithSummary("The validation report of one import (file, line, field, value, rule, message).");
        group.MapGet("/consent", OverviewAsync).WithSummary("Consent registry overview: opt-outs and per-purpose decisions in force, latest entries.");
        group.MapGet("/consent/events", EventsAsync).WithSummary("Every recorded decision of one person, by pseudonym (?pseudonym=…), oldest first.");
        group.MapPost("/consent/events", RecordAsync).WithSummary("Record a decision (opt-out, its withdrawal, consent or refusal of a purpose) with its effective date.");
        return routes;
    }

    private static async Task<IResult> ImportAsync(
        HttpContext http, string datasetId, IFormFile? file, [FromForm] string? kind, DatasetImportService imports, CancellationToken ct)
    {
        if (http.ToActor() is not { } actor) return ApiResults.Unauthenticated();
        if (file is null) return ApiResults.Problem([ValidationError.Create("file", "required", "Send the holder's CSV file as the multipart field 'file'.")]);
        await using var stream = file.OpenReadStream();
        var result = await imports.ImportAsync(actor, datasetId, string.IsNullOrWhiteSpace(kind) ? null : kind.Trim(), file.FileName, stream, ct);
        return result.Succeeded ? Results.Ok(ImportResponse.From(result.Value!)) : ApiResults.Problem(result.Errors);
    }

    private static async Task<IResult> HistoryAsync(HttpContext http, string datasetId, int? take, DatasetImportService imports, CancellationToken ct)
    {
        if (http.ToActor() is not { } actor) return ApiResults.Unauthenticated();
        var result = await imports.HistoryAsync(actor, datasetId, take ?? 100, ct);
        return result.Succeeded ? Results.Ok(result.Value!.Select(ImportHistoryItem.From)) : ApiResults.Problem(result.Errors);
    }

    private static async Task<IResult> ReportAsync(HttpContext http, string datasetId, string importId, DatasetImportService imports, CancellationToken ct)
    {
        if (http.ToActor() is not { } actor) return ApiResults.Unauthenticated();
        var result = await imports.ReportAsync(actor, datasetId, importId, ct);
        return result.Succeeded ? Results.File(result.Value.Path, "text/csv; charset=utf-8", result.Value.FileName) : ApiResults.Problem(result.Errors);
    }

    private static async Task<IResult> OverviewAsync(HttpContext http, string datasetId, ConsentService consent, IOptions<OnboardingOptions> options, CancellationToken ct)
    {
        if (http.ToActor() is not { } actor) return ApiResults.Unauthenticated();
        if (FileStore(options) is { } refused) return refused;
        var result = await consent.OverviewAsync(actor, datasetId, ct);
        return result.Succeeded ? Results.Ok(result.Value) : ApiResults.Problem(result.Errors);
    }

    private static async Task<IResult> EventsAsync(HttpContext http, string datasetId, string? pseudonym, ConsentService consent, IOptions<OnboardingOptions> options, CancellationToken ct)
    {
        if (http.ToActor() is not { } actor) return ApiResults.Unauthenticated();
        if (FileStore(options) is { } refused) return refused;
        var result = await consent.HistoryAsync(actor, datasetId, pseudonym, ct);
        return result.Succeeded ? Results.Ok(result.Value) : ApiResults.Problem(result.Errors);
    }

    private static async Task<IResult> RecordAsync(
        HttpContext http, string datasetId, NewConsentEvent body, ConsentService consent, IOptions<OnboardingOptions> options, CancellationToken ct)
    {
        if (http.ToActor() is not { } actor) return ApiResults.Unauthenticated();
        if (FileStore(options) is { } refused) return refused;
        var result = await consent.RecordAsync(actor, datasetId, body, ct);
        return result.Succeeded
            ? Results.Created($"/api/v1/data/datasets/{datasetId}/consent/events?pseudonym={result.Value!.Pseudonym}", result.Value)
            : ApiResults.Problem(result.Errors);
    }

    private static IResult? FileStore(IOptions<OnboardingOptions> options) =>
        options.Value.ConsentStore == ConsentStore.Database ? null
            : Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Consent is kept in files",
                detail: $"{OnboardingOptions.Section}:ConsentStore is File: the registry is consent/<dataset>.jsonl in the data folder. Set it to Database to manage consent here.");
}
