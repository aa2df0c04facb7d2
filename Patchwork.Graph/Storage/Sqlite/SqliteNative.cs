using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Patchwork.Graph.Storage.Sqlite;

/// <summary>
/// The few functions of SQLite's C interface a bulk import calls per value, and a bulk read per column, declared on
/// raw handles. SQLitePCLRaw
/// marshals a SafeHandle on every call (a reference count taken and given back) and switches the thread out of
/// managed mode; with tens of millions of binds in an import that was more than SQLite's own work for a bind. The
/// library is the one SQLitePCLRaw loads ("e_sqlite3", found through the same application manifest), so the handles
/// it hands out are valid here. A bind only copies a value into the statement, and a column read only points into the
/// current row, so they run without the switch; a step does the real work (and may wait for the disk), so it keeps
/// the switch.
/// </summary>
internal static unsafe partial class SqliteNative
{
    private const string Library = "e_sqlite3";

    /// <summary>SQLITE_TRANSIENT: SQLite copies the text before the bind returns, so the buffer can be reused.</summary>
    private static readonly IntPtr Transient = new(-1);

    public static int BindText(IntPtr statement, int position, byte* text, int length) => BindText(statement, position, text, length, Transient);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_int64")]
    [SuppressGCTransition]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int BindInt64(IntPtr statement, int position, long value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_null")]
    [SuppressGCTransition]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int BindNull(IntPtr statement, int position);

    [LibraryImport(Library, EntryPoint = "sqlite3_step")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int Step(IntPtr statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_reset")]
    [SuppressGCTransition]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int Reset(IntPtr statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_text")]
    [SuppressGCTransition]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int BindText(IntPtr statement, int position, byte* text, int length, IntPtr destructor);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_int64")]
    [SuppressGCTransition]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial long ColumnInt64(IntPtr statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_blob")]
    [SuppressGCTransition]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial IntPtr ColumnBlob(IntPtr statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_bytes")]
    [SuppressGCTransition]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int ColumnBytes(IntPtr statement, int column);
}
