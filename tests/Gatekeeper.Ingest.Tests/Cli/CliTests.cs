using System.Diagnostics;

namespace Gatekeeper.Ingest.Tests.Cli;

/// <summary>The gatekeeper command as a script sees it: output and exit codes 0 (ok), 1 (refused), 2 (bad input).</summary>
public sealed class CliTests : IDisposable
{
    private readonly IngestHarness _harness = new();

    [Fact]
    public void Bad_input_exits_with_2_and_says_what_is_wrong()
    {
        var (code, _, error) = Run("ingest", "dpp", "/no/such/file.csv");
        Assert.Equal(2, code);
        Assert.Contains("file.csv", error, StringComparison.Ordinal);

        Assert.Equal(2, Run("ingest", "Bad Dataset!", Path.Combine(RepositoryFiles.Policies, "purposes.yaml")).Code);
        Assert.Equal(2, Run("ingest", "dpp", "x.csv", "--encoding", "latin1").Code);
        Assert.Equal(2, Run("frobnicate").Code);
        Assert.Equal(2, Run("demo-data", "--participants", "0", "--out", _harness.Root).Code);
    }

    [Fact]
    public void Demo_data_then_ingest_prints_a_summary_and_exits_0_and_a_refused_file_exits_1()
    {
        var output = Path.Combine(_harness.Root, "demo");
        var data = Path.Combine(_harness.Root, "cli-data");
        var (generated, text, _) = Run("demo-data", "--participants", "40", "--seed", "1", "--out", output);
        Assert.Equal(0, generated);
        Assert.Contains("mild diabetes", text, StringComparison.Ordinal);

        var (code, summary, _) = Run("ingest", "dpp", Path.Combine(output, "C01", "hba1c.csv"), Path.Combine(output, "C03", "weight.csv"), "--data-folder", data);
        Assert.Equal(0, code);
        Assert.Contains("hba1c.csv: committed", summary, StringComparison.Ordinal);
        Assert.Contains("weight (shift_jis)", summary, StringComparison.Ordinal);
        Assert.Contains("report: ", summary, StringComparison.Ordinal);

        var bad = _harness.Write("bad.csv", "nonsense,header\n1,2\n");
        var (refused, message, _) = Run("ingest", "dpp", bad, "--data-folder", data, "--max-error-rate", "0.05");
        Assert.Equal(1, refused);
        Assert.Contains("REFUSED", message, StringComparison.Ordinal);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryFiles.Root };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "gatekeeper.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "gatekeeper did not finish within a minute");
        return (process.ExitCode, output.Result, error.Result);
    }

    public void Dispose() => _harness.Dispose();
}
