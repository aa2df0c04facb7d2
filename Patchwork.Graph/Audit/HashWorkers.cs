using System.Runtime.InteropServices;
using System.Text;

namespace Patchwork.Graph.Audit;

/// <summary>
/// Recomputes the hashes of a batch of records on every core, and counts the people each record names. Each core
/// keeps its own tally of people, summed into one when the trail has been read: the tallies are counts and sums, so
/// the order records are counted in does not matter.
/// </summary>
internal sealed class HashWorkers
{
    private readonly Part[] parts = [.. Enumerable.Range(0, Math.Max(1, Environment.ProcessorCount)).Select(_ => new Part())];
    private readonly Lock gate = new();

    /// <summary>The first record, by its place in the trail, whose hash does not match its fields.</summary>
    public (long Position, long Sequence)? FirstInvalid { get; private set; }

    public void Hash(AuditBatch batch, long firstPosition, ulong salt)
    {
        var share = (batch.Count + parts.Length - 1) / parts.Length;
        Parallel.For(0, parts.Length, p =>
        {
            var from = p * share;
            var to = Math.Min(batch.Count, from + share);
            var invalid = parts[p].Hash(batch, from, to, salt);
            if (invalid >= 0)
            {
                lock (gate)
                {
                    if (FirstInvalid is not { } known || firstPosition + invalid < known.Position)
                    {
                        FirstInvalid = (firstPosition + invalid, batch.Sequence(invalid));
                    }
                }
            }
        });
    }

    public void MergeInto(Dictionary<string, (long Count, ulong Sum)> people)
    {
        foreach (var part in parts)
        {
            foreach (var (person, (count, sum)) in part.People)
            {
                var (total, sums) = people.GetValueOrDefault(person);
                people[person] = (total + count, unchecked(sums + sum));
            }

            part.People.Clear();
        }
    }

    private sealed class Part
    {
        private byte[] scratch = new byte[1024];

        public Dictionary<string, (long Count, ulong Sum)> People { get; } = new(StringComparer.Ordinal);

        /// <summary>Records <paramref name="from"/> to <paramref name="to"/>; the first whose hash is wrong, or -1.</summary>
        public int Hash(AuditBatch batch, int from, int to, ulong salt)
        {
            var first = -1;
            Span<byte> hex = stackalloc byte[AuditCanonical.HashLength];
            var lookup = People.GetAlternateLookup<ReadOnlySpan<char>>();
            Span<int> seen = stackalloc int[32];
            for (var record = from; record < to; record++)
            {
                var length = batch.CanonicalLength(record);
                if (length > scratch.Length)
                {
                    scratch = new byte[Math.Max(length, scratch.Length * 2)];
                }

                batch.ComputeHash(record, scratch, hex);
                if (first < 0 && !batch.StoredHash(record).SequenceEqual(hex))
                {
                    first = record;
                }

                var mix = AuditVerifier.Mix((ulong)batch.Sequence(record) ^ salt);
                var persons = batch.PersonIds(record);
                if (persons.IsEmpty)
                {
                    continue;
                }

                // The people a record names, each once, as the index holds them; a long list is made distinct by a set.
                if (persons.Count((byte)0x1F) >= seen.Length)
                {
                    foreach (var person in Encoding.UTF8.GetString(persons).Split('\u001f').Distinct(StringComparer.Ordinal))
                    {
                        var (had, sum) = People.GetValueOrDefault(person);
                        People[person] = (had + 1, unchecked(sum + mix));
                    }

                    continue;
                }

                var start = 0;
                var count = 0;
                while (true)
                {
                    var end = persons[start..].IndexOf((byte)0x1F);
                    var person = end < 0 ? persons[start..] : persons.Slice(start, end);
                    if (!SeenBefore(persons, seen[..count], start, person.Length))
                    {
                        Count(lookup, person, mix);
                    }

                    seen[count++] = start;

                    if (end < 0)
                    {
                        break;
                    }

                    start += end + 1;
                }
            }

            return first;
        }

        private static bool SeenBefore(ReadOnlySpan<byte> persons, ReadOnlySpan<int> starts, int start, int length)
        {
            var person = persons.Slice(start, length);
            foreach (var earlier in starts)
            {
                var rest = persons[earlier..];
                var end = rest.IndexOf((byte)0x1F);
                if ((end < 0 ? rest : rest[..end]).SequenceEqual(person))
                {
                    return true;
                }
            }

            return false;
        }

        private void Count(Dictionary<string, (long Count, ulong Sum)>.AlternateLookup<ReadOnlySpan<char>> lookup, ReadOnlySpan<byte> person, ulong mix)
        {
            if (person.Length > 256)
            {
                var text = Encoding.UTF8.GetString(person);
                var (count, sum) = People.GetValueOrDefault(text);
                People[text] = (count + 1, unchecked(sum + mix));
                return;
            }

            Span<char> chars = stackalloc char[person.Length];
            var written = Encoding.UTF8.GetChars(person, chars);
            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(lookup, chars[..written], out _);
            entry = (entry.Count + 1, unchecked(entry.Sum + mix));
        }
    }
}
