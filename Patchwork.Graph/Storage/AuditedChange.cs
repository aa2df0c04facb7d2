using Patchwork.Graph.Audit;
using Patchwork.Graph.Changes;
using Patchwork.Graph.Governance;
using Patchwork.Graph.Model;

namespace Patchwork.Graph.Storage;

/// <summary>
/// A change whose audit record goes to another store than the graph (Neo4j, or a graph in SQLite with governance in
/// PostgreSQL): one transaction cannot hold both, so the record is written first, and a change that then fails gets
/// a second record saying so. Either way no change is ever without its record. The change-log lines (the revision
/// the change will bring the network to, and the other people it touches) are written in the record's transaction,
/// so a server that dies after it still leaves every other server told; a listener waits for the graph to reach the
/// revision a line names before it redraws (<see cref="SharedNetworkChangeFeed"/>).
/// </summary>
internal static class AuditedChange
{
    public static async Task<NetworkRevision> ApplyAsync(
        IAuditTrail? trail,
        ChangeSet change,
        Func<ChangeSet, CancellationToken, Task<NetworkRevision>> apply,
        Func<string, CancellationToken, Task<NetworkRevision>> revisionOf,
        CancellationToken cancellationToken)
    {
        if (change.Audit is not { } entry)
        {
            return await apply(change, cancellationToken).ConfigureAwait(false);
        }

        var audit = trail ?? throw new InvalidOperationException("This change carries an audit record, but the graph store was given no audit trail.");
        var record = audit is IChangeLog log
            ? await log.AppendWithChangesAsync(entry, await LinesAsync(change, entry, revisionOf, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false)
            : await audit.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
        try
        {
            return await apply(change with { Audit = null }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Recorded even when the caller gave up: the first record must not stand for a change that never happened.
            await audit.AppendAsync(entry with { Action = AuditActions.ChangeFailed, Details = $"the change recorded as {record.Sequence} was not applied: {exception.Message}" }, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The line for the changed network, at the revision the write will give it (the store refuses any other), and
    /// one for each other person the record names, at the revision they have now.
    /// </summary>
    private static async Task<IReadOnlyList<NetworkChanged>> LinesAsync(ChangeSet change, AuditEntry entry, Func<string, CancellationToken, Task<NetworkRevision>> revisionOf, CancellationToken cancellationToken)
    {
        var before = change.ExpectedRevision ?? (await CurrentAsync(change.PersonId, revisionOf, cancellationToken).ConfigureAwait(false))?.Number ?? NetworkRevision.Initial.Number;
        var lines = new List<NetworkChanged> { new(change.PersonId, new NetworkRevision(before + 1, change.RecordedByName, change.Recorded.At)) };
        foreach (var other in entry.PersonIds.Distinct(StringComparer.Ordinal).Where(id => id != change.PersonId))
        {
            if (await CurrentAsync(other, revisionOf, cancellationToken).ConfigureAwait(false) is { } current)
            {
                lines.Add(new NetworkChanged(other, current));
            }
        }

        return lines;
    }

    private static async Task<NetworkRevision?> CurrentAsync(string personId, Func<string, CancellationToken, Task<NetworkRevision>> revisionOf, CancellationToken cancellationToken)
    {
        try
        {
            return await revisionOf(personId, cancellationToken).ConfigureAwait(false);
        }
        catch (NodeNotFoundException)
        {
            // A person the change itself adds: their network starts at revision 0.
            return null;
        }
    }
}
