using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Patchwork.Graph.Storage.Sqlite;

/// <summary>
/// An insert run through SQLite's C interface: prepared once per connection, its values bound by position. An
/// import makes millions of inserts, and binding through ADO.NET parameters (looked up by name, checked and
/// converted on every run) cost more than SQLite's own work. Failures surface as the same
/// <see cref="SqliteException"/> the ADO.NET path throws. It runs in whatever transaction the connection has open.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 database;
    private readonly sqlite3_stmt statement;
    private byte[] text = new byte[256];

    public RawStatement(SqliteConnection connection, string sql)
    {
        database = connection.Handle!;
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(database, sql, out statement), database);
    }

    public RawStatement Bind(int position, long value)
    {
        Check(raw.sqlite3_bind_int64(statement, position, value));
        return this;
    }

    public RawStatement Bind(int position, long? value) => value is { } v ? Bind(position, v) : Null(position);

    public RawStatement Bind(int position, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            // An empty span would be bound as NULL, so the (rare) empty text goes through the string overload.
            return value is null ? Null(position) : Checked(raw.sqlite3_bind_text(statement, position, value));
        }

        // Encoded into a buffer the statement keeps: SQLite copies the bytes before the call returns, and the string
        // overload allocated an array per value, millions of them in an import, which the collector then had to chase.
        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (most > text.Length)
        {
            text = new byte[Math.Max(most, text.Length * 2)];
        }

        var length = Encoding.UTF8.GetBytes(value, text);
        return Checked(raw.sqlite3_bind_text(statement, position, text.AsSpan(0, length)));
    }

    /// <summary>Text already in UTF-8 (the CSV reader's field); empty text is bound as empty, not NULL.</summary>
    public RawStatement BindUtf8(int position, ReadOnlySpan<byte> value) =>
        Checked(value.IsEmpty ? raw.sqlite3_bind_text(statement, position, "") : raw.sqlite3_bind_text(statement, position, value));

    /// <summary>Runs the statement and makes it ready for the next values.</summary>
    public void Run()
    {
        var result = raw.sqlite3_step(statement);
        try
        {
            if (result != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(result, database);
            }
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    public void Dispose() => statement.Dispose();

    private RawStatement Null(int position) => Checked(raw.sqlite3_bind_null(statement, position));

    private RawStatement Checked(int result)
    {
        Check(result);
        return this;
    }

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, database);
        }
    }
}
