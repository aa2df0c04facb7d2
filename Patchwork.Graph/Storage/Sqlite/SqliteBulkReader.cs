using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Patchwork.Graph.Storage.Sqlite;

/// <summary>
/// A connection of its own for reading millions of rows in one pass, stepping statements and reading their columns
/// by calling the SQLite library directly. Through the shared connections, each column read took SQLite's
/// per-connection lock and SQLitePCLRaw's hold on the statement's safe handle, and made a transition out of managed
/// code: for a row of eleven columns, several times SQLite's own work. This connection is opened without SQLite's
/// lock, since only the thread that opened it uses it; the column calls are short and never call back, so they skip
/// the transition; and each statement's handle is held for its whole read.
/// </summary>
internal sealed class SqliteBulkReader : IDisposable
{
    private readonly sqlite3 database;

    public SqliteBulkReader(string path)
    {
        var result = raw.sqlite3_open_v2(path, out database, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_NOMUTEX, null);
        if (result != raw.SQLITE_OK)
        {
            database.Dispose();
            SqliteException.ThrowExceptionForRC(result, null);
        }

        raw.sqlite3_busy_timeout(database, 30_000);
    }

    /// <summary>Runs a statement that returns no rows, such as <c>BEGIN</c> or <c>COMMIT</c>.</summary>
    public void Execute(string sql) => Check(raw.sqlite3_exec(database, sql));

    /// <summary>Runs <paramref name="row"/> for every row of <paramref name="sql"/>, after <paramref name="bind"/> sets its values.</summary>
    public void ReadRows(string sql, Action<nint> row, CancellationToken cancellationToken, Action<sqlite3_stmt>? bind = null)
    {
        Check(raw.sqlite3_prepare_v2(database, sql, out var statement));
        using (statement)
        {
            bind?.Invoke(statement);
            var held = false;
            try
            {
                statement.DangerousAddRef(ref held);
                var handle = statement.DangerousGetHandle();
                var rows = 0;
                int result;
                while ((result = SqliteNative.Step(handle)) == raw.SQLITE_ROW)
                {
                    if ((++rows & 0xFFFF) == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    row(handle);
                }

                if (result != raw.SQLITE_DONE)
                {
                    Check(result);
                }
            }
            finally
            {
                if (held)
                {
                    statement.DangerousRelease();
                }
            }
        }
    }

    public static long Int64(nint statement, int column) => SqliteNative.ColumnInt64(statement, column);

    /// <summary>
    /// A column's bytes, valid until the statement steps again. Text is its UTF-8; a number is its text, as SQLite
    /// converts it; null is empty.
    /// </summary>
    public static unsafe ReadOnlySpan<byte> Bytes(nint statement, int column)
    {
        // The pointer first, then the length: the length of a converted value is only known once it is converted.
        var pointer = SqliteNative.ColumnBlob(statement, column);
        var length = SqliteNative.ColumnBytes(statement, column);
        return length == 0 ? [] : new ReadOnlySpan<byte>((void*)pointer, length);
    }

    public void Dispose() => database.Dispose();

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, database);
        }
    }
}
