namespace Gatekeeper.Domain.Outputs;

/// <summary>
/// One output of a release request: whether the researcher asks to release it, their description and exception request,
/// and the automated check's verdict (status, counts, the policy's SHA-256, and the verdict file in the airlock).
/// </summary>
public sealed class ReleaseFile
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public required Guid RequestId { get; init; }

    /// <summary>The airlock record (<c>run_outputs</c>).</summary>
    public required Guid OutputId { get; init; }

    public required string Name { get; init; }

    public bool Included { get; set; } = true;

    public string? Description { get; set; }

    /// <summary>The researcher's justification for releasing an output the automated check failed (an exception request).</summary>
    public string? ExceptionJustification { get; set; }

    /// <summary>One of <see cref="AutomatedCheckStatuses"/>.</summary>
    public required string CheckStatus { get; init; }

    public string? PolicyId { get; init; }

    public string? PolicySha256 { get; init; }

    public int Cells { get; init; }

    public int FailedCells { get; init; }

    public int ReviewCells { get; init; }

    /// <summary>The rule codes that failed or asked for review, comma-separated (for lists; the verdict file has the detail).</summary>
    public string? Rules { get; init; }

    /// <summary>The verdict as JSON (cells, findings with their numbers, mitigation), relative to the data folder.</summary>
    public string? VerdictFile { get; init; }

    public string? VerdictSha256 { get; init; }

    /// <summary>The table after the policy's mitigation (suppression / rounding), when it changed anything.</summary>
    public string? ProtectedFile { get; init; }

    public string? ProtectedSha256 { get; init; }

    /// <summary>The cells and their unit counts for the differencing check of later outputs (never shown), relative to the data folder.</summary>
    public string? CellsFile { get; init; }

    public string? CellsSha256 { get; init; }

    /// <summary>Why the output cannot leave at all (over the policy's row or byte limit); null when within the limits.</summary>
    public string? LimitViolation { get; set; }

    /// <summary>The formats the policy lets leave, comma-separated (<c>csv</c>, <c>csv,parquet</c>).</summary>
    public string Formats { get; set; } = "csv";

    /// <summary>Set when the request is released: whether this file went into the package.</summary>
    public bool Released { get; set; }

    /// <summary>Whether the automated check failed this file: approving it needs a comment; the researcher may ask for an exception.</summary>
    public bool FailsAutomatically => CheckStatus == AutomatedCheckStatuses.Fail;
}
