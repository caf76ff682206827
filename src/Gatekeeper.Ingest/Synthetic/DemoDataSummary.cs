namespace Gatekeeper.Ingest.Synthetic;

/// <summary>What the generator wrote (also saved as manifest.json beside the files; no time stamps, so it is deterministic too).</summary>
public sealed record DemoDataSummary
{
    public required ulong Seed { get; init; }

    public required int Participants { get; init; }

    public required IReadOnlyDictionary<GlycaemicGroup, int> Groups { get; init; }

    public required int Intervention { get; init; }

    /// <summary>Rows per table as written (including resends and deliberately invalid rows).</summary>
    public required IReadOnlyDictionary<string, long> Rows { get; init; }

    public required long ResentRows { get; init; }

    public required long InvalidRows { get; init; }

    public required int OptOuts { get; init; }

    public required int Refusals { get; init; }

    /// <summary>Mean 3-month HbA1c change of mild diabetics, by arm (the programme reports −0.56 and −0.16).</summary>
    public required double MeanChangeIntervention { get; init; }

    public required double MeanChangeControl { get; init; }

    /// <summary>Files relative to the output folder, with their encoding.</summary>
    public required IReadOnlyList<DemoFile> Files { get; init; }
}
