namespace Gatekeeper.Ingest.Validation;

/// <summary>One broken rule on one row, as the holder sees it in the report. Line 1 is the header.</summary>
/// <param name="Value">The offending value; identifiers are withheld (the line number locates the row).</param>
public sealed record RowError(string File, long Line, string Field, string Value, string Rule, string Message);
