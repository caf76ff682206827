using System.Net;
using System.Text.RegularExpressions;
using OtpNet;

namespace Gatekeeper.IntegrationTests;

/// <summary>
/// Drives the real OpenID Connect sign-in over HTTP as a browser would: follows redirects (portal →
/// authorize → provider sign-in form → TOTP → callback), posting each form with its antiforgery token.
/// </summary>
internal static partial class OidcBrowser
{
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string? totpKey, string returnUrl = "/")
    {
        var response = await client.GetAsync($"/account/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}");
        for (var step = 0; step < 20; step++)
        {
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
            {
                var location = response.Headers.Location!;
                if (!location.IsAbsoluteUri) location = new Uri(client.BaseAddress!, location);
                if (location.AbsolutePath == returnUrl && location.Query.Length == 0 && step > 0) return response;
                response = await client.GetAsync(location);
                continue;
            }

            var path = response.RequestMessage!.RequestUri!.AbsolutePath;
            var html = await response.Content.ReadAsStringAsync();
            response = path switch
            {
                "/identity/sign-in" when html.Contains("data-testid=\"form-error\"", StringComparison.Ordinal) => response,
                "/identity/sign-in" => await PostAsync(client, "/identity/sign-in", html, new() { ["email"] = email, ["password"] = password }),
                "/identity/mfa" => await PostAsync(client, "/identity/mfa", html, new() { ["code"] = Totp(totpKey) }),
                _ => response,
            };
            if (response.StatusCode == HttpStatusCode.OK) return response;
        }

        throw new InvalidOperationException("The sign-in did not finish within 20 steps.");
    }

    public static string Totp(string? key) =>
        key is null ? throw new InvalidOperationException("This account needs a TOTP key.") : new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string action, string html, Dictionary<string, string> fields)
    {
        var form = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Hidden(html, "__RequestVerificationToken") ?? throw new InvalidOperationException($"No antiforgery token on the form for {action}: {html[..Math.Min(html.Length, 400)]}")),
        };
        if (!form.ContainsKey("returnUrl") && Hidden(html, "returnUrl") is { } returnUrl) form["returnUrl"] = WebUtility.HtmlDecode(returnUrl);
        return await client.PostAsync(action, new FormUrlEncodedContent(form));
    }

    public static string? Hidden(string html, string name)
    {
        var match = Regex.Match(html, $"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"");
        return match.Success ? match.Groups[1].Value : null;
    }
}
