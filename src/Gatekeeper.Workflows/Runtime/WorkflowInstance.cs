namespace Gatekeeper.Workflows.Runtime;

/// <summary>
/// One run of a workflow definition on one subject (an application version or an output), pinned to
/// the definition version it started on. Changed only by the engine, one step per transaction; the
/// <see cref="ConcurrencyStamp"/> makes two simultaneous steps impossible (the second is retried).
/// </summary>
public sealed class WorkflowInstance
{
    public Guid Id { get; set; }

    public required string DefinitionId { get; set; }

    /// <summary>SHA-256 of the definition file the instance runs on.</summary>
    public required string DefinitionVersion { get; set; }

    public required string SubjectType { get; set; }

    public Guid SubjectId { get; set; }

    /// <summary>The application the subject belongs to (conflict of interest is judged on it).</summary>
    public Guid ApplicationId { get; set; }

    public string Reference { get; set; } = "";

    public string Title { get; set; } = "";

    public string ApplicantId { get; set; } = "";

    public string OrganisationId { get; set; } = "";

    public string State { get; set; } = "";

    /// <summary>Sequence number of the step that entered the current state; tasks and timers of older visits are void.</summary>
    public int Visit { get; set; }

    /// <summary>Number of steps recorded so far (the next step is <c>StepCount + 1</c>).</summary>
    public int StepCount { get; set; }

    public WorkflowInstanceStatus Status { get; set; }

    public string? Outcome { get; set; }

    /// <summary>Facts about the subject the guards read (JSON), captured at start.</summary>
    public string Facts { get; set; } = "{}";

    public int? RiskScore { get; set; }

    public string? RiskLevel { get; set; }

    /// <summary>Why the risk is what it is (JSON list of contributions), for reviewers.</summary>
    public string? RiskDetails { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? DeadlineAt { get; set; }

    public int DeadlineExtensions { get; set; }

    public bool Overdue { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public Guid ConcurrencyStamp { get; set; }
}
