namespace Gatekeeper.VisitingEnvironment.Sandbox;

/// <summary>Paths inside the sandbox.</summary>
public static class SandboxLayout
{
    public const string App = "/enclave/app";
    public const string Input = "/enclave/in";
    public const string Output = "/enclave/out";
    public const string Data = "/data";

    /// <summary>Where a table's part is mounted: <c>/data/&lt;table&gt;/&lt;file name&gt;</c>.</summary>
    public static string Part(string table, string hostPath) => $"{Data}/{table}/{Path.GetFileName(hostPath)}";
}
