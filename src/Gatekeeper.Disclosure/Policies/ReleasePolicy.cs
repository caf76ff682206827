namespace Gatekeeper.Disclosure.Policies;

/// <summary>
/// What a release package may hold (the policy's <c>release:</c> section): the file formats of each released output,
/// and hard limits on an output's rows and bytes. An output over a limit cannot be released, not even by exception.
/// </summary>
public sealed record ReleasePolicy
{
    public static ReleasePolicy Default { get; } = new();

    /// <summary>Formats that leave: <c>csv</c> (always) and optionally <c>parquet</c> (for outputs released as run).</summary>
    public IReadOnlyList<string> Formats { get; init; } = ["csv"];

    public long MaxRowsPerOutput { get; init; } = 100_000;

    public long MaxBytesPerOutput { get; init; } = 20 * 1024 * 1024;

    public static IReadOnlyList<string> KnownFormats { get; } = ["csv", "parquet"];
}
