using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Patchwork.Graph.Storage.Sqlite;

/// <summary>
/// One open connection with its prepared statements. Statements are prepared once per connection and reused:
/// preparing costs more than running the index walks the product's questions need.
/// </summary>
internal sealed class SqliteSession : IDisposable
{
    /// <summary>The page cache of each connection: 64 MiB (negative: KiB).</summary>
    public const int CacheSize = -65536;

    /// <summary>The page size of a new store file, in bytes.</summary>
    public const int PageSize = 16384;

    private const int CheckpointPages = 4 * 1024 * 1024 / PageSize;

    private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RawStatement> raws = new(StringComparer.Ordinal);

    public SqliteSession(string connectionString)
    {
        Connection = new SqliteConnection(connectionString);
        try
        {
            Connection.Open();
            using var pragma = Connection.CreateCommand();
            // The page size counts only while the file is still empty (so before journal_mode, which writes the
            // header); a store made earlier keeps its own. 16 KiB pages made a county's import about 12% faster (a
            // quarter of the pages to write to the log and copy back at its commit), for a few hundredths of a
            // millisecond more on lookups that read one row (docs/performance.md).
            // WAL lets readers go on while one writer writes; NORMAL sync is durable across process crashes in WAL mode.
            // The log is copied back into the file every 256 pages: 4 MiB of 16 KiB pages, what SQLite's default of
            // 1,000 pages came to with 4 KiB ones (a store made earlier now copies back a little more often).
            pragma.CommandText = $"PRAGMA page_size = {PageSize}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = {CheckpointPages}; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA cache_size = {CacheSize};";
            pragma.ExecuteNonQuery();
        }
        catch
        {
            // A connection that could not be set up must not keep the file open.
            Connection.Dispose();
            throw;
        }
    }

    public SqliteConnection Connection { get; }

    public SqliteTransaction? Transaction { get; private set; }

    public SqliteCommand Command(string sql)
    {
        if (!commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            commands[sql] = command;
        }

        // Parameters stay: each statement's text fixes its parameters, and every caller sets all of them.
        command.Transaction = Transaction;
        return command;
    }

    /// <summary>An insert prepared once on this connection and run through SQLite's C interface (see <see cref="RawStatement"/>).</summary>
    public RawStatement Raw(string sql)
    {
        if (!raws.TryGetValue(sql, out var statement))
        {
            statement = new RawStatement(Connection, sql);
            raws[sql] = statement;
        }

        return statement;
    }

    /// <param name="deferred">Take no lock yet: the caller's first statement must then be a write (see the import).</param>
    public SqliteTransaction Begin(bool deferred = false)
    {
        // IMMEDIATE takes the write lock up front, so a busy store waits here instead of failing mid-write.
        Transaction = Connection.BeginTransaction(deferred);
        return Transaction;
    }

    public void EndTransaction()
    {
        Transaction?.Dispose();
        Transaction = null;
    }

    public void Dispose()
    {
        foreach (var command in commands.Values)
        {
            command.Dispose();
        }

        foreach (var statement in raws.Values)
        {
            statement.Dispose();
        }

        Transaction?.Dispose();
        Connection.Dispose();
    }
}

/// <summary>Hands out sessions; readers run side by side, writers one at a time (SQLite has one writer).</summary>
internal sealed class SqliteSessionPool(string connectionString) : IDisposable
{
    private readonly ConcurrentBag<SqliteSession> idle = [];
    private readonly SemaphoreSlim writer = new(1, 1);

    public Lease Rent() => new(this, idle.TryTake(out var session) ? session : new SqliteSession(connectionString));

    /// <summary>A connection of its own, outside the pool, for work that changes its settings (a bulk import).</summary>
    public SqliteSession OpenSeparate() => new(connectionString);

    public async Task<Lease> RentWriterAsync(CancellationToken cancellationToken)
    {
        await writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return new Lease(this, idle.TryTake(out var session) ? session : new SqliteSession(connectionString), writer);
        }
        catch
        {
            writer.Release();
            throw;
        }
    }

    public void Dispose()
    {
        while (idle.TryTake(out var session))
        {
            session.Dispose();
        }

        writer.Dispose();
    }

    internal readonly struct Lease(SqliteSessionPool pool, SqliteSession session, SemaphoreSlim? writerLock = null) : IDisposable
    {
        public SqliteSession Session { get; } = session;

        public void Dispose()
        {
            Session.EndTransaction();
            pool.idle.Add(Session);
            writerLock?.Release();
        }
    }
}
