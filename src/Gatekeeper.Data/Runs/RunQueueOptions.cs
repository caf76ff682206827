using System.ComponentModel.DataAnnotations;

namespace Gatekeeper.Data.Runs;

/// <summary>The job queue of runs (section <c>Gatekeeper:Runs</c>).</summary>
public sealed class RunQueueOptions
{
    public const string Section = "Gatekeeper:Runs";

    /// <summary>Runs executing at the same time on this host (worker slots of the hosted service).</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 2;

    /// <summary>How long a claimed run's lease lasts without renewal; a host that dies loses it after this.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a worker renews its lease and looks for a cancellation request.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often an idle worker slot looks for queued runs.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Executions per run: a run whose lease expired while running is queued again until this many attempts were made, then failed.</summary>
    [Range(1, 5)]
    public int MaxAttempts { get; set; } = 2;

    /// <summary>Whether this host executes runs (a host may only accept and show them).</summary>
    public bool ExecuteRuns { get; set; } = true;
}
