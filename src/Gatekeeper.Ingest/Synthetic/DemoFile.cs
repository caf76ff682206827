namespace Gatekeeper.Ingest.Synthetic;

/// <summary>One holder file of the synthetic data set.</summary>
public sealed record DemoFile(string Path, string Consortium, string Table, string Encoding);
