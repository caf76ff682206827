namespace Gatekeeper.Domain.Outputs;

/// <summary>
/// A request to release the outputs of one run from the airlock. Opened when the run succeeds (with the automated
/// check's verdict on every output), prepared and submitted by the researcher, reviewed by two independent output
/// checkers and, when approved, turned into a release package. One per run.
/// </summary>
public sealed class ReleaseRequest
{
    public const int MaxTextLength = 4000;

    public Guid Id { get; init; } = Guid.NewGuid();

    /// <summary><c>RR-</c> and eight hex digits, shown to people.</summary>
    public required string Number { get; init; }

    public required Guid RunId { get; init; }

    public required string RunNumber { get; init; }

    public required Guid PermitId { get; init; }

    public required string PermitNumber { get; init; }

    /// <summary>The permit's application (the subject of separation of duties: its applicant, team and organisation).</summary>
    public required Guid ApplicationId { get; init; }

    public required string DatasetId { get; init; }

    public required string RequesterId { get; init; }

    public required string RequesterName { get; init; }

    public required string RequesterOrganisationId { get; init; }

    /// <summary>One of <see cref="ReleaseStatuses"/>.</summary>
    public string Status { get; set; } = ReleaseStatuses.Pending;

    /// <summary>Review round: 1 at the first submission, one more at each resubmission after a return.</summary>
    public int Round { get; set; }

    /// <summary>What the outputs are and how they answer the permit's purpose, in the researcher's words.</summary>
    public string? Description { get; set; }

    /// <summary>The output-release workflow instance (set at the first submission).</summary>
    public Guid? WorkflowInstanceId { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecidedBy { get; set; }

    /// <summary>The consolidating checker's comment (mandatory for a return or rejection).</summary>
    public string? DecisionComment { get; set; }

    public DateTimeOffset? ReleasedAt { get; set; }

    /// <summary>The package (zip) relative to the data folder, e.g. <c>releases/&lt;id&gt;/RR-….zip</c>.</summary>
    public string? PackageFile { get; set; }

    public string? PackageSha256 { get; set; }

    public long? PackageBytes { get; set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public static string NumberFor(Guid id) => "RR-" + id.ToString("N")[..8].ToUpperInvariant();
}
