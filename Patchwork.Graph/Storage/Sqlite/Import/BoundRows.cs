using System.Runtime.ExceptionServices;
using System.Text;
using Patchwork.Graph.Import;

namespace Patchwork.Graph.Storage.Sqlite.Import;

/// <summary>How one value of a <see cref="BoundRows"/> row is to be bound.</summary>
internal enum BoundKind : byte
{
    Null,
    Integer,

    /// <summary>UTF-8 bytes in the batch's text buffer: the value holds the offset (high half) and length (low half).</summary>
    Text,

    /// <summary>The same value as the row before bound in that statement: SQLite keeps bindings across runs.</summary>
    Same,
}

/// <summary>
/// A batch of insert rows made ready on the preparing thread: which statement, each value typed and text already
/// in UTF-8, so the writing thread only binds and steps. The row each came from is kept for messages. Batches are
/// reused once written.
/// </summary>
internal sealed class BoundRows
{
    public const int Capacity = 4096;

    private const int MostValues = Capacity * ImportStatements.MostParameters;

    private readonly long[] values = new long[MostValues];
    private readonly BoundKind[] kinds = new BoundKind[MostValues];
    private readonly byte[] statements = new byte[Capacity];
    private readonly int[] ends = new int[Capacity];
    private readonly ImportRow[] sources = new ImportRow[Capacity];
    private byte[] text = new byte[1 << 17];
    private int textLength;
    private int valueCount;

    public int Count { get; private set; }

    /// <summary>Full once a node (its row and its name's) might not fit.</summary>
    public bool IsFull => Count > Capacity - 2;

    /// <summary>What stopped the rows after these: thrown once these are written, so earlier faults come first.</summary>
    public ExceptionDispatchInfo? Failure { get; set; }

    public byte[] TextBuffer => text;

    public void Clear()
    {
        Array.Clear(sources, 0, Count);
        Count = 0;
        valueCount = 0;
        textLength = 0;
        Failure = null;
    }

    public void StartRow(int statement, ImportRow source)
    {
        statements[Count] = (byte)statement;
        sources[Count] = source;
    }

    public void EndRow() => ends[Count++] = valueCount;

    public void Add(long value)
    {
        kinds[valueCount] = BoundKind.Integer;
        values[valueCount++] = value;
    }

    public void AddNull() => kinds[valueCount++] = BoundKind.Null;

    public void AddSame() => kinds[valueCount++] = BoundKind.Same;

    public void Add(string value)
    {
        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (textLength + most > text.Length)
        {
            Array.Resize(ref text, Math.Max(text.Length * 2, textLength + most));
        }

        var length = Encoding.UTF8.GetBytes(value, text.AsSpan(textLength));
        kinds[valueCount] = BoundKind.Text;
        values[valueCount++] = ((long)textLength << 32) | (uint)length;
        textLength += length;
    }

    public int StatementAt(int row) => statements[row];

    public ImportRow SourceAt(int row) => sources[row];

    public int FirstValueAt(int row) => row == 0 ? 0 : ends[row - 1];

    public int EndAt(int row) => ends[row];

    public BoundKind KindAt(int value) => kinds[value];

    public long ValueAt(int value) => values[value];
}
