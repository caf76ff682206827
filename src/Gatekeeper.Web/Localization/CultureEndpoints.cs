using Gatekeeper.Identity.SignIn;
using Microsoft.AspNetCore.Localization;

namespace Gatekeeper.Web.Localization;

/// <summary>Switches the UI language by cookie. A full page load follows, since a live circuit cannot set cookies.</summary>
internal static class CultureEndpoints
{
    public static readonly string[] SupportedCultures = ["ja", "en"];

    public static IEndpointRouteBuilder MapCultureEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/culture/set", (HttpContext context, string culture, string? redirectUri) =>
        {
            if (!SupportedCultures.Contains(culture)) return Results.BadRequest($"Unsupported culture '{culture}'. Use one of: {string.Join(", ", SupportedCultures)}.");
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            return Results.LocalRedirect(ReturnUrls.Safe(redirectUri));
        }).AllowAnonymous().ExcludeFromDescription();
        return routes;
    }
}
