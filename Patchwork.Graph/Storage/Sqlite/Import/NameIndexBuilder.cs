using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Microsoft.Data.Sqlite;

namespace Patchwork.Graph.Storage.Sqlite.Import;

/// <summary>
/// Builds the full-text name index of a first load on the second core, beside the writer: the index was a sixth of
/// a large import's time, and its rows need nothing the writer makes. It is built in a scratch file of its own (in
/// the temporary folder, deleted as soon as it is open), in a table declared exactly as the store's (its statement is
/// read from the store), and then copied into the store's empty index, inside the import's transaction, table by
/// table: FTS5 keeps an index in ordinary tables (its "shadow tables", named after it), and two tables declared alike
/// hold the same rows for the same documents. The copy is SQLite's own row-for-row transfer, a small part of building
/// the index again.
/// </summary>
internal sealed class NameIndexBuilder : IDisposable
{
    /// <summary>The tables FTS5 keeps the index in; its configuration table is the same in both and stays.</summary>
    private static readonly string[] ShadowTables = ["name_index_data", "name_index_idx", "name_index_content", "name_index_docsize"];

    private readonly BlockingCollection<BoundRows> queue;
    private readonly ConcurrentQueue<BoundRows> free = new();
    private readonly SqliteConnection scratch;
    private readonly string path = Path.Combine(Path.GetTempPath(), $"patchwork-names-{Guid.NewGuid():N}.db");
    private readonly CancellationTokenSource abandon = new();
    private readonly Thread thread;
    private ExceptionDispatchInfo? failure;

    private NameIndexBuilder(SqliteSession session, string declaration, int ahead)
    {
        queue = new BlockingCollection<BoundRows>(ahead);
        scratch = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            scratch.Open();
            // A scratch file: no log (a failure fails the import, which drops it), no syncs, and a cache that holds
            // it until its one commit.
            Execute(scratch, $"PRAGMA page_size = {SqliteSession.PageSize}; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = {CacheSize}; {declaration};");
            // SQLite attaches only outside a transaction. The store's connection takes no lock on the names until it
            // copies them, after this builder has committed.
            using var attach = session.Connection.CreateCommand();
            attach.CommandText = "ATTACH DATABASE $path AS names";
            attach.Parameters.AddWithValue("$path", path);
            attach.ExecuteNonQuery();
            // Both connections have the file open now, and neither opens it again by name: where the system allows
            // it, the name goes at once, so an import that is killed leaves no scratch file behind.
            TryDelete();
        }
        catch
        {
            Delete();
            throw;
        }

        thread = new Thread(Write) { IsBackground = true, Name = "Patchwork names" };
        thread.Start();
    }

    /// <summary>
    /// Starts a builder if the store's name index is empty, so it can be copied in whole, or returns null. Called
    /// before the import's transaction; the import uses the builder only if the store is still empty inside it.
    /// </summary>
    /// <param name="session">The import's own connection, outside a transaction.</param>
    /// <param name="ahead">How many batches may wait: the names come faster than the writer's rows at first.</param>
    public static NameIndexBuilder? StartIfEmpty(SqliteSession session, int ahead)
    {
        using var command = session.Connection.CreateCommand();
        command.CommandText = "SELECT (SELECT sql FROM sqlite_schema WHERE name = 'name_index') WHERE NOT EXISTS (SELECT 1 FROM name_index)";
        return command.ExecuteScalar() is string declaration ? new NameIndexBuilder(session, declaration, ahead) : null;
    }

    /// <summary>Hands a batch of name rows over; false if the builder stopped (its fault surfaces in <see cref="CopyInto"/>).</summary>
    public bool Add(BoundRows batch, CancellationToken stop)
    {
        try
        {
            queue.Add(batch, stop);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public BoundRows Next() => free.TryDequeue(out var batch) ? batch : new BoundRows();

    /// <summary>No more names are coming.</summary>
    public void Complete() => queue.CompleteAdding();

    /// <summary>The scratch file's cache (negative: KiB), enough for a county of five million names.</summary>
    private const int CacheSize = -(1 << 20);

    /// <summary>Waits for the index, then puts it in place of the store's empty one, in the session's transaction.</summary>
    public void CopyInto(SqliteSession session)
    {
        Complete();
        thread.Join();
        failure?.Throw();
        foreach (var table in ShadowTables)
        {
            Execute(session, $"DELETE FROM main.{table}");
            Execute(session, $"INSERT INTO main.{table} SELECT * FROM names.{table}");
        }
    }

    public void Dispose()
    {
        // An import that stopped early wants no more names: the rows still queued are dropped, not written.
        abandon.Cancel();
        Complete();
        thread.Join();
        queue.Dispose();
        abandon.Dispose();
        Delete();
    }

    /// <summary>Lets the store's connection go of the names, once its transaction has ended.</summary>
    public static void Detach(SqliteSession session) => Execute(session, "DETACH DATABASE names");

    private void Delete()
    {
        scratch.Dispose();
        TryDelete();
    }

    private void TryDelete()
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Open (where the system does not delete an open file): deleted once the import is over, or, if the
            // store's connection still holds it, by the temporary folder's own clean-up.
        }
    }

    private void Write()
    {
        try
        {
            using var transaction = scratch.BeginTransaction();
            using var statements = new ImportStatements(scratch, ImportStatements.NameIndex);
            foreach (var batch in queue.GetConsumingEnumerable(abandon.Token))
            {
                statements.Write(batch);
                batch.Clear();
                free.Enqueue(batch);
            }

            transaction.Commit();
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            // The import stopped.
        }
        catch (Exception exception)
        {
            failure = ExceptionDispatchInfo.Capture(exception);
            // Nothing more is taken: the preparing thread sees the queue closed and the import stops.
            queue.CompleteAdding();
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteSession session, string sql)
    {
        using var command = session.Connection.CreateCommand();
        command.Transaction = session.Transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
