using Gatekeeper.Audit;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Audit.Alerts;
using Gatekeeper.Data.Audit.Dashboard;
using Gatekeeper.Data.Audit.Export;
using Gatekeeper.Data.Audit.Lineage;
using Gatekeeper.Data.Audit.Search;
using Gatekeeper.Data.Audit.Verification;
using Gatekeeper.Domain.Common;
using Gatekeeper.Web.Account;
using Gatekeeper.Web.Api;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Web.Audit;

/// <summary>
/// The audit console's HTTP side, for certified operators only (<see cref="Policies.AuditConsole"/>): the export
/// download the console's pages link to, and a read-only JSON API over the same read services as the pages (search,
/// one entry, a permit's lineage, the dashboard, alerts, verification status). Nothing here changes the store; an
/// export is recorded as <c>audit.exported</c>.
/// </summary>
internal static class AuditConsoleEndpoints
{
    public static IEndpointRouteBuilder MapAuditConsoleEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/audit/export", ExportAsync).RequireAuthorization(Policies.AuditConsole).ExcludeFromDescription();

        var api = routes.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(Policies.AuditConsole);
        api.MapGet("/entries", SearchAsync)
            .WithSummary("Search the audit log, newest first (certified operators). Filters combine with AND; page by index or by 'before' (keyset).");
        api.MapGet("/entries/{sequence:long}", async (long sequence, AuditLogSearch search, CancellationToken ct) =>
                await search.GetAsync(sequence, ct) is { } entry ? Results.Ok(entry) : NotFound($"Entry #{sequence} is not in the live log."))
            .WithSummary("One audit entry by its position in the chain, with its hash and the previous entry's hash.");
        api.MapGet("/permits/{permitId}/lineage", async (string permitId, PermitLineageService lineage, CancellationToken ct) =>
                await lineage.GetAsync(permitId, ct) is { } found ? Results.Ok(found) : NotFound($"The log holds nothing about permit '{permitId}'."))
            .WithSummary("A permit's lineage: application versions, reviews and decision, permit, runs, checks, checkers' decisions, releases, downloads, budget.");
        api.MapGet("/dashboard", DashboardAsync)
            .WithSummary("Runs per day, refusal reasons, release vs block, review lead times against the deadline, top users, budget by permit.");
        api.MapGet("/alerts", AlertsAsync)
            .WithSummary("Suspicious patterns in the period, each with the entries that triggered it.");
        api.MapGet("/verification", (AuditVerificationStatusReader status, CancellationToken ct) => status.GetAsync(ct))
            .WithSummary("The last recorded verification of the chain, its head, the last signed checkpoint and the archive.");
        return routes;
    }

    private static async Task<IResult> SearchAsync(
        string? from, string? to, string? actor, string? role, string? organisation, string? action, string? subject, string? outcome, string? text,
        int? page, int? pageSize, long? before, AuditLogSearch search, IOptions<AuditConsoleOptions> options, CancellationToken ct)
    {
        var period = AuditPeriod.Parse(from, to, options.Value.ResolveTimeZone());
        var errors = period.Errors.ToList();
        AuditOutcome? parsedOutcome = null;
        if (!string.IsNullOrWhiteSpace(outcome))
        {
            if (Enum.TryParse<AuditOutcome>(outcome, ignoreCase: true, out var o) && Enum.IsDefined(o)) parsedOutcome = o;
            else errors.Add(ValidationError.Create("outcome", "unknown-outcome", "'outcome' must be Succeeded, Refused or Failed."));
        }

        if (page is < 0) errors.Add(ValidationError.Create("page", "out-of-range", "'page' must be 0 or more."));
        if (pageSize is < 1 || pageSize > options.Value.MaxPageSize)
            errors.Add(ValidationError.Create("pageSize", "out-of-range", $"'pageSize' must be 1-{options.Value.MaxPageSize}."));
        if (errors.Count > 0) return ApiResults.Problem(errors);

        return Results.Ok(await search.SearchAsync(new AuditSearchQuery
        {
            From = period.Value!.From, To = period.Value.To, ActorId = actor, Role = role, OrganisationId = organisation, Action = action,
            SubjectId = subject, Outcome = parsedOutcome, Text = text, PageIndex = page ?? 0, PageSize = pageSize ?? 50, BeforeSequence = before,
        }, ct));
    }

    private static async Task<IResult> DashboardAsync(string? from, string? to, AuditDashboardService dashboard, IOptions<AuditConsoleOptions> options, TimeProvider time, CancellationToken ct)
    {
        var period = Period(from, to, options.Value, time);
        return period.Succeeded
            ? Results.Ok(await dashboard.GetAsync(period.Value!.From!.Value, period.Value.To!.Value, ct))
            : ApiResults.Problem(period.Errors);
    }

    private static async Task<IResult> AlertsAsync(string? from, string? to, AuditAlertService alerts, IOptions<AuditConsoleOptions> options, TimeProvider time, CancellationToken ct)
    {
        var period = Period(from, to, options.Value, time);
        if (!period.Succeeded) return ApiResults.Problem(period.Errors);
        var found = await alerts.DetectAsync(period.Value!.From!.Value, period.Value.To!.Value, ct);
        return Results.Ok(found.Select(a => new
        {
            a.Kind, a.Title, a.Explanation, a.PermitId, a.ActorId, a.FirstAt, a.LastAt,
            Evidence = a.Evidence.Select(AuditEntryView.From).ToList(),
        }));
    }

    /// <summary>A closed period for the dashboard and alerts: what was asked, the rest filled from the last 30 days.</summary>
    private static DomainResult<AuditPeriod> Period(string? from, string? to, AuditConsoleOptions options, TimeProvider time)
    {
        var zone = options.ResolveTimeZone();
        var parsed = AuditPeriod.Parse(from, to, zone);
        if (!parsed.Succeeded) return parsed;
        var end = parsed.Value!.To ?? AuditPeriod.LastDays(1, time.GetUtcNow(), zone).To;
        var start = parsed.Value.From ?? end.AddDays(-AuditPeriod.DefaultDays);
        return start < end
            ? DomainResult<AuditPeriod>.Ok(new AuditPeriod(start, end))
            : DomainResult<AuditPeriod>.Fail([ValidationError.Create("from", "after-end", "'from' must be before the end of the period.")]);
    }

    /// <summary>
    /// <c>GET /audit/export?from=2026-11-01&amp;to=2026-11-30</c> (days in the console's zone, <c>to</c> inclusive) or
    /// <c>?fromSequence=&amp;toSequence=</c>; <c>exact=true</c> keeps the range as asked instead of widening it to the
    /// signed checkpoints around it. Answers the JSON Lines file, or a problem naming the parameter.
    /// </summary>
    private static async Task<IResult> ExportAsync(
        HttpContext http, string? from, string? to, long? fromSequence, long? toSequence, bool? exact,
        AuditConsoleExport export, IOptions<AuditConsoleOptions> options, CancellationToken ct)
    {
        if (http.ToActor() is not { } actor) return ApiResults.Unauthenticated();
        var period = AuditPeriod.Parse(from, to, options.Value.ResolveTimeZone());
        if (!period.Succeeded) return ApiResults.Problem(period.Errors);
        var file = await export.ExportAsync(actor, new AuditExportRequest
        {
            From = period.Value!.From, To = period.Value.To, FromSequence = fromSequence, ToSequence = toSequence, ExtendToCheckpoints = exact != true,
        }, ct);
        if (!file.Succeeded) return ApiResults.Problem(file.Errors);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers["X-Audit-Export-Sha256"] = file.Value!.Summary.Sha256;
        return Results.File(file.Value.Content, "application/x-ndjson", file.Value.FileName);
    }

    private static IResult NotFound(string detail) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);
}
