using System.Buffers.Binary;

namespace Gatekeeper.Disclosure.Privacy.Bounding;

/// <summary>
/// SipHash-2-4 (Aumasson and Bernstein 2012): a fast keyed pseudo-random function of a byte string.
/// Contribution bounding ranks a person's rows by it, so which rows are kept looks random, yet depends
/// only on the key and the rows themselves, never on their order.
/// </summary>
internal static class KeyedHash
{
    public static ulong SipHash24(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message)
    {
        if (key.Length != 16) throw new ArgumentException("SipHash needs a 16-byte key.", nameof(key));
        var k0 = BinaryPrimitives.ReadUInt64LittleEndian(key);
        var k1 = BinaryPrimitives.ReadUInt64LittleEndian(key[8..]);
        var v0 = k0 ^ 0x736f6d6570736575UL;
        var v1 = k1 ^ 0x646f72616e646f6dUL;
        var v2 = k0 ^ 0x6c7967656e657261UL;
        var v3 = k1 ^ 0x7465646279746573UL;

        var blocks = message.Length / 8;
        for (var i = 0; i < blocks; i++)
        {
            var m = BinaryPrimitives.ReadUInt64LittleEndian(message[(i * 8)..]);
            v3 ^= m;
            Round(ref v0, ref v1, ref v2, ref v3);
            Round(ref v0, ref v1, ref v2, ref v3);
            v0 ^= m;
        }

        // The last block: the remaining bytes, with the message length's low byte on top.
        var last = (ulong)(message.Length & 0xFF) << 56;
        var tail = message[(blocks * 8)..];
        for (var i = 0; i < tail.Length; i++) last |= (ulong)tail[i] << (8 * i);
        v3 ^= last;
        Round(ref v0, ref v1, ref v2, ref v3);
        Round(ref v0, ref v1, ref v2, ref v3);
        v0 ^= last;

        v2 ^= 0xFF;
        for (var i = 0; i < 4; i++) Round(ref v0, ref v1, ref v2, ref v3);
        return v0 ^ v1 ^ v2 ^ v3;
    }

    private static void Round(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3)
    {
        v0 += v1;
        v1 = ulong.RotateLeft(v1, 13);
        v1 ^= v0;
        v0 = ulong.RotateLeft(v0, 32);
        v2 += v3;
        v3 = ulong.RotateLeft(v3, 16);
        v3 ^= v2;
        v0 += v3;
        v3 = ulong.RotateLeft(v3, 21);
        v3 ^= v0;
        v2 += v1;
        v1 = ulong.RotateLeft(v1, 17);
        v1 ^= v2;
        v2 = ulong.RotateLeft(v2, 32);
    }
}
