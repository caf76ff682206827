using Gatekeeper.Audit;

namespace Gatekeeper.Cli.Audit;

/// <summary>Who the audit log records for actions taken with the command line: the operating-system user on this machine.</summary>
internal static class CliActor
{
    public static AuditActor Current { get; } = new(
        Clip("cli:" + Environment.UserName),
        "operator",
        null,
        Clip(Environment.MachineName));

    private static string Clip(string value) => value.Length <= 64 ? value : value[..64];
}
