using Gatekeeper.Ingest.Storage;
using Gatekeeper.Ingest.Validation;

namespace Gatekeeper.Ingest.Importing;

/// <summary>The outcome of importing one file: its history record and its validation report (none when already imported).</summary>
public sealed record ImportResult(ImportRecord Record, ValidationReport? Report)
{
    public ImportOutcome Outcome => Record.Outcome;

    /// <summary>Where the raw file went when the policy encrypts it.</summary>
    public string? RawVaultPath { get; init; }
}
