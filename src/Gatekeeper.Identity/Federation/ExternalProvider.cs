namespace Gatekeeper.Identity.Federation;

/// <summary>
/// An upstream OpenID Connect provider people may sign in with (an institution's IdP; in Japan, a
/// JPKI-backed one). Federation never creates accounts: the person must already have a Gatekeeper
/// account, matched by an earlier link or by an e-mail address the upstream says it verified.
/// </summary>
public sealed class ExternalProvider
{
    /// <summary>Short name used in addresses and the audit log, e.g. "university-idp" (lower-case letters, digits, hyphens).</summary>
    public string Name { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public Uri? Authority { get; set; }

    public string ClientId { get; set; } = "";

    public string? ClientSecret { get; set; }

    /// <summary>Allow plain HTTP metadata (tests against a loopback provider only).</summary>
    public bool AllowHttp { get; set; }

    /// <summary>
    /// Accept the upstream's multi-factor sign-in (an <c>amr</c> of mfa, hwk, sc or otp, RFC 8176) in place of
    /// Gatekeeper's own TOTP. Off by default: roles that require MFA are then asked for the local code too.
    /// </summary>
    public bool TrustUpstreamMfa { get; set; }

    public string Scheme => SchemePrefix + Name;

    public string CallbackPath => $"/identity/external/{Name}/callback";

    public const string SchemePrefix = "external-";
}
