using System.Globalization;

namespace Patchwork.Graph.Audit;

/// <summary>
/// Checks a trail fed to it record by record, in sequence order, in one pass: the hash chain, each record against
/// its signed checkpoint, the tail against the last checkpoint, and the stored per-person index against the index
/// rebuilt from the people each record names.
/// </summary>
public sealed class AuditVerifier(AuditCheckpointFile checkpoints, string checkpointPath)
{
    private const int MaxIndexProblems = 20;
    private readonly List<string> problems = [.. checkpoints.Problems];
    private readonly SortedDictionary<string, (long Lacks, long Extra)> index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Count, ulong Sum)> rebuilt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Count, ulong Sum)> stored = new(StringComparer.Ordinal);

    // A salt drawn for each check, so nobody can choose index rows whose sum matches the records'.
    private readonly ulong salt = BitConverter.ToUInt64(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
    private string expectedPrevious = AuditRecord.FirstPreviousHash;
    private long expectedSequence = 1;
    private long? firstBroken;
    private long lastSequence;
    private long checkedCount;
    private bool chainBroken;
    private long rewritten;
    private long firstRewritten;

    /// <summary>Checks one record; records come in sequence order.</summary>
    public void Record(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        checkedCount++;
        lastSequence = record.Sequence;
        if (!chainBroken)
        {
            var problem = record.Sequence != expectedSequence
                ? expectedSequence == record.Sequence - 1 ? $"record {expectedSequence:N0} is missing" : $"records {expectedSequence:N0} to {record.Sequence - 1:N0} are missing"
                : record.PreviousHash != expectedPrevious ? $"record {record.Sequence:N0} does not follow the record before it"
                : !record.HashIsValid ? $"record {record.Sequence:N0} was changed after it was written"
                : null;
            if (problem is not null)
            {
                // Everything after the first break fails the chain too; the first one is the one to look at.
                chainBroken = true;
                Broken(Math.Min(record.Sequence, expectedSequence));
                problems.Add(problem);
            }
        }

        if (checkpoints.HashBySequence.TryGetValue(record.Sequence, out var signed) && !string.Equals(signed, record.Hash, StringComparison.Ordinal))
        {
            if (rewritten++ == 0)
            {
                firstRewritten = record.Sequence;
            }

            Broken(record.Sequence);
        }

        expectedPrevious = record.Hash;
        expectedSequence = record.Sequence + 1;

        foreach (var person in record.Entry.PersonIds.Distinct(StringComparer.Ordinal))
        {
            Add(rebuilt, person, record.Sequence);
        }
    }

    /// <summary>One row of the stored per-person index, in any order.</summary>
    public void Indexed(string personId, long sequence) => Add(stored, personId, sequence);

    /// <summary>
    /// The people whose stored index rows differ from the index rebuilt from the records. Compared by count and a
    /// salted sum, so the stored index can be read in its own order; <see cref="IndexDifference"/> then gives the
    /// exact numbers for these people only.
    /// </summary>
    public IReadOnlyList<string> MismatchedPeople() =>
        [.. rebuilt.Keys.Union(stored.Keys, StringComparer.Ordinal)
            .Where(p => rebuilt.GetValueOrDefault(p) != stored.GetValueOrDefault(p))
            .Order(StringComparer.Ordinal)];

    /// <summary>For a mismatched person: how many of their records the stored index lacks and how many it lists that are not about them.</summary>
    public void IndexDifference(string personId, long lacks, long extra) => index[personId] = (lacks, extra);

    public AuditVerification Finish()
    {
        if (rewritten > 0)
        {
            problems.Add(rewritten == 1
                ? $"record {firstRewritten:N0} does not match its signed checkpoint: it was rewritten after it was written"
                : $"{rewritten:N0} records, the first {firstRewritten:N0}, do not match their signed checkpoints: they were rewritten after they were written");
        }

        if (!checkpoints.Exists && checkedCount > 0)
        {
            problems.Add($"the checkpoint file {checkpointPath} is missing while the trail has {checkedCount:N0} records: it was deleted or moved");
        }
        else if (checkpoints.LastSequence > lastSequence)
        {
            var missing = checkpoints.LastSequence - lastSequence;
            Broken(lastSequence + 1);
            problems.Add(checkedCount == 0
                ? $"every record is missing: the trail is empty, the last checkpoint is {checkpoints.LastSequence:N0}"
                : missing == 1
                    ? $"the newest record is missing: the trail ends at {lastSequence:N0}, the last checkpoint is {checkpoints.LastSequence:N0}"
                    : $"the newest {missing:N0} records are missing: the trail ends at {lastSequence:N0}, the last checkpoint is {checkpoints.LastSequence:N0}");
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
    private static ulong Mix(ulong z)
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
