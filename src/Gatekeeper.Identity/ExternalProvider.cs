namespace Gatekeeper.Identity;

/// <summary>An upstream OpenID Connect provider (federation); local accounts are matched by verified e-mail.</summary>
public sealed class ExternalProvider
{
    /// <summary>Scheme name, e.g. "university-idp".</summary>
    public string Name { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public Uri? Authority { get; set; }

    public string ClientId { get; set; } = "";

    public string? ClientSecret { get; set; }

    /// <summary>Allow plain HTTP metadata (tests against a loopback provider only).</summary>
    public bool AllowHttp { get; set; }
}
