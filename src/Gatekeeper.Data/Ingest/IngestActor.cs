using Gatekeeper.Audit;

namespace Gatekeeper.Data.Ingest;

/// <summary>
/// Who the import running on this logical call is for, so the store's import log and consent registry (called by the
/// importer, which knows nothing of users) write their audit entries under that person in the same transaction as
/// the history row or the consent decisions. Without a scope the actor is the gatekeeper itself.
/// </summary>
public static class IngestActor
{
    private static readonly AsyncLocal<AuditActor?> Scope = new();

    public static AuditActor Current => Scope.Value ?? AuditActor.System;

    /// <summary>Sets the actor until the returned handle is disposed.</summary>
    public static IDisposable Begin(AuditActor actor)
    {
        var previous = Scope.Value;
        Scope.Value = actor;
        return new Restore(previous);
    }

    private sealed class Restore(AuditActor? previous) : IDisposable
    {
        public void Dispose() => Scope.Value = previous;
    }
}
