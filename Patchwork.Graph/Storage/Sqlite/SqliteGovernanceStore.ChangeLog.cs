using Patchwork.Graph.Changes;
using Patchwork.Graph.Governance;
using static Patchwork.Graph.Storage.Sqlite.SqliteRows;

namespace Patchwork.Graph.Storage.Sqlite;

/// <summary>The change log and the data-protection keys, beside the audit trail in the same file.</summary>
internal sealed partial class SqliteGovernanceStore : IGovernanceStore
{
    public Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        _ = Pool;
        return Task.CompletedTask;
    }

    public async Task AppendChangesAsync(IReadOnlyList<NetworkChanged> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        using var lease = await Pool.RentWriterAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = lease.Session.Begin();
        foreach (var change in changes)
        {
            LogChange(lease.Session, change, clock.GetUtcNow());
        }

        transaction.Commit();
    }

    /// <summary>Writes one change-log line inside the session's open write transaction: alone here, or with a change and its audit record by the graph store.</summary>
    internal static void LogChange(SqliteSession session, NetworkChanged change, DateTimeOffset now) =>
        session.Command("INSERT INTO change_log(person_id, revision, changed_by, changed_at, logged_at) VALUES ($person, $revision, $by, $at, $logged)")
            .With("$person", change.PersonId).With("$revision", change.Revision.Number).With("$by", Text(change.Revision.ChangedBy))
            .With("$at", change.Revision.ChangedAt is { } at ? Millis(at) : DBNull.Value).With("$logged", Millis(now))
            .ExecuteNonQuery();

    public Task<IReadOnlyList<ChangeLogEntry>> ChangesAfterAsync(long sequence, int take = 500, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ChangeLogEntry> entries = Read(
            "SELECT seq, person_id, revision, changed_by, changed_at, logged_at FROM change_log WHERE seq > $after ORDER BY seq LIMIT $take",
            c => c.With("$after", sequence).With("$take", take),
            r => new ChangeLogEntry(r.GetInt64(0), r.GetString(1), new NetworkRevision(r.GetInt64(2), r.OptionalTextAt(3), r.IsDBNull(4) ? null : r.InstantAt(4)), r.InstantAt(5)));
        return Task.FromResult(entries);
    }

    public Task<long> LastChangeAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(Read("SELECT coalesce(max(seq), 0) FROM change_log", _ => { }, r => r.GetInt64(0))[0]);

    public IReadOnlyList<string> AllKeyElements() => Read("SELECT xml FROM data_protection_key ORDER BY id", _ => { }, r => r.GetString(0));

    public void StoreKeyElement(string friendlyName, string xml)
    {
        using var lease = Pool.RentWriterAsync(CancellationToken.None).GetAwaiter().GetResult();
        lease.Session.Command("INSERT INTO data_protection_key(friendly_name, xml) VALUES ($name, $xml)").With("$name", friendlyName).With("$xml", xml).ExecuteNonQuery();
    }
}
