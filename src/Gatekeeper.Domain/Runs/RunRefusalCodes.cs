namespace Gatekeeper.Domain.Runs;

/// <summary>Rule codes of run refusals: the audit entry's reason and the API's error rule.</summary>
public static class RunRefusalCodes
{
    public const string PermitNotFound = "permit-not-found";
    public const string PermitExpired = "permit-expired";
    public const string PermitRevoked = "permit-revoked";
    public const string PermitNotYetValid = "permit-not-yet-valid";
    public const string NotOnTeam = "not-on-team";
    public const string AccreditationExpired = "accreditation-expired";
    public const string AccreditationMissing = "accreditation-missing";
    public const string QueryInvalid = "query-invalid";
    public const string VariableNotPermitted = "variable-not-permitted";
    public const string DatasetNotLoaded = "dataset-not-loaded";
    public const string SandboxUnavailable = "sandbox-unavailable";
}
