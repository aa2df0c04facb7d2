using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Patchwork.Graph.Audit;

/// <summary>
/// The signed hash of each checkpointed record, sorted by sequence, in 40 bytes a checkpoint rather than a string
/// and a dictionary entry each: a trail of 20 million records has 20 million checkpoints. The verifier walks it
/// alongside the records, which come in the same order.
/// </summary>
internal sealed class CheckpointHashes : IReadOnlyDictionary<long, string>
{
    private readonly long[] sequences;
    private readonly byte[] digests;

    // Hashes that are not 64 lowercase hex digits (an edited file) are kept as written.
    private readonly Dictionary<long, string> odd;

    private CheckpointHashes(long[] sequences, byte[] digests, Dictionary<long, string> odd)
    {
        this.sequences = sequences;
        this.digests = digests;
        this.odd = odd;
    }

    public int Count => sequences.Length;

    public IEnumerable<long> Keys => sequences;

    public IEnumerable<string> Values => sequences.Select(s => this[s]);

    public string this[long key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No checkpoint for record {key}.");

    public static CheckpointHashes From(IReadOnlyDictionary<long, string> hashes)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        if (hashes is CheckpointHashes compact)
        {
            return compact;
        }

        var builder = new Builder();
        foreach (var (sequence, hash) in hashes)
        {
            builder.Add(sequence, Encoding.UTF8.GetBytes(hash));
        }

        return builder.Build();
    }

    /// <summary>
    /// Whether the record's hash matches its checkpoint; null when it has none. <paramref name="cursor"/> moves
    /// forward only, so records must come in ascending sequence order.
    /// </summary>
    public bool? Matches(ref int cursor, long sequence, ReadOnlySpan<byte> hash)
    {
        while (cursor < sequences.Length && sequences[cursor] < sequence)
        {
            cursor++;
        }

        if (cursor == sequences.Length || sequences[cursor] != sequence)
        {
            return null;
        }

        if (odd.TryGetValue(sequence, out var written))
        {
            return hash.SequenceEqual(Encoding.UTF8.GetBytes(written));
        }

        Span<byte> hex = stackalloc byte[AuditCanonical.HashLength];
        AuditCanonical.Hex(digests.AsSpan(cursor * 32, 32), hex);
        return hash.SequenceEqual(hex);
    }

    public bool ContainsKey(long key) => Array.BinarySearch(sequences, key) >= 0;

    public bool TryGetValue(long key, [MaybeNullWhen(false)] out string value)
    {
        var at = Array.BinarySearch(sequences, key);
        if (at < 0)
        {
            value = null;
            return false;
        }

        value = odd.TryGetValue(key, out var written) ? written : Convert.ToHexStringLower(digests, at * 32, 32);
        return true;
    }

    public IEnumerator<KeyValuePair<long, string>> GetEnumerator()
    {
        foreach (var sequence in sequences)
        {
            yield return new KeyValuePair<long, string>(sequence, this[sequence]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Collects checkpoints in file order; a later checkpoint for the same record replaces an earlier one.</summary>
    internal sealed class Builder
    {
        private long[] sequences = new long[1024];
        private byte[] digests = new byte[1024 * 32];
        private readonly Dictionary<long, string> odd = [];
        private int count;
        private bool sorted = true;

        /// <summary>Adds a checkpoint whose hash is 64 lowercase hex digits, after every one added before; false for any other.</summary>
        public bool TryAddDigest(long sequence, ReadOnlySpan<byte> hash)
        {
            Grow();
            if ((count > 0 && sequences[count - 1] >= sequence) || !TryDecode(hash, digests.AsSpan(count * 32, 32)))
            {
                return false;
            }

            sequences[count++] = sequence;
            return true;
        }

        public void Add(long sequence, ReadOnlySpan<byte> hash)
        {
            Grow();
            sorted &= count == 0 || sequences[count - 1] < sequence;
            sequences[count] = sequence;
            if (!TryDecode(hash, digests.AsSpan(count * 32, 32)))
            {
                odd[sequence] = Encoding.UTF8.GetString(hash);
            }
            else
            {
                // A well-formed hash may follow an odd one for the same record.
                odd.Remove(sequence);
            }

            count++;
        }

        private void Grow()
        {
            if (count == sequences.Length)
            {
                Array.Resize(ref sequences, count * 2);
                Array.Resize(ref digests, count * 2 * 32);
            }
        }

        public CheckpointHashes Build()
        {
            if (sorted)
            {
                return new CheckpointHashes(sequences[..count], digests[..(count * 32)], odd);
            }

            // Sorted by sequence, then by place in the file, keeping the last of each record.
            var order = Enumerable.Range(0, count).OrderBy(i => sequences[i]).ThenBy(i => i).ToArray();
            var keptSequences = new List<long>(count);
            var keptDigests = new List<byte>(count * 32);
            for (var i = 0; i < order.Length; i++)
            {
                if (i + 1 < order.Length && sequences[order[i + 1]] == sequences[order[i]])
                {
                    continue;
                }

                keptSequences.Add(sequences[order[i]]);
                keptDigests.AddRange(digests.AsSpan(order[i] * 32, 32));
            }

            return new CheckpointHashes([.. keptSequences], [.. keptDigests], odd);
        }

        /// <summary>64 lowercase hex digits into 32 bytes; false for anything else.</summary>
        private static bool TryDecode(ReadOnlySpan<byte> hash, Span<byte> digest) =>
            hash.Length == AuditCanonical.HashLength
            && !hash.ContainsAnyInRange((byte)'A', (byte)'F')
            && Convert.FromHexString(hash, digest, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == digest.Length;
    }
}
