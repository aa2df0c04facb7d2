using Patchwork.Graph.Changes;
using Patchwork.Graph.Governance;
using Patchwork.Graph.Import;
using Patchwork.Graph.Model;
using Patchwork.Graph.Storage;

namespace Patchwork.Cli.Transfer;

/// <summary>
/// The people an import into a store in use touched, written to the change log once the import has committed, so
/// the screens open on them (on every server reading the log) redraw. A first load into an empty store has no screen
/// open on anyone and collects nothing, so a county's first import does not carry a set of millions of ids.
/// </summary>
internal sealed class ImportAnnouncement
{
    private const int Batch = 1000;
    private readonly HashSet<string>? people;

    private ImportAnnouncement(bool collect) => people = collect ? new HashSet<string>(StringComparer.Ordinal) : null;

    public static async Task<ImportAnnouncement> ForAsync(IGraphStore store, CancellationToken cancellationToken)
    {
        var stats = await store.GetStatsAsync(cancellationToken).ConfigureAwait(false);
        return new ImportAnnouncement(stats.Nodes.TryGetValue(NodeKind.Person.Label(), out var persons) && persons > 0);
    }

    /// <summary>The rows as they are, noting on the way each person a row is about.</summary>
    public IEnumerable<ImportRow> Noting(IEnumerable<ImportRow> rows)
    {
        if (people is null)
        {
            return rows;
        }

        return Note(rows, people);

        static IEnumerable<ImportRow> Note(IEnumerable<ImportRow> rows, HashSet<string> people)
        {
            foreach (var row in rows)
            {
                switch (row.Element)
                {
                    case Person person:
                        people.Add(person.Id);
                        break;
                    case Membership membership:
                        people.Add(membership.PersonId);
                        break;
                    case FamilyTie tie:
                        people.Add(tie.FromPersonId);
                        people.Add(tie.ToPersonId);
                        break;
                    case Involvement involvement:
                        people.Add(involvement.PersonId);
                        break;
                    case Contact contact:
                        people.Add(contact.PersonId);
                        break;
                    case ChildStatus status:
                        people.Add(status.PersonId);
                        break;
                    default:
                        // Households, professionals, agencies and employment change nobody's network by themselves.
                        break;
                }

                yield return row;
            }
        }
    }

    /// <summary>Appends one change-log line per person noted, with the revision their network is at now.</summary>
    public async Task AnnounceAsync(IGraphStore store, IChangeLog log, CancellationToken cancellationToken)
    {
        foreach (var chunk in (people ?? []).Chunk(Batch))
        {
            var changes = new List<NetworkChanged>(chunk.Length);
            foreach (var id in chunk)
            {
                changes.Add(new NetworkChanged(id, await store.GetRevisionAsync(id, cancellationToken).ConfigureAwait(false)));
            }

            await log.AppendChangesAsync(changes, cancellationToken).ConfigureAwait(false);
        }
    }
}
