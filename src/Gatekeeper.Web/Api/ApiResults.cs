using Gatekeeper.Data.Applications;
using Gatekeeper.Domain.Common;

namespace Gatekeeper.Web.Api;

/// <summary>Maps refused operations to RFC 9457 problem responses naming each field and rule.</summary>
internal static class ApiResults
{
    private static readonly HashSet<string> ConflictRules = ["stale-edit", "already-submitted", "immutable", "invalid-transition", "draft-exists", "not-revisable", "not-editable", "busy"];

    public static IResult Problem(IReadOnlyList<ValidationError> errors)
    {
        var status = errors.Any(e => e.Rule == ApplicationService.NotFoundRule) ? StatusCodes.Status404NotFound
            : errors.Any(e => ConflictRules.Contains(e.Rule)) ? StatusCodes.Status409Conflict
            : errors.Any(e => e.Rule is "not-applicant" or "role-required" or "conflict-of-interest") ? StatusCodes.Status403Forbidden
            : StatusCodes.Status400BadRequest;
        var title = status switch
        {
            StatusCodes.Status404NotFound => "Not found",
            StatusCodes.Status409Conflict => "Conflict",
            StatusCodes.Status403Forbidden => "Forbidden",
            _ => "Validation failed",
        };
        return Results.Problem(
            statusCode: status,
            title: title,
            detail: string.Join(" ", errors.Select(e => e.Message)),
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = errors.Select(e => new { field = e.Field, rule = e.Rule, message = e.Message, args = e.Args }).ToList(),
            });
    }

    public static IResult Unauthenticated() =>
        Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in required");
}
