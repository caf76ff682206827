using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Gatekeeper.Audit.Chain;

namespace Gatekeeper.Audit.Tests;

public sealed class EntryHasherTests
{
    /// <summary>
    /// The hash of an entry without details is what the first version of the log computed, field by field with an
    /// incremental hash (kept here as the reference), so chains written before details existed still verify.
    /// </summary>
    [Property(MaxTest = 300, Arbitrary = [typeof(RecordArbitrary)])]
    public bool Entries_without_details_hash_as_the_first_version_did(AuditRecord record, long sequence) =>
        EntryHasher.Hash(Math.Abs(sequence), record, ChainedEntry.Genesis) == ReferenceHash(Math.Abs(sequence), record, ChainedEntry.Genesis);

    [Fact]
    public void A_known_entry_has_a_fixed_hash()
    {
        var record = new AuditRecord
        {
            At = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), ActorId = "u-1", ActorRole = "researcher", OrganisationId = "org-1",
            Action = "application.submitted", SubjectType = "application", SubjectIds = ["a", "GK-2026-0001", "v1"], Reason = null, ClientAddress = "127.0.0.1",
        };
        Assert.Equal(ReferenceHash(1, record, ChainedEntry.Genesis), EntryHasher.Hash(1, record, ChainedEntry.Genesis));
        Assert.Equal(64, EntryHasher.Hash(1, record, ChainedEntry.Genesis).Length);
    }

    [Fact]
    public void Details_are_part_of_the_hash_in_any_order()
    {
        var plain = ChainBuilder.Record(3);
        var a = plain with { Details = new Dictionary<string, string> { ["permit"] = "P-1", ["queryHash"] = "abc" } };
        var b = plain with { Details = new Dictionary<string, string> { ["queryHash"] = "abc", ["permit"] = "P-1" } };
        var c = plain with { Details = new Dictionary<string, string> { ["queryHash"] = "abd", ["permit"] = "P-1" } };
        var empty = plain with { Details = new Dictionary<string, string>() };

        Assert.Equal(EntryHasher.Hash(3, a, ChainedEntry.Genesis), EntryHasher.Hash(3, b, ChainedEntry.Genesis));
        Assert.NotEqual(EntryHasher.Hash(3, a, ChainedEntry.Genesis), EntryHasher.Hash(3, c, ChainedEntry.Genesis));
        Assert.NotEqual(EntryHasher.Hash(3, plain, ChainedEntry.Genesis), EntryHasher.Hash(3, a, ChainedEntry.Genesis));
        Assert.Equal(EntryHasher.Hash(3, plain, ChainedEntry.Genesis), EntryHasher.Hash(3, empty, ChainedEntry.Genesis));
    }

    [Fact]
    public void Long_fields_hash_like_short_ones()
    {
        var record = ChainBuilder.Record(1) with { Reason = new string('理', 2000), SubjectIds = [.. Enumerable.Range(0, 32).Select(i => new string('x', 64))] };
        Assert.Equal(ReferenceHash(1, record, ChainedEntry.Genesis), EntryHasher.Hash(1, record, ChainedEntry.Genesis));
    }

    /// <summary>The encoding of the first version of the log, written out plainly.</summary>
    private static string ReferenceHash(long sequence, AuditRecord r, string previousHash)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Field(string? value)
        {
            Span<byte> length = stackalloc byte[4];
            if (value is null)
            {
                BinaryPrimitives.WriteInt32BigEndian(length, -1);
                hash.AppendData(length);
                return;
            }

            var bytes = Encoding.UTF8.GetBytes(value);
            BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            hash.AppendData(length);
            hash.AppendData(bytes);
        }

        Field("gatekeeper-audit-v1");
        Field(sequence.ToString(CultureInfo.InvariantCulture));
        Field(r.At.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Field(r.ActorId);
        Field(r.ActorRole);
        Field(r.OrganisationId);
        Field(r.Action);
        Field(r.SubjectType);
        Field(r.SubjectIds.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var id in r.SubjectIds) Field(id);
        Field(r.Outcome.ToString());
        Field(r.Reason);
        Field(r.ClientAddress);
        Field(previousHash);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static class RecordArbitrary
    {
        public static Arbitrary<AuditRecord> Records()
        {
            var text = ArbMap.Default.GeneratorFor<string>();
            var gen =
                from ticks in Gen.Choose(0, int.MaxValue)
                from actor in ArbMap.Default.GeneratorFor<NonEmptyString>()
                from role in text
                from org in text
                from type in text
                from ids in Gen.ListOf(ArbMap.Default.GeneratorFor<NonNull<string>>())
                from outcome in Gen.Elements(AuditOutcome.Succeeded, AuditOutcome.Refused, AuditOutcome.Failed)
                from reason in text
                from client in text
                select new AuditRecord
                {
                    At = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(ticks), ActorId = actor.Get, ActorRole = role, OrganisationId = org,
                    Action = "test.action", SubjectType = type, SubjectIds = [.. ids.Select(i => i.Get)], Outcome = outcome, Reason = reason, ClientAddress = client,
                };
            return gen.ToArbitrary();
        }
    }
}
