using System.Globalization;
using Patchwork.Graph.Audit;

namespace Patchwork.Cli.Audit;

/// <summary>
/// A trail of made-up but well-formed records to measure the audit commands on: views, searches, changes and
/// sign-ins by a few thousand professionals about the people of a generated district (ids as
/// <c>patchwork generate</c> makes them), chained and hashed exactly as the store chains them, a tenth of a
/// second apart. The same seed makes the same trail.
/// </summary>
internal sealed class AuditGenerator(int persons, int seed)
{
    private const int Professionals = 5_000;
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly Random random = new(seed);

    /// <summary>The id <c>patchwork generate</c> gives the person numbered <paramref name="number"/> (from 1).</summary>
    public string PersonId(int number) => "P" + number.ToString($"D{Math.Max(4, persons.ToString(CultureInfo.InvariantCulture).Length)}", CultureInfo.InvariantCulture);

    /// <summary>Records after <paramref name="newest"/> (or from the first), in batches of <paramref name="batch"/>.</summary>
    public IEnumerable<IReadOnlyList<AuditRecord>> Records(long count, (long Sequence, string Hash)? newest, int batch)
    {
        var (sequence, previous) = newest ?? (0, AuditRecord.FirstPreviousHash);
        var list = new List<AuditRecord>(batch);
        for (long i = 0; i < count; i++)
        {
            sequence++;
            var at = Start.AddMilliseconds(sequence * 100);
            var entry = Entry();
            var hash = AuditRecord.ComputeHash(sequence, at, entry, previous);
            list.Add(new AuditRecord(sequence, at, entry, previous, hash));
            previous = hash;
            if (list.Count == batch)
            {
                yield return list;
                list = new List<AuditRecord>(batch);
            }
        }

        if (list.Count > 0)
        {
            yield return list;
        }
    }

    private AuditEntry Entry()
    {
        var professional = random.Next(1, Professionals + 1);
        var actor = $"PR{professional:D4}";
        var name = $"Professional {professional}";
        var person = PersonId(random.Next(1, persons + 1));
        return random.Next(100) switch
        {
            < 60 => new AuditEntry(actor, name, AuditActions.ViewNetwork, person, [person]),
            < 80 => new AuditEntry(actor, name, AuditActions.Search, "smith j", [person, PersonId(random.Next(1, persons + 1))]),
            < 92 => new AuditEntry(actor, name, AuditActions.Change, person, [person], Details: "add contact"),
            < 97 => new AuditEntry(actor, name, AuditActions.SignIn, null, []),
            _ => new AuditEntry(actor, name, AuditActions.BreakGlass, person, [person], Reason: "Safeguarding concern raised out of hours"),
        };
    }
}
