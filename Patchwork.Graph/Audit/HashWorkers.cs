using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;

namespace Patchwork.Graph.Audit;

/// <summary>
/// Recomputes the hashes of a batch of records on every core, and counts the people each record names. A batch is
/// cut into chunks that any thread may claim, the reading thread too when it has read the next batch before this one
/// is hashed, so no core waits while there is hashing left. Each thread counts into a tally of its own, person by
/// person or, for a quick check, into one <paramref name="tally"/>'s sibling; the tallies are summed when the trail
/// has been read: they are counts and sums, so the order does not matter.
/// </summary>
internal sealed class HashWorkers(IndexTally? tally)
{
    private const int ChunkSize = 256;
    private readonly ConcurrentBag<Part> idle = [];
    private readonly List<Part> all = [];
    private readonly Lock gate = new();
    private Round? current;

    /// <summary>The first record, by its place in the trail, whose hash does not match its fields.</summary>
    public (long Position, long Sequence)? FirstInvalid { get; private set; }

    /// <summary>Starts hashing a batch on the other cores; <see cref="HelpAndWait"/> must follow before the next.</summary>
    public void Start(AuditBatch batch, long firstPosition, ulong salt)
    {
        var round = new Round(batch, firstPosition, salt, (batch.Count + ChunkSize - 1) / ChunkSize);
        current = round;
        for (var i = 0; i < Environment.ProcessorCount; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static state => state.Workers.Work(state.Round), (Workers: this, Round: round), preferLocal: false);
        }
    }

    /// <summary>Hashes what is left of the batch started last on this thread, then waits for the chunks others hold.</summary>
    public void HelpAndWait()
    {
        if (current is not { } round)
        {
            return;
        }

        Work(round);
        round.Wait();
        current = null;
    }

    /// <summary>Adds every thread's count of people to the index rebuilt person by person, or to the tally of a quick check.</summary>
    public void MergeInto(Dictionary<string, (long Count, ulong Sum)> people, IndexTally? tallied)
    {
        foreach (var part in all)
        {
            if (part.Tally is { } counted)
            {
                tallied!.AddFrom(counted);
            }

            foreach (var (person, (count, sum)) in part.People)
            {
                var (total, sums) = people.GetValueOrDefault(person);
                people[person] = (total + count, unchecked(sums + sum));
            }

            part.People.Clear();
        }
    }

    private void Work(Round round)
    {
        if (Volatile.Read(ref round.Claimed) >= round.Chunks)
        {
            return;
        }

        // A tally no other thread holds while this one counts into it.
        if (!idle.TryTake(out var part))
        {
            part = new Part(tally?.Sibling());
            lock (gate)
            {
                all.Add(part);
            }
        }

        int chunk;
        while ((chunk = Interlocked.Increment(ref round.Claimed) - 1) < round.Chunks)
        {
            var from = chunk * ChunkSize;
            var invalid = part.Hash(round.Batch, from, Math.Min(round.Batch.Count, from + ChunkSize), round.Salt);
            if (invalid >= 0)
            {
                lock (gate)
                {
                    if (FirstInvalid is not { } known || round.FirstPosition + invalid < known.Position)
                    {
                        FirstInvalid = (round.FirstPosition + invalid, round.Batch.Sequence(invalid));
                    }
                }
            }

            if (Interlocked.Decrement(ref round.Remaining) == 0)
            {
                round.Complete();
            }
        }

        idle.Add(part);
    }

    private sealed class Round(AuditBatch batch, long firstPosition, ulong salt, int chunks)
    {
        public int Claimed;
        public int Remaining = chunks;
        private readonly object gate = new();
        private bool done = chunks == 0;

        public AuditBatch Batch { get; } = batch;

        public long FirstPosition { get; } = firstPosition;

        public ulong Salt { get; } = salt;

        public int Chunks { get; } = chunks;

        public void Complete()
        {
            lock (gate)
            {
                done = true;
                Monitor.PulseAll(gate);
            }
        }

        public void Wait()
        {
            lock (gate)
            {
                while (!done)
                {
                    Monitor.Wait(gate);
                }
            }
        }
    }

    private sealed class Part(IndexTally? tally)
    {
        private byte[] scratch = new byte[1024];

        public Dictionary<string, (long Count, ulong Sum)> People { get; } = new(StringComparer.Ordinal);

        /// <summary>A quick check's tally of the people counted; null when they are counted person by person.</summary>
        public IndexTally? Tally { get; } = tally;

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
                        if (Tally is { } tally)
                        {
                            tally.Add(Encoding.UTF8.GetBytes(person), batch.Sequence(record));
                            continue;
                        }

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
                        if (Tally is { } tally)
                        {
                            tally.Add(person, batch.Sequence(record));
                        }
                        else
                        {
                            Count(lookup, person, mix);
                        }
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
