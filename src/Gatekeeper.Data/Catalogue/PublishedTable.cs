namespace Gatekeeper.Data.Catalogue;

/// <summary>What is published of one table of a dataset: its current version, rows and variables.</summary>
public sealed record PublishedTable(string Table, string Version, long RowCount, int VariableCount, int FileCount, DateTimeOffset PublishedAt);
