namespace Gatekeeper.Disclosure.Privacy.Bounding;

/// <summary>
/// How much one person may contribute, set by the policy: at most <see cref="MaxRowsPerPerson"/> rows in
/// all, in at most <see cref="MaxGroupsPerPerson"/> groups, and at most <see cref="MaxRowsPerGroup"/> rows
/// in any one group (defaults to the per-person cap). The unit of privacy is the person.
/// </summary>
public sealed record ContributionBounds
{
    public ContributionBounds(int maxRowsPerPerson, int maxGroupsPerPerson, int? maxRowsPerGroup = null)
    {
        if (maxRowsPerPerson < 1) throw new ArgumentOutOfRangeException(nameof(maxRowsPerPerson), "A person must be allowed at least one row.");
        if (maxGroupsPerPerson < 1) throw new ArgumentOutOfRangeException(nameof(maxGroupsPerPerson), "A person must be allowed at least one group.");
        if (maxRowsPerGroup is < 1) throw new ArgumentOutOfRangeException(nameof(maxRowsPerGroup), "A person must be allowed at least one row per group.");
        MaxRowsPerPerson = maxRowsPerPerson;
        MaxGroupsPerPerson = maxGroupsPerPerson;
        MaxRowsPerGroup = Math.Min(maxRowsPerGroup ?? maxRowsPerPerson, maxRowsPerPerson);
    }

    public int MaxRowsPerPerson { get; }

    public int MaxGroupsPerPerson { get; }

    public int MaxRowsPerGroup { get; }

    /// <summary>Whether the per-group cap binds on its own (otherwise the per-person cap covers it).</summary>
    public bool CapsRowsPerGroup => MaxRowsPerGroup < MaxRowsPerPerson;
}
