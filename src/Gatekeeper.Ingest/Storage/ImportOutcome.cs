namespace Gatekeeper.Ingest.Storage;

public enum ImportOutcome
{
    /// <summary>Published atomically; the analysis tables include the file's accepted rows.</summary>
    Committed,

    /// <summary>A file with the same SHA-256 was committed before: nothing changed.</summary>
    AlreadyImported,

    /// <summary>Refused whole (error rate above the limit, unknown header, no data rows): nothing changed.</summary>
    Refused,

    /// <summary>Stopped by an error of the system (I/O, disk full): nothing changed.</summary>
    Failed,
}
