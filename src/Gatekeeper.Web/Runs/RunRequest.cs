namespace Gatekeeper.Web.Runs;

/// <summary>Body of the run and validate endpoints: the SQL, and the permit's dataset (default: its first).</summary>
public sealed record RunRequest(string? Query, string? DatasetId = null);
