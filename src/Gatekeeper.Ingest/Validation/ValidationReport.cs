namespace Gatekeeper.Ingest.Validation;

/// <summary>The downloadable report of one file: where it is, how many rows broke rules, and the first errors for display.</summary>
public sealed record ValidationReport
{
    public required string CsvPath { get; init; }

    public required string JsonPath { get; init; }

    public required long Rows { get; init; }

    public required long RejectedRows { get; init; }

    public required long ErrorCount { get; init; }

    public double ErrorRate => Rows == 0 ? 0 : (double)RejectedRows / Rows;

    /// <summary>Up to <see cref="ValidationReportWriter.SampleSize"/> errors, for a summary on screen; the files hold all.</summary>
    public required IReadOnlyList<RowError> Sample { get; init; }
}
