namespace Gatekeeper.VisitingEnvironment.Worker;

/// <summary>Exit codes of the Gatekeeper.Enclave process.</summary>
public static class WorkerExitCodes
{
    public const int Succeeded = 0;

    /// <summary>Unexpected failure (a bug or a broken spec); the manifest may be missing.</summary>
    public const int InternalError = 1;

    /// <summary>The query or its output broke a rule; the manifest says which.</summary>
    public const int Refused = 2;

    /// <summary>DuckDB failed running the query; the manifest says why.</summary>
    public const int QueryFailed = 3;

    /// <summary>
    /// The line the worker writes on standard output, followed by its exit code, once all its files are written; the
    /// host then stops the process rather than wait for it to wind down.
    /// </summary>
    public const string DoneMarker = "done";

    /// <summary>The line a warm worker writes when it has warmed up and waits for its spec.</summary>
    public const string ReadyMarker = "ready";

    /// <summary>Bad command line or unreadable spec.</summary>
    public const int BadInvocation = 64;
}
