using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace Patchwork.Graph.Audit;

/// <summary>
/// The index of who looked at whom, as one count and one sum: each (person, record) pair adds SipHash-2-4 of the
/// person's UTF-8 bytes and the record's number, under a key drawn for each check. Two tallies under the same key
/// agree when the pairs behind them are the same, and otherwise, whatever pairs someone chose without the key, only
/// by a 1 in 2^63 chance. Adding is a hash and two additions, in any order, with no table of people: a check of
/// tens of millions of pairs that finds them the same needs no more.
/// </summary>
internal sealed class IndexTally
{
    private readonly ulong key0;
    private readonly ulong key1;

    public IndexTally()
    {
        Span<byte> key = stackalloc byte[16];
        RandomNumberGenerator.Fill(key);
        key0 = BinaryPrimitives.ReadUInt64LittleEndian(key);
        key1 = BinaryPrimitives.ReadUInt64LittleEndian(key[8..]);
    }

    private IndexTally(ulong key0, ulong key1)
    {
        this.key0 = key0;
        this.key1 = key1;
    }

    public long Count { get; private set; }

    public ulong Sum { get; private set; }

    /// <summary>An empty tally under the same key, for another thread to add to.</summary>
    public IndexTally Sibling() => new(key0, key1);

    public void Add(ReadOnlySpan<byte> person, long sequence)
    {
        Count++;
        Sum = unchecked(Sum + Hash(person, sequence));
    }

    public void AddFrom(IndexTally other)
    {
        Count += other.Count;
        Sum = unchecked(Sum + other.Sum);
        other.Count = 0;
        other.Sum = 0;
    }

    public bool SameAs(IndexTally other) => Count == other.Count && Sum == other.Sum;

    /// <summary>SipHash-2-4 of the person's bytes followed by the record's number (8 bytes, little-endian).</summary>
    private ulong Hash(ReadOnlySpan<byte> person, long sequence)
    {
        var length = person.Length + sizeof(long);
        Span<byte> message = length <= 512 ? stackalloc byte[length] : new byte[length];
        person.CopyTo(message);
        BinaryPrimitives.WriteInt64LittleEndian(message[person.Length..], sequence);
        return SipHash24(key0, key1, message);
    }

    internal static ulong SipHash24(ulong key0, ulong key1, ReadOnlySpan<byte> message)
    {
        ulong v0 = key0 ^ 0x736f6d6570736575UL, v1 = key1 ^ 0x646f72616e646f6dUL;
        ulong v2 = key0 ^ 0x6c7967656e657261UL, v3 = key1 ^ 0x7465646279746573UL;
        var whole = message.Length & ~7;
        for (var i = 0; i < whole; i += 8)
        {
            Compress(ref v0, ref v1, ref v2, ref v3, BinaryPrimitives.ReadUInt64LittleEndian(message[i..]));
        }

        var last = (ulong)message.Length << 56;
        for (var i = whole; i < message.Length; i++)
        {
            last |= (ulong)message[i] << (8 * (i - whole));
        }

        Compress(ref v0, ref v1, ref v2, ref v3, last);
        v2 ^= 0xff;
        for (var round = 0; round < 4; round++)
        {
            Round(ref v0, ref v1, ref v2, ref v3);
        }

        return v0 ^ v1 ^ v2 ^ v3;
    }

    private static void Compress(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3, ulong word)
    {
        v3 ^= word;
        Round(ref v0, ref v1, ref v2, ref v3);
        Round(ref v0, ref v1, ref v2, ref v3);
        v0 ^= word;
    }

    private static void Round(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3)
    {
        unchecked
        {
            v0 += v1;
            v1 = BitOperations.RotateLeft(v1, 13);
            v1 ^= v0;
            v0 = BitOperations.RotateLeft(v0, 32);
            v2 += v3;
            v3 = BitOperations.RotateLeft(v3, 16);
            v3 ^= v2;
            v0 += v3;
            v3 = BitOperations.RotateLeft(v3, 21);
            v3 ^= v0;
            v2 += v1;
            v1 = BitOperations.RotateLeft(v1, 17);
            v1 ^= v2;
            v2 = BitOperations.RotateLeft(v2, 32);
        }
    }
}
