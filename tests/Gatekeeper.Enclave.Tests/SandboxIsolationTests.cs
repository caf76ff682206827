using System.Diagnostics;
using Gatekeeper.VisitingEnvironment.Sandbox;

namespace Gatekeeper.Enclave.Tests;

/// <summary>
/// The sandbox itself, with the worker replaced by a shell in exactly the same bubblewrap command: no network, no
/// /etc, none of the host's folders but the mounted ones, read-only everywhere except the output folder, an
/// unprivileged user, and the kernel's limits in force.
/// </summary>
[Collection(DemoDataCollection.Name)]
public sealed class SandboxIsolationTests(DemoDataFixture data) : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "gk-sandbox-tests", Guid.NewGuid().ToString("N"));
    private readonly VisitingEnvironmentOptions _options = new() { RunsFolder = "/tmp/unused" };

    private (int Exit, string Output) Shell(string script, long fileSize = 1024 * 1024)
    {
        var input = Directory.CreateDirectory(Path.Combine(_root, "in")).FullName;
        var output = Directory.CreateDirectory(Path.Combine(_root, "out")).FullName;
        File.WriteAllText(Path.Combine(input, "spec.json"), "{}");
        var part = data.Store.CurrentParts(DemoDataFixture.Dataset, "participants")[0];
        var worker = WorkerLocator.FindWorker(null)!;
        var launch = new WorkerLaunch(worker, WorkerLocator.FindDotnet(null)!, input, output,
            new Dictionary<string, string> { [part] = SandboxLayout.Part("participants", part) }, "/enclave/in/spec.json",
            AddressSpaceBytes: 4L << 30, CpuSeconds: 10, FileSizeBytes: fileSize, HeapBytes: 256L << 20, TmpfsBytes: 8L << 20);
        using var process = Process.Start(SandboxCommand.Shell(launch, _options, "/bin/bash", "-c", script))!;
        process.StandardInput.Close();
        var text = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)));
        return (process.ExitCode, text.Result + error.Result);
    }

    [Fact]
    public void There_is_no_network_but_loopback()
    {
        var (exit, output) = Shell("cat /proc/net/dev | tail -n +3 | cut -d: -f1 | tr -d ' '; exec 3<>/dev/tcp/1.1.1.1/53 && echo CONNECTED");
        Assert.NotEqual(0, exit);
        Assert.Equal("lo", output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0]);
        Assert.DoesNotContain("CONNECTED", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_mounted_folders_exist()
    {
        var (_, output) = Shell("ls /; echo ---; ls /data /data/participants; echo ---; cat /etc/passwd; ls " + data.Layout.Root + "; ls " + data.Layout.KeysFolder);
        var sections = output.Split("---");
        Assert.Equal(["bin", "data", "dev", "enclave", "lib", "lib64", "proc", "sbin", "tmp", "usr"],
            sections[0].Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('/')).Order(StringComparer.Ordinal));
        Assert.Contains("participants", sections[1], StringComparison.Ordinal);
        Assert.Single(sections[1].Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.EndsWith(".parquet", StringComparison.Ordinal));
        Assert.Contains("/etc/passwd: No such file or directory", sections[2], StringComparison.Ordinal);
        Assert.Contains($"{data.Layout.KeysFolder}': No such file or directory", sections[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_output_folder_is_writable_and_the_user_is_unprivileged()
    {
        var (_, output) = Shell("id -u; for d in /usr /enclave/app /enclave/in /data/participants /enclave/out; do touch $d/x 2>/dev/null && echo \"$d writable\" || echo \"$d read-only\"; done");
        Assert.Equal(
            ["65534", "/usr read-only", "/enclave/app read-only", "/enclave/in read-only", "/data/participants read-only", "/enclave/out writable"],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(File.Exists(Path.Combine(_root, "out", "x")));
    }

    [Fact]
    public void The_file_size_limit_stops_a_large_write()
    {
        var (exit, _) = Shell("head -c 3000000 /dev/zero > /enclave/out/big", fileSize: 1024 * 1024);
        Assert.Equal(128 + 25, exit);
        Assert.True(new FileInfo(Path.Combine(_root, "out", "big")).Length <= 1024 * 1024);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
