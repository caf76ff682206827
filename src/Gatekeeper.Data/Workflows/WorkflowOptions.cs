using System.ComponentModel.DataAnnotations;

namespace Gatekeeper.Data.Workflows;

/// <summary>Configuration section <c>Gatekeeper:Workflows</c>.</summary>
public sealed class WorkflowOptions
{
    public const string Section = "Gatekeeper:Workflows";

    /// <summary>Folder of the workflow definitions; empty: <c>workflows/</c> beside the policy folder.</summary>
    public string Folder { get; set; } = "";

    /// <summary>How often the timer service looks for due timers, unstarted reviews and unsent mail.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Privacy budget (ε) of a permit when the chair approves without naming one.</summary>
    [Range(0.0001, 100)]
    public double DefaultEpsilon { get; set; } = 1.0;

    /// <summary>δ of that default budget (null: pure ε-DP).</summary>
    public double? DefaultDelta { get; set; }

    /// <summary>The body that signs decision letters.</summary>
    [Required]
    public string IssuingBody { get; set; } = "Health Data Access Body / 医療データアクセス機関";
}
