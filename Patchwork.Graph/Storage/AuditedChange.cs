using Patchwork.Graph.Audit;
using Patchwork.Graph.Changes;

namespace Patchwork.Graph.Storage;

/// <summary>
/// A change whose audit record goes to another store than the graph (Neo4j, or a graph in SQLite with governance in
/// PostgreSQL): one transaction cannot hold both, so the record is written first, and a change that then fails gets
/// a second record saying so. Either way no change is ever without its record.
/// </summary>
internal static class AuditedChange
{
    public static async Task<NetworkRevision> ApplyAsync(IAuditTrail? trail, ChangeSet change, Func<ChangeSet, CancellationToken, Task<NetworkRevision>> apply, CancellationToken cancellationToken)
    {
        if (change.Audit is not { } entry)
        {
            return await apply(change, cancellationToken).ConfigureAwait(false);
        }

        var audit = trail ?? throw new InvalidOperationException("This change carries an audit record, but the graph store was given no audit trail.");
        var record = await audit.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
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
}
