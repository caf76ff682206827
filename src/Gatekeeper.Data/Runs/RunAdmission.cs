using Gatekeeper.Domain.Permits;

namespace Gatekeeper.Data.Runs;

/// <summary>
/// Whether a person may run queries under a permit right now: the permit (null when not found or not visible), and
/// when refused the rule code and the message for the researcher.
/// </summary>
public sealed record RunAdmission(DataPermit? Permit, string? RefusalCode, string? RefusalMessage)
{
    public bool Allowed => Permit is not null && RefusalCode is null;
}
