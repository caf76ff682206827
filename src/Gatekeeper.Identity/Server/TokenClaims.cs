namespace Gatekeeper.Identity.Server;

/// <summary>Claim types in the tokens the provider issues (OpenID Connect names plus Gatekeeper's own).</summary>
public static class TokenClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Email = "email";
    public const string EmailVerified = "email_verified";
    public const string Role = "role";
    public const string Organisation = "org";
    public const string AuthenticationMethod = "amr";

    /// <summary>The user's security stamp when the token was issued; sessions end when it changes (sign-out, lock, role change).</summary>
    public const string SessionStamp = "gk_stamp";

    public const string MfaMethod = "mfa";
}
