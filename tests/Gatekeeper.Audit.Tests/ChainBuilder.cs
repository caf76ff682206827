using System.Security.Cryptography;
using Gatekeeper.Audit;
using Gatekeeper.Audit.Chain;
using Gatekeeper.Audit.Checkpoints;

namespace Gatekeeper.Audit.Tests;

/// <summary>Builds well-formed chains with checkpoints every <c>checkpointEvery</c> entries.</summary>
internal sealed class ChainBuilder : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public ChainBuilder(int count, int checkpointEvery = 10)
    {
        Key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Signer = new CheckpointSigner(Key);
        var previous = ChainedEntry.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var entry = EntryHasher.Link(i, Record(i), previous);
            Entries.Add(entry);
            previous = entry.Hash;
            if (i % checkpointEvery == 0) Checkpoints.Add(Signer.Sign(i, entry.Hash, entry.Record.At));
        }
    }

    public ECDsa Key { get; }

    public CheckpointSigner Signer { get; }

    public List<ChainedEntry> Entries { get; } = [];

    public List<Checkpoint> Checkpoints { get; } = [];

    public static AuditRecord Record(int i) => new()
    {
        At = Start.AddMinutes(i),
        ActorId = $"user-{i % 7}",
        ActorRole = "researcher",
        OrganisationId = "org-1",
        Action = i % 2 == 0 ? "application.saved" : "application.submitted",
        SubjectType = "application",
        SubjectIds = [$"app-{i % 5}"],
        Outcome = i % 11 == 0 ? AuditOutcome.Refused : AuditOutcome.Succeeded,
        Reason = i % 11 == 0 ? "stale-edit" : null,
        ClientAddress = "127.0.0.1",
    };

    public VerificationResult Verify(IEnumerable<ChainedEntry>? entries = null, IEnumerable<Checkpoint>? checkpoints = null) =>
        ChainVerifier.Verify(entries ?? Entries, checkpoints ?? Checkpoints, id => id == Signer.KeyId ? Key : null);

    public void Dispose() => Key.Dispose();
}
