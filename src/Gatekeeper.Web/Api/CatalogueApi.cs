using Gatekeeper.Data.Catalogue;
using Gatekeeper.Domain.Policies;

namespace Gatekeeper.Web.Api;

/// <summary>Read-only catalogue and policy endpoints for any signed-in user.</summary>
internal static class CatalogueApi
{
    public static IEndpointRouteBuilder MapCatalogueApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1").WithTags("Catalogue").RequireAuthorization();
        group.MapGet("/catalogue/datasets", (CatalogueService catalogue, CancellationToken ct) => catalogue.ListAsync(ct))
            .WithSummary("Datasets researchers can apply for, with their variables and sensitivity classes.");
        group.MapGet("/catalogue/datasets/{id}", async (string id, CatalogueService catalogue, CancellationToken ct) =>
                await catalogue.FindAsync(id, ct) is { } d ? Results.Ok(d) : Results.Problem(statusCode: 404, title: "Not found", detail: $"Dataset '{id}' is not in the catalogue."))
            .WithSummary("One dataset.");
        group.MapGet("/policies/purposes", (PurposePolicy policy) => policy)
            .WithSummary("Permitted purpose categories and prohibited uses, with the policy's version and SHA-256.");
        return routes;
    }
}
