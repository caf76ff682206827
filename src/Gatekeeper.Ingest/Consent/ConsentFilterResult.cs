namespace Gatekeeper.Ingest.Consent;

/// <summary>The excluded-persons file written for one run: its path, what it was computed for, and how many it holds.</summary>
public sealed record ConsentFilterResult(string Path, string DatasetId, string PurposeCode, DateTimeOffset RunTime, int ExcludedCount);
