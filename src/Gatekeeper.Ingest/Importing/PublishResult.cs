namespace Gatekeeper.Ingest.Importing;

/// <summary>What publishing one staged file did to its table.</summary>
internal sealed record PublishResult(long PublishedRows, long SupersededRows, long ReplacedRows, string? Version, long TableRows);
