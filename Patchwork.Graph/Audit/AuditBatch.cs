namespace Patchwork.Graph.Audit;

/// <summary>
/// A run of records as UTF-8 bytes in one buffer that is reused batch after batch: the verifier reads a store's rows
/// into it without making a string or an object per record, and hashes the batch on every core while the next one
/// is read.
/// </summary>
internal sealed class AuditBatch(int capacity)
{
    /// <summary>The record's text fields, then its stored hash.</summary>
    public const int Fields = AuditCanonical.TextFields + 1;

    private readonly long[] sequences = new long[capacity];
    private readonly long[] instants = new long[capacity];
    private readonly (int Start, int Length, int Chars)[] fields = new (int, int, int)[capacity * Fields];
    private byte[] data = new byte[capacity * 256];
    private int used;
    private int field;

    public int Count { get; private set; }

    public int Capacity => capacity;

    public bool IsFull => Count == capacity;

    public void Clear()
    {
        Count = 0;
        used = 0;
    }

    public void Begin(long sequence, long atMillis)
    {
        sequences[Count] = sequence;
        instants[Count] = atMillis;
        field = 0;
    }

    /// <summary>The next field from the store's UTF-8 bytes; null when <paramref name="isNull"/>.</summary>
    public void Text(ReadOnlySpan<byte> utf8, bool isNull = false)
    {
        if (isNull)
        {
            utf8 = [];
        }

        var (replaced, chars) = AuditCanonical.Measure(utf8);
        Append(replaced ?? utf8, chars);
    }

    /// <summary>The next field from text (null is hashed as empty text).</summary>
    public void Text(string? text)
    {
        text ??= "";
        Reserve(System.Text.Encoding.UTF8.GetMaxByteCount(text.Length));
        var length = System.Text.Encoding.UTF8.GetBytes(text, data.AsSpan(used));
        fields[(Count * Fields) + field++] = (used, length, text.Length);
        used += length;
    }

    public void End()
    {
        if (field != Fields)
        {
            throw new InvalidOperationException($"An audit record has {Fields} fields; {field} were given.");
        }

        Count++;
    }

    public long Sequence(int record) => sequences[record];

    public ReadOnlySpan<byte> Field(int record, int index)
    {
        var (start, length, _) = fields[(record * Fields) + index];
        return data.AsSpan(start, length);
    }

    public ReadOnlySpan<byte> PreviousHash(int record) => Field(record, AuditCanonical.TextFields - 1);

    public ReadOnlySpan<byte> StoredHash(int record) => Field(record, AuditCanonical.TextFields);

    public ReadOnlySpan<byte> PersonIds(int record) => Field(record, 4);

    public int CanonicalLength(int record)
    {
        var total = AuditCanonical.Overhead;
        for (var i = 0; i < AuditCanonical.TextFields; i++)
        {
            total += fields[(record * Fields) + i].Length;
        }

        return total;
    }

    /// <summary>The hash the record's fields give, into <paramref name="hex"/>; <paramref name="scratch"/> holds <see cref="CanonicalLength"/> bytes.</summary>
    public void ComputeHash(int record, Span<byte> scratch, Span<byte> hex)
    {
        var length = AuditCanonical.Write(scratch, sequences[record], instants[record], data, fields.AsSpan(record * Fields, AuditCanonical.TextFields));
        AuditCanonical.Hash(scratch[..length], hex);
    }

    private void Append(ReadOnlySpan<byte> bytes, int chars)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(data.AsSpan(used));
        fields[(Count * Fields) + field++] = (used, bytes.Length, chars);
        used += bytes.Length;
    }

    private void Reserve(int bytes)
    {
        if (used + bytes > data.Length)
        {
            Array.Resize(ref data, Math.Max(data.Length * 2, used + bytes));
        }
    }
}
