namespace Gatekeeper.Data.Administration;

/// <summary>A created account (or a password reset): the one-time password is shown once to the administrator and never stored in clear.</summary>
public sealed record NewAccount(string UserId, string OneTimePassword);
