using System.Numerics;

namespace Gatekeeper.Disclosure.Microdata;

/// <summary>
/// Open-addressing hash map from packed 64-bit keys to dense ids 0, 1, 2… in first-seen order
/// (Fibonacci hashing, linear probing, grows at half load). Far cheaper per row than a
/// <see cref="Dictionary{TKey, TValue}"/> when grouping millions of records.
/// </summary>
internal sealed class DenseKeyIndex
{
    private ulong[] _keys;
    private int[] _ids;
    private int _shift;

    public DenseKeyIndex(int expected = 1024)
    {
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, expected * 2));
        _keys = new ulong[capacity];
        _ids = new int[capacity];
        Array.Fill(_ids, -1);
        _shift = 64 - BitOperations.Log2((uint)capacity);
    }

    public int Count { get; private set; }

    /// <summary>The id of <paramref name="key"/>, assigning the next id when it is new.</summary>
    public int GetOrAdd(ulong key)
    {
        var mask = _keys.Length - 1;
        var slot = (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);
        while (true)
        {
            var id = _ids[slot];
            if (id < 0)
            {
                if ((Count + 1) * 2 > _keys.Length)
                {
                    Grow();
                    return GetOrAdd(key);
                }

                _keys[slot] = key;
                _ids[slot] = Count;
                return Count++;
            }

            if (_keys[slot] == key) return id;
            slot = (slot + 1) & mask;
        }
    }

    private void Grow()
    {
        var oldKeys = _keys;
        var oldIds = _ids;
        _keys = new ulong[oldKeys.Length * 2];
        _ids = new int[oldKeys.Length * 2];
        Array.Fill(_ids, -1);
        _shift--;
        var mask = _keys.Length - 1;
        for (var i = 0; i < oldKeys.Length; i++)
        {
            if (oldIds[i] < 0) continue;
            var slot = (int)((oldKeys[i] * 0x9E3779B97F4A7C15UL) >> _shift);
            while (_ids[slot] >= 0) slot = (slot + 1) & mask;
            _keys[slot] = oldKeys[i];
            _ids[slot] = oldIds[i];
        }
    }
}
