using System.Diagnostics;
using System.Globalization;

namespace Gatekeeper.VisitingEnvironment.Sandbox;

/// <summary>
/// The command line that starts a worker. Sandboxed:
/// <c>prlimit --as --cpu --fsize --core=0 -- bwrap --unshare-all … dotnet /enclave/app/Gatekeeper.Enclave.dll spec</c>:
/// every namespace unshared (no network but a loopback; own PID, IPC, UTS, user and cgroup namespaces), no
/// capabilities, an unprivileged user, no nested namespaces, a new session (no terminal injection), killed with the
/// host; the file system is /usr read-only, a private /proc, /dev and /tmp, the worker image, the run's input folder
/// and the permit's Parquet parts read-only, and the output folder — nothing else of the host (no /etc, no home,
/// no data folder, no keys, no database). Unsandboxed (development) the same worker runs as a plain process under
/// the same resource limits.
/// </summary>
public static class SandboxCommand
{
    private static readonly string[] RootLinks = ["/bin", "/lib", "/lib64", "/sbin"];

    public static ProcessStartInfo Sandboxed(WorkerLaunch launch, VisitingEnvironmentOptions options)
    {
        var info = Limited(options.PrlimitPath, launch, options.BubblewrapPath);
        var args = info.ArgumentList;
        foreach (var a in new[]
        {
            "--unshare-all", "--unshare-user", "--uid", "65534", "--gid", "65534", "--disable-userns",
            "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--hostname", "enclave", "--clearenv",
        })
        {
            args.Add(a);
        }

        foreach (var (name, value) in Environment(launch))
        {
            args.Add("--setenv");
            args.Add(name);
            args.Add(value);
        }

        AddSystem(args, launch.Dotnet);
        args.Add("--proc");
        args.Add("/proc");
        args.Add("--dev");
        args.Add("/dev");
        args.Add("--size");
        args.Add(launch.TmpfsBytes.ToString(CultureInfo.InvariantCulture));
        args.Add("--tmpfs");
        args.Add("/tmp");
        Bind(args, "--ro-bind", Path.GetDirectoryName(launch.WorkerAssembly)!, SandboxLayout.App);
        Bind(args, "--ro-bind", launch.InputFolder, SandboxLayout.Input);
        Bind(args, "--bind", launch.OutputFolder, SandboxLayout.Output);
        foreach (var (host, inside) in launch.ReadOnlyFiles.OrderBy(f => f.Value, StringComparer.Ordinal)) Bind(args, "--ro-bind", host, inside);
        foreach (var (host, inside) in (launch.ReadOnlyFolders ?? new Dictionary<string, string>()).OrderBy(f => f.Value, StringComparer.Ordinal)) Bind(args, "--ro-bind", host, inside);
        // The sandbox's own root (where bubblewrap made the mount points, e.g. /data/<table>) becomes read-only too.
        args.Add("--remount-ro");
        args.Add("/");
        args.Add("--chdir");
        args.Add(SandboxLayout.Output);
        args.Add(launch.Dotnet);
        args.Add($"{SandboxLayout.App}/{Path.GetFileName(launch.WorkerAssembly)}");
        args.Add(launch.SpecFile ?? "--wait");
        return info;
    }

    /// <summary>The development fallback: the worker as a plain process under the same resource limits.</summary>
    public static ProcessStartInfo Unsandboxed(WorkerLaunch launch, VisitingEnvironmentOptions options)
    {
        var prlimit = File.Exists(options.PrlimitPath) ? options.PrlimitPath : null;
        var info = prlimit is null ? NewInfo(launch.Dotnet) : Limited(prlimit, launch, launch.Dotnet);
        info.ArgumentList.Add(launch.WorkerAssembly);
        info.ArgumentList.Add(launch.SpecFile ?? "--wait");
        info.Environment.Clear();
        foreach (var (name, value) in Environment(launch)) info.Environment[name] = value;
        info.WorkingDirectory = launch.OutputFolder;
        return info;
    }

    /// <summary>A minimal sandbox running <c>true</c>: does bubblewrap work here?</summary>
    public static ProcessStartInfo Probe(string bubblewrap)
    {
        var info = NewInfo(bubblewrap);
        foreach (var a in new[] { "--unshare-all", "--unshare-user", "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--clearenv" }) info.ArgumentList.Add(a);
        AddSystem(info.ArgumentList, null);
        foreach (var a in new[] { "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp" }) info.ArgumentList.Add(a);
        info.ArgumentList.Add(File.Exists("/usr/bin/true") ? "/usr/bin/true" : "/bin/true");
        return info;
    }

    /// <summary>A command of the sandbox's shape running <paramref name="command"/> (for checking the isolation itself).</summary>
    public static ProcessStartInfo Shell(WorkerLaunch launch, VisitingEnvironmentOptions options, params string[] command)
    {
        var info = Sandboxed(launch, options);
        var args = info.ArgumentList;
        var chdir = args.IndexOf("--chdir");
        while (args.Count > chdir + 2) args.RemoveAt(args.Count - 1);
        foreach (var c in command) args.Add(c);
        return info;
    }

    private static ProcessStartInfo Limited(string prlimit, WorkerLaunch launch, string program)
    {
        var info = NewInfo(prlimit);
        var args = info.ArgumentList;
        args.Add($"--as={launch.AddressSpaceBytes.ToString(CultureInfo.InvariantCulture)}");
        args.Add($"--cpu={launch.CpuSeconds.ToString(CultureInfo.InvariantCulture)}:{(launch.CpuSeconds + 5).ToString(CultureInfo.InvariantCulture)}");
        args.Add($"--fsize={launch.FileSizeBytes.ToString(CultureInfo.InvariantCulture)}");
        args.Add("--core=0");
        args.Add("--nofile=1024");
        args.Add("--");
        args.Add(program);
        return info;
    }

    private static ProcessStartInfo NewInfo(string program) => new(program)
    {
        UseShellExecute = false,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        RedirectStandardInput = true,
    };

    private static IEnumerable<(string, string)> Environment(WorkerLaunch launch)
    {
        yield return ("PATH", "/usr/bin:/bin");
        yield return ("HOME", "/tmp");
        yield return ("TMPDIR", "/tmp");
        yield return ("DOTNET_ROOT", Path.GetDirectoryName(launch.Dotnet)!);
        yield return ("DOTNET_EnableDiagnostics", "0");
        yield return ("DOTNET_GCHeapHardLimit", "0x" + launch.HeapBytes.ToString("x", CultureInfo.InvariantCulture));
        yield return ("DOTNET_gcServer", "0");
        yield return ("DOTNET_TieredPGO", "0");
        // W^X double-maps JIT code through a memory file sized far beyond RLIMIT_FSIZE (the output cap), which makes the
        // runtime fail with "Out of memory" at start; it also costs start-up time. The worker runs no code but its own.
        yield return ("DOTNET_EnableWriteXorExecute", "0");
        yield return ("DOTNET_CLI_TELEMETRY_OPTOUT", "1");
        yield return ("DOTNET_NOLOGO", "1");
    }

    /// <summary>/usr read-only, the root links of a merged-/usr system (or their folders), and the dotnet root if outside /usr.</summary>
    private static void AddSystem(IList<string> args, string? dotnet)
    {
        Bind(args, "--ro-bind", "/usr", "/usr");
        foreach (var path in RootLinks)
        {
            var info = new DirectoryInfo(path);
            if (info.LinkTarget is { } target)
            {
                args.Add("--symlink");
                args.Add(target);
                args.Add(path);
            }
            else if (info.Exists)
            {
                Bind(args, "--ro-bind", path, path);
            }
        }

        if (dotnet is not null)
        {
            var root = Path.GetDirectoryName(dotnet)!;
            if (!root.StartsWith("/usr/", StringComparison.Ordinal)) Bind(args, "--ro-bind", root, root);
        }
    }

    private static void Bind(IList<string> args, string kind, string host, string inside)
    {
        args.Add(kind);
        args.Add(host);
        args.Add(inside);
    }
}
