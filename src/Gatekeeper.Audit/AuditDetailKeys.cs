namespace Gatekeeper.Audit;

/// <summary>Keys of <see cref="AuditRecord.Details"/> that the console reads.</summary>
public static class AuditDetailKeys
{
    /// <summary>The permit an entry happened under (runs, checks, outputs, releases, downloads, budget).</summary>
    public const string Permit = "permit";

    /// <summary>The application reference (shared by all versions of an application).</summary>
    public const string Application = "application";

    public const string Run = "run";
    public const string Output = "output";

    /// <summary>SHA-256 (hex) of the normalised query text: literals, whitespace and case folded, so near-identical queries share it.</summary>
    public const string QueryHash = "queryHash";

    /// <summary>A decision code: review (approved, rejected, …) or output checking (release, block, revise).</summary>
    public const string Decision = "decision";

    /// <summary>Differential-privacy budget spent (invariant-culture decimal).</summary>
    public const string Epsilon = "epsilon";

    public const string Delta = "delta";

    /// <summary>SHA-256 of the policy or workflow definition a decision was taken under.</summary>
    public const string PolicySha256 = "policySha256";

    /// <summary>Number of files in a release or download.</summary>
    public const string Files = "files";

    /// <summary>Bytes downloaded.</summary>
    public const string Bytes = "bytes";

    public const string From = "from";
    public const string To = "to";
    public const string FirstSequence = "firstSequence";
    public const string LastSequence = "lastSequence";
    public const string Sha256 = "sha256";
    public const string EntriesChecked = "entries";
    public const string CheckpointsChecked = "checkpoints";
    public const string BrokenAt = "brokenAt";

    /// <summary>Analysis table of a dataset import.</summary>
    public const string Table = "table";

    /// <summary>Rows of an imported file, or consent decisions added.</summary>
    public const string Rows = "rows";

    /// <summary>Rows of an imported file that broke a rule.</summary>
    public const string Rejected = "rejected";

    /// <summary>Purpose code of a consent decision.</summary>
    public const string Purpose = "purpose";
}
