using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Gatekeeper.Disclosure.Privacy.Bounding;

/// <summary>
/// Caps each person's contribution: at most G groups (the G with the smallest keyed hash of person and
/// group), at most r rows in each of them and at most R rows in all (the rows with the smallest keyed
/// hash of person, group and value). Dropping is random-looking through the key but depends only on the
/// person's own rows, so the result is the same whatever the input order, and adding or removing one
/// person changes no other person's kept rows (which is what the sensitivity bounds rely on).
/// </summary>
public sealed class ContributionBounder
{
    private readonly byte[] _key;

    public ContributionBounder(ReadOnlySpan<byte> key)
    {
        if (key.Length != 16) throw new ArgumentException("The bounding key must be 16 bytes.", nameof(key));
        _key = key.ToArray();
    }

    /// <summary>A bounder with a fresh random key (one per run).</summary>
    public static ContributionBounder WithRandomKey() => new(RandomNumberGenerator.GetBytes(16));

    /// <summary>The kept rows, in a canonical order (person, group, value).</summary>
    public IReadOnlyList<PersonRow> Bound(IEnumerable<PersonRow> rows, ContributionBounds bounds)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(bounds);
        var kept = new List<PersonRow>();
        foreach (var person in rows.GroupBy(r => r.Person, StringComparer.Ordinal))
        {
            var groups = person.Select(r => r.Group).Distinct()
                .Select(g => (Group: g, Hash: GroupHash(person.Key, g)))
                .OrderBy(x => x.Hash).ThenBy(x => x.Group)
                .Take(bounds.MaxGroupsPerPerson)
                .Select(x => x.Group)
                .ToHashSet();

            var candidates = person.Where(r => groups.Contains(r.Group))
                .GroupBy(r => r.Group)
                .SelectMany(g => Ranked(g).Take(bounds.MaxRowsPerGroup));
            kept.AddRange(Ranked(candidates).Take(bounds.MaxRowsPerPerson));
        }

        return [.. kept.OrderBy(r => r.Person, StringComparer.Ordinal).ThenBy(r => r.Group).ThenBy(r => r.Value)];
    }

    private IEnumerable<PersonRow> Ranked(IEnumerable<PersonRow> rows) =>
        rows.Select(r => (Row: r, Hash: RowHash(r)))
            .OrderBy(x => x.Hash).ThenBy(x => x.Row.Group).ThenBy(x => x.Row.Value)
            .Select(x => x.Row);

    private ulong GroupHash(string person, GroupKey group) => KeyedHash.SipHash24(_key, Encode(person, group, null));

    private ulong RowHash(PersonRow row) => KeyedHash.SipHash24(_key, Encode(row.Person, row.Group, row.Value));

    /// <summary>Length-prefixed fields, so different rows can never encode to the same bytes.</summary>
    private static byte[] Encode(string person, GroupKey group, double? value)
    {
        var buffer = new List<byte>(64);
        void Add(string? s)
        {
            Span<byte> length = stackalloc byte[4];
            if (s is null)
            {
                BinaryPrimitives.WriteInt32LittleEndian(length, -1);
                buffer.AddRange(length.ToArray());
                return;
            }

            var bytes = Encoding.UTF8.GetBytes(s);
            BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
            buffer.AddRange(length.ToArray());
            buffer.AddRange(bytes);
        }

        Add(person);
        Add(group.Parts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var part in group.Parts) Add(part);
        if (value is { } v)
        {
            Span<byte> bits = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(bits, BitConverter.DoubleToInt64Bits(v == 0 ? 0d : v));
            buffer.AddRange(bits.ToArray());
        }

        return [.. buffer];
    }
}
