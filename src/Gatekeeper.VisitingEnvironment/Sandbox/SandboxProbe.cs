using System.Diagnostics;

namespace Gatekeeper.VisitingEnvironment.Sandbox;

/// <summary>
/// Finds out once whether bubblewrap can build the sandbox on this host (it exists, and creates user, PID and
/// network namespaces), and with prlimit enforce the resource limits. Fail closed: without both, runs are refused
/// unless <see cref="VisitingEnvironmentOptions.AllowUnsandboxedRuns"/> is set.
/// </summary>
public sealed class SandboxProbe
{
    private readonly VisitingEnvironmentOptions _options;
    private readonly Lock _gate = new();
    private SandboxStatus? _status;

    public SandboxProbe(VisitingEnvironmentOptions options)
    {
        _options = options;
    }

    public SandboxStatus Status
    {
        get
        {
            lock (_gate) return _status ??= Probe();
        }
    }

    /// <summary>Probes again (after bubblewrap was installed, for example).</summary>
    public SandboxStatus Refresh()
    {
        lock (_gate) return _status = Probe();
    }

    private SandboxStatus Probe()
    {
        var problem = Check();
        if (problem is null) return new SandboxStatus(SandboxMode.Sandboxed, $"bubblewrap ({_options.BubblewrapPath}) creates the sandbox's namespaces; prlimit sets the resource limits.");
        return _options.AllowUnsandboxedRuns
            ? new SandboxStatus(SandboxMode.Unsandboxed, $"DEVELOPMENT MODE, runs are not isolated: {problem}")
            : new SandboxStatus(SandboxMode.Unavailable, $"Runs are refused: {problem}");
    }

    private string? Check()
    {
        if (!File.Exists(_options.BubblewrapPath))
            return $"bubblewrap is not installed at {_options.BubblewrapPath} (Debian package bubblewrap; scripts/ensure-sandbox.sh installs it).";
        if (!File.Exists(_options.PrlimitPath))
            return $"prlimit is not installed at {_options.PrlimitPath} (Debian package util-linux), so resource limits cannot be enforced.";
        try
        {
            using var process = ProcessLauncher.Start(SandboxCommand.Probe(_options.BubblewrapPath));
            process.StandardInput.Close();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(15)))
            {
                process.Kill(entireProcessTree: true);
                return "bubblewrap did not finish a trial sandbox within 15 s.";
            }

            return process.ExitCode == 0
                ? null
                : $"bubblewrap cannot create namespaces here (exit {process.ExitCode}): {error.Result.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"bubblewrap could not be started: {e.Message}";
        }
    }
}
