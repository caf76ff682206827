using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
namespace Gatekeeper.Testing;

/// <summary>
/// The real portal (<c>Gatekeeper.Web.dll</c> from its build output) as a child process on a free loopback
/// port, in Development with demo data in its own temporary data folder, plus any extra settings. Its console
/// output is kept so tests can read the demo accounts' one-time passwords, and is written to the artifacts
/// (under <c>logName</c>) on disposal.
/// </summary>
public sealed partial class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly string _logName;

    private readonly bool _ownsDataFolder;

    private PortalProcess(Process process, string dataFolder, Uri baseAddress, string logName, bool ownsDataFolder = true)
    {
        _process = process;
        DataFolder = dataFolder;
        BaseAddress = baseAddress;
        _logName = logName;
        _ownsDataFolder = ownsDataFolder;
    }

    public Uri BaseAddress { get; }

    public string DataFolder { get; }

    /// <summary>Starts the portal; <paramref name="settings"/> use configuration keys (Gatekeeper:Identity:…).</summary>
    /// <param name="dataFolder">An existing data folder to use (kept on disposal, e.g. to restart on it); default a new temporary one.</param>
    public static async Task<PortalProcess> StartAsync(TimeSpan timeout, string logName, IReadOnlyDictionary<string, string>? settings = null, string? dataFolder = null)
    {
        var port = LoopbackPort.Free();
        var ownsDataFolder = dataFolder is null;
        dataFolder ??= Path.Combine(Path.GetTempPath(), "gatekeeper-portal", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataFolder);
        var contentRoot = Path.Combine(RepositoryPaths.Root, "src", "Gatekeeper.Web");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { FindWebAssembly(), "--urls", $"http://127.0.0.1:{port}", "--contentRoot", contentRoot })
            start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Gatekeeper__DataFolder"] = dataFolder;
        start.Environment["Gatekeeper__Logging__Json"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // The first-run demo import (2,000 synthetic participants) is for people; a test that needs it passes DemoImport=true.
        start.Environment["Gatekeeper__Onboarding__DemoImport"] = "false";
        // Runs start their own sandboxed worker; none is kept warm ahead of them (less load on a shared test machine).
        start.Environment["VisitingEnvironment__WarmWorkers"] = "0";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the portal.");
        var server = new PortalProcess(process, dataFolder, new Uri($"http://127.0.0.1:{port}/"), logName, ownsDataFolder);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) server._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) server._output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilHealthyAsync(timeout);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>The one-time password the portal printed for a demo account on first start.</summary>
    public string DemoPassword(string email)
    {
        var pattern = new Regex($@"\s{Regex.Escape(email)}\s+(\S+)\s");
        return _output.Select(line => pattern.Match(line + " ")).FirstOrDefault(m => m.Success)?.Groups[1].Value
               ?? throw new InvalidOperationException($"The portal printed no one-time password for {email}.\n{Output}");
    }

    public string Output => string.Join('\n', _output);

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The portal exited with code {_process.ExitCode}:\n{Output}");
            try
            {
                using var response = await client.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting; try again.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The portal was not healthy within {timeout.TotalSeconds:0} s:\n{Output}");
    }

    /// <summary>
    /// The portal's build output for the same configuration and framework as this test assembly
    /// (…/bin/Debug/net10.0/), else the newest one built.
    /// </summary>
    private static string FindWebAssembly()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var webBin = Path.Combine(RepositoryPaths.Root, "src", "Gatekeeper.Web", "bin");
        var same = Path.Combine(webBin, testOutput.Parent?.Name ?? "Debug", testOutput.Name, "Gatekeeper.Web.dll");
        if (File.Exists(same)) return same;
        return Directory.Exists(webBin)
            ? Directory.EnumerateFiles(webBin, "Gatekeeper.Web.dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
              ?? throw new FileNotFoundException($"Gatekeeper.Web.dll is not under {webBin}; build the solution first.")
            : throw new DirectoryNotFoundException($"{webBin} does not exist; build the solution first.");
    }

    [GeneratedRegex(@"(\S+@\S+\s+)[A-Za-z0-9]{16}(?=\s)")]
    private static partial Regex OneTimePassword();


    /// <summary>Kills the portal's process tree at once (SIGKILL), as a host crash would; the data folder stays.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            // Already gone.
        }

        _process.Dispose();
        // The log helps when a test fails; the demo one-time passwords stay out of it.
        await File.WriteAllTextAsync(Path.Combine(RepositoryPaths.Artifacts, _logName + ".log"),
            OneTimePassword().Replace(Output, "$1<one-time password>"));
        if (!_ownsDataFolder) return;
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder never fails a test.
        }
    }
}
