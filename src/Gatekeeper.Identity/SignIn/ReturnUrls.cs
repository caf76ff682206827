namespace Gatekeeper.Identity.SignIn;

/// <summary>Return URLs are local paths only; anything else (absolute, protocol-relative, backslash tricks) goes home.</summary>
public static class ReturnUrls
{
    public static string Safe(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl[0] == '/' && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
            ? returnUrl
            : "/";
}
