namespace Gatekeeper.Web.Account;

/// <summary>
/// Configuration section <c>Gatekeeper:Portal</c>: how the portal signs people in. Without an
/// <see cref="Authority"/> the provider runs in this process (embedded default) and the portal is a
/// client of its own address; with one, the provider is a separate process (or an institution's).
/// </summary>
public sealed class PortalAuthOptions
{
    public const string Section = "Gatekeeper:Portal";

    public Uri? Authority { get; set; }

    public string ClientId { get; set; } = "gatekeeper-portal";

    /// <summary>Secret of the portal client. Embedded: generated into the data folder on first run.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Allow an http:// authority (loopback only).</summary>
    public bool AllowHttp { get; set; }

    public bool IsEmbedded => Authority is null;
}
