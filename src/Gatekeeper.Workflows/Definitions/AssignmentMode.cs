namespace Gatekeeper.Workflows.Definitions;

/// <summary>How the people for a task's slots are chosen.</summary>
public enum AssignmentMode
{
    /// <summary>Eligible holders of the role with the fewest open tasks (ties by user id); slots nobody can take stay in the team queue.</summary>
    LeastLoaded,

    /// <summary>Slots stay unassigned in the team queue until someone claims one or a chair assigns it.</summary>
    Pool,
}
