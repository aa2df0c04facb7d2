using System.Globalization;

namespace Patchwork.Graph.Audit;

/// <summary>
/// Checks a trail fed to it record by record, in sequence order, in one pass: the hash chain, each record against
/// its signed checkpoint, the tail against the last checkpoint, and the stored per-person index against the index
/// rebuilt from the people each record names. A thorough check compares the index person by person and can say who
/// it is wrong for; a quick one compares it as a whole (<see cref="IndexTally"/>) and only says whether it is. The
/// index rows may come on another thread than the records, as long as both have come before
/// <see cref="MismatchedPeople"/> or <see cref="Finish"/>.
/// </summary>
public sealed class AuditVerifier
{
    private const int MaxIndexProblems = 20;
    private const int BatchSize = 8192;
    private readonly List<string> problems = [];
    private readonly SortedDictionary<string, (long Lacks, long Extra)> index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Count, ulong Sum)> rebuilt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Count, ulong Sum)> stored = new(StringComparer.Ordinal);

    // A salt drawn for each check, so nobody can choose index rows whose sum matches the records'.
    private readonly ulong salt = BitConverter.ToUInt64(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
    private readonly byte[] expectedPrevious = System.Text.Encoding.ASCII.GetBytes(AuditRecord.FirstPreviousHash);
    private readonly byte[] storedRun = new byte[256];
    private readonly Task<AuditCheckpointFile> pendingCheckpoints;
    private readonly string checkpointPath;
    private readonly HashWorkers workers;

    // The quick check's tallies of the index rebuilt from the records and of the index as stored; null when thorough.
    private readonly IndexTally? rebuiltTally;
    private readonly IndexTally? storedTally;
    private AuditBatch filling = new(BatchSize);
    private AuditBatch spare = new(BatchSize);
    private int expectedPreviousLength = AuditCanonical.HashLength;
    private int signedCursor;
    private long expectedSequence = 1;
    private long? firstBroken;
    private long lastSequence;
    private long checkedCount;
    private (long Position, long Sequence, string Message)? chainProblem;
    private long rewritten;
    private long firstRewritten;
    private int storedRunLength = -1;
    private (long Count, ulong Sum) storedRunTotal;
    private bool drained;
    private AuditCheckpointFile? checkpoints;
    private CheckpointHashes signed = CheckpointHashes.From(new Dictionary<long, string>());

    public AuditVerifier(AuditCheckpointFile checkpoints, string checkpointPath)
        : this(Task.FromResult(checkpoints), checkpointPath, thorough: true)
    {
    }

    internal AuditVerifier(Task<AuditCheckpointFile> pendingCheckpoints, string checkpointPath, bool thorough)
    {
        this.pendingCheckpoints = pendingCheckpoints;
        this.checkpointPath = checkpointPath;
        if (!thorough)
        {
            rebuiltTally = new IndexTally();
            storedTally = rebuiltTally.Sibling();
        }

        workers = new HashWorkers(rebuiltTally);
    }

    /// <summary>The checkpoint file, once read: the index can be read while it still is.</summary>
    private AuditCheckpointFile Checkpoints
    {
        get
        {
            if (checkpoints is null)
            {
                var file = pendingCheckpoints.GetAwaiter().GetResult();
                problems.InsertRange(0, file.Problems);
                signed = CheckpointHashes.From(file.HashBySequence);
                checkpoints = file;
            }

            return checkpoints;
        }
    }

    /// <summary>
    /// Verifies a trail that <paramref name="read"/> feeds to a verifier and its index rows, then its mismatched
    /// people. The checkpoint file is locked before the store's snapshot begins, so every line read names a record
    /// the snapshot holds. The first check is quick: only the newest checkpoint's signature (see
    /// <see cref="CheckpointSignatures.Newest"/>), and the index as a whole. When anything is amiss, the trail is
    /// checked again thoroughly, every signature and the index person by person, so that the problems name each
    /// forged line and each person the index is wrong for.
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(AuditCheckpointLog checkpoints, Func<AuditVerifier, Task> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        ArgumentNullException.ThrowIfNull(read);
        var verification = await CheckAsync(thorough: false).ConfigureAwait(false);
        return verification.IsIntact ? verification : await CheckAsync(thorough: true).ConfigureAwait(false);

        async Task<AuditVerification> CheckAsync(bool thorough)
        {
            var file = checkpoints.ReadInBackground(thorough ? CheckpointSignatures.Every : CheckpointSignatures.Newest, cancellationToken);
            var verifier = new AuditVerifier(file, checkpoints.Path, thorough);
            await read(verifier).ConfigureAwait(false);
            return verifier.Finish();
        }
    }

    /// <summary>Checks one record; records come in sequence order.</summary>
    public void Record(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Begin(record.Sequence, record.At.ToUnixTimeMilliseconds());
        var entry = record.Entry;
        filling.Text(entry.Actor);
        filling.Text(entry.ActorName);
        filling.Text(entry.Action);
        filling.Text(entry.Target);
        filling.Text(string.Join('\u001f', entry.PersonIds));
        filling.Text(entry.Reason);
        filling.Text(entry.Details);
        filling.Text(record.PreviousHash);
        filling.Text(record.Hash);
        End();
    }

    /// <summary>
    /// Starts a record read straight from a store: its fields follow through <see cref="Text(ReadOnlySpan{byte}, bool)"/>
    /// or <see cref="Text(string)"/> in the order of <see cref="AuditBatch.Fields"/>, then <see cref="End"/>.
    /// </summary>
    internal void Begin(long sequence, long atMillis)
    {
        if (checkpoints is null)
        {
            _ = Checkpoints;
        }

        filling.Begin(sequence, atMillis);
    }

    internal void Text(ReadOnlySpan<byte> utf8, bool isNull = false) => filling.Text(utf8, isNull);

    internal void Text(string? text) => filling.Text(text);

    /// <summary>
    /// Ends the record: the sequence, the link to the record before and the signed checkpoint are checked here, in
    /// order; the record's own hash and the people it names are left to the hashing of its batch.
    /// </summary>
    internal void End()
    {
        filling.End();
        var position = filling.Count - 1;
        var sequence = filling.Sequence(position);
        var position0 = checkedCount++;
        lastSequence = sequence;
        if (chainProblem is null)
        {
            var problem = sequence != expectedSequence
                ? expectedSequence == sequence - 1 ? $"record {expectedSequence:N0} is missing" : $"records {expectedSequence:N0} to {sequence - 1:N0} are missing"
                : !filling.PreviousHash(position).SequenceEqual(expectedPrevious.AsSpan(0, expectedPreviousLength)) ? $"record {sequence:N0} does not follow the record before it"
                : null;
            if (problem is not null)
            {
                chainProblem = (position0, Math.Min(sequence, expectedSequence), problem);
            }
        }

        var hash = filling.StoredHash(position);
        if (signed.Matches(ref signedCursor, sequence, hash) == false)
        {
            if (rewritten++ == 0)
            {
                firstRewritten = sequence;
            }

            Broken(sequence);
        }

        if (hash.Length > expectedPrevious.Length)
        {
            throw new InvalidOperationException("An audit hash is longer than any the trail writes.");
        }

        hash.CopyTo(expectedPrevious);
        expectedPreviousLength = hash.Length;
        expectedSequence = sequence + 1;
        if (filling.IsFull)
        {
            Dispatch(position0 - position);
        }
    }

    /// <summary>Hashes the full batch on the other cores while the next one fills.</summary>
    private void Dispatch(long firstPosition)
    {
        workers.HelpAndWait();
        var batch = filling;
        filling = spare;
        spare = batch;
        filling.Clear();
        workers.Start(batch, firstPosition, salt);
    }

    /// <summary>Waits for every record to be hashed and adds their people to the rebuilt index.</summary>
    private void Drain()
    {
        if (drained)
        {
            return;
        }

        drained = true;
        if (filling.Count > 0)
        {
            Dispatch(checkedCount - filling.Count);
        }

        workers.HelpAndWait();
        workers.MergeInto(rebuilt, rebuiltTally);
        FlushStoredRun();
        var invalid = workers.FirstInvalid;
        if (invalid is { } changed && (chainProblem is not { } chain || changed.Position < chain.Position))
        {
            chainProblem = (changed.Position, changed.Sequence, $"record {changed.Sequence:N0} was changed after it was written");
        }

        if (chainProblem is { } first)
        {
            // Everything after the first break fails the chain too; the first one is the one to look at.
            Broken(first.Sequence);
            problems.Insert(Checkpoints.Problems.Count, first.Message);
        }
    }

    /// <summary>One row of the stored per-person index, in any order.</summary>
    public void Indexed(string personId, long sequence)
    {
        ArgumentNullException.ThrowIfNull(personId);
        if (storedTally is not null)
        {
            storedTally.Add(System.Text.Encoding.UTF8.GetBytes(personId), sequence);
            return;
        }

        FlushStoredRun();
        Add(stored, personId, sequence);
    }

    /// <summary>
    /// One row of the stored index read straight from a store; rows of one person in a run are summed before the
    /// person is looked up, so reading the index in its key order costs one lookup per person.
    /// </summary>
    internal void Indexed(ReadOnlySpan<byte> personId, long sequence)
    {
        if (storedTally is not null)
        {
            storedTally.Add(personId, sequence);
            return;
        }

        if (storedRunLength != personId.Length || !personId.SequenceEqual(storedRun.AsSpan(0, storedRunLength)))
        {
            FlushStoredRun();
            if (personId.Length > storedRun.Length)
            {
                Add(stored, System.Text.Encoding.UTF8.GetString(personId), sequence);
                return;
            }

            personId.CopyTo(storedRun);
            storedRunLength = personId.Length;
        }

        storedRunTotal = (storedRunTotal.Count + 1, unchecked(storedRunTotal.Sum + Mix((ulong)sequence ^ salt)));
    }

    private void FlushStoredRun()
    {
        if (storedRunLength >= 0 && storedRunTotal.Count > 0)
        {
            Span<char> person = stackalloc char[storedRunLength];
            var chars = System.Text.Encoding.UTF8.GetChars(storedRun.AsSpan(0, storedRunLength), person);
            ref var entry = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(stored.GetAlternateLookup<ReadOnlySpan<char>>(), person[..chars], out _);
            entry = (entry.Count + storedRunTotal.Count, unchecked(entry.Sum + storedRunTotal.Sum));
        }

        storedRunLength = -1;
        storedRunTotal = default;
    }

    /// <summary>
    /// The people whose stored index rows differ from the index rebuilt from the records. Compared by count and a
    /// salted sum, so the stored index can be read in its own order; <see cref="IndexDifference"/> then gives the
    /// exact numbers for these people only.
    /// </summary>
    public IReadOnlyList<string> MismatchedPeople()
    {
        Drain();
        if (rebuiltTally is not null)
        {
            // A quick check knows only whether the index is right; Finish says so, and a thorough check says for whom.
            return [];
        }

        // One lookup a person: a trail names hundreds of thousands of them.
        var mismatched = new List<string>();
        foreach (var (person, tally) in rebuilt)
        {
            if (!stored.TryGetValue(person, out var kept) || kept != tally)
            {
                mismatched.Add(person);
            }
        }

        mismatched.AddRange(stored.Keys.Where(person => !rebuilt.ContainsKey(person)));
        mismatched.Sort(StringComparer.Ordinal);
        return mismatched;
    }

    /// <summary>For a mismatched person: how many of their records the stored index lacks and how many it lists that are not about them.</summary>
    public void IndexDifference(string personId, long lacks, long extra) => index[personId] = (lacks, extra);

    public AuditVerification Finish()
    {
        Drain();
        var file = Checkpoints;
        if (rebuiltTally is not null && storedTally is not null && !rebuiltTally.SameAs(storedTally))
        {
            problems.Add("the index of who looked at whom does not match the records");
        }

        if (rewritten > 0)
        {
            problems.Add(rewritten == 1
                ? $"record {firstRewritten:N0} does not match its signed checkpoint: it was rewritten after it was written"
                : $"{rewritten:N0} records, the first {firstRewritten:N0}, do not match their signed checkpoints: they were rewritten after they were written");
        }

        if (!file.Exists && checkedCount > 0)
        {
            problems.Add($"the checkpoint file {checkpointPath} is missing while the trail has {checkedCount:N0} records: it was deleted or moved");
        }
        else if (file.LastSequence > lastSequence)
        {
            var missing = file.LastSequence - lastSequence;
            Broken(lastSequence + 1);
            problems.Add(checkedCount == 0
                ? $"every record is missing: the trail is empty, the last checkpoint is {file.LastSequence:N0}"
                : missing == 1
                    ? $"the newest record is missing: the trail ends at {lastSequence:N0}, the last checkpoint is {file.LastSequence:N0}"
                    : $"the newest {missing:N0} records are missing: the trail ends at {lastSequence:N0}, the last checkpoint is {file.LastSequence:N0}");
        }

        var shown = 0;
        foreach (var (person, (lacks, extra)) in index)
        {
            if (lacks == 0 && extra == 0)
            {
                continue;
            }

            if (shown++ == MaxIndexProblems)
            {
                problems.Add($"the index is wrong for {index.Count - MaxIndexProblems:N0} more people");
                break;
            }

            var parts = new List<string>();
            if (lacks > 0)
            {
                parts.Add($"lacks {Records(lacks)}");
            }

            if (extra > 0)
            {
                parts.Add($"has {Records(extra)} that {(extra == 1 ? "is" : "are")} not about them");
            }

            problems.Add($"the index of who looked at {person} {string.Join(" and ", parts)}");
        }

        return new AuditVerification(checkedCount, firstBroken, problems);
    }

    private static string Records(long count) => count == 1 ? "1 record" : $"{count.ToString("N0", CultureInfo.InvariantCulture)} records";

    private void Broken(long sequence) => firstBroken = firstBroken is { } first ? Math.Min(first, sequence) : sequence;

    private void Add(Dictionary<string, (long Count, ulong Sum)> people, string person, long sequence)
    {
        var (count, sum) = people.GetValueOrDefault(person);
        people[person] = (count + 1, unchecked(sum + Mix((ulong)sequence ^ salt)));
    }

    // splitmix64's finaliser: a bijection that spreads neighbouring sequence numbers far apart.
    internal static ulong Mix(ulong z)
    {
        unchecked
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
