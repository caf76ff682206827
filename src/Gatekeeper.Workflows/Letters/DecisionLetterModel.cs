namespace Gatekeeper.Workflows.Letters;

/// <summary>What a decision letter template can show. Dates are pre-formatted (yyyy-MM-dd); codes are stable (the template words them).</summary>
public sealed record DecisionLetterModel
{
    public required string Reference { get; init; }

    public int Version { get; init; }

    public required string Title { get; init; }

    public required string ApplicantName { get; init; }

    public required string OrganisationName { get; init; }

    public required string Purpose { get; init; }

    /// <summary>approve, approve-with-conditions, revise-and-resubmit or reject.</summary>
    public required string Decision { get; init; }

    public required string Reason { get; init; }

    public IReadOnlyList<string> Conditions { get; init; } = [];

    /// <summary>Requests to answer in a new version (revise and resubmit).</summary>
    public IReadOnlyList<string> Requests { get; init; } = [];

    public required string DecidedBy { get; init; }

    public required string DecidedAt { get; init; }

    public string? SubmittedAt { get; init; }

    public LetterPermit? Permit { get; init; }

    public required string IssuingBody { get; init; }
}
