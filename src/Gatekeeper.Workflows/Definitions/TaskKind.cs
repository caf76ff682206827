namespace Gatekeeper.Workflows.Definitions;

/// <summary>What the people assigned to a human task do.</summary>
public enum TaskKind
{
    /// <summary>One person chooses one of the state's actions (screen, decide).</summary>
    Action,

    /// <summary>Each assigned person casts a vote; the state's automatic transitions read the tally (quorum).</summary>
    Vote,
}
