using System.Buffers.Binary;

namespace Patchwork.Graph.Storage.PostgreSql;

/// <summary>
/// Reads the rows of <c>COPY ... TO STDOUT (FORMAT BINARY)</c> one at a time into a buffer it reuses: each field's
/// bytes as the server sent them (text as UTF-8, bigint as 8 bytes big-endian), with no string or object per row.
/// The format: a signature, flags and a header extension, then per row a field count and per field a length (-1
/// for null) and its bytes, then a count of -1.
/// </summary>
internal sealed class BinaryCopyReader(Stream stream)
{
    private static readonly byte[] Signature = [.. "PGCOPY\n"u8, 0xFF, .. "\r\n"u8, 0];
    private readonly byte[] buffer = new byte[1 << 20];
    private readonly List<(int Start, int Length)> fields = [];
    private byte[] row = new byte[4096];
    private int position;
    private int filled;
    private bool started;

    public int FieldCount => fields.Count;

    /// <summary>Reads the next row; false after the last.</summary>
    public async ValueTask<bool> NextAsync(CancellationToken cancellationToken)
    {
        if (!started)
        {
            started = true;
            await EnsureAsync(Signature.Length + 8, cancellationToken).ConfigureAwait(false);
            if (!buffer.AsSpan(position, Signature.Length).SequenceEqual(Signature))
            {
                throw new InvalidDataException("The server's copy is not in the binary format.");
            }

            position += Signature.Length + 4;
            var extension = BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(position));
            position += 4;
            await SkipAsync(extension, cancellationToken).ConfigureAwait(false);
        }

        await EnsureAsync(2, cancellationToken).ConfigureAwait(false);
        var count = BinaryPrimitives.ReadInt16BigEndian(buffer.AsSpan(position));
        position += 2;
        if (count < 0)
        {
            return false;
        }

        fields.Clear();
        var used = 0;
        for (var i = 0; i < count; i++)
        {
            await EnsureAsync(4, cancellationToken).ConfigureAwait(false);
            var length = BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(position));
            position += 4;
            if (length < 0)
            {
                fields.Add((-1, 0));
                continue;
            }

            if (used + length > row.Length)
            {
                Array.Resize(ref row, Math.Max(row.Length * 2, used + length));
            }

            var copied = 0;
            while (copied < length)
            {
                await EnsureAsync(1, cancellationToken).ConfigureAwait(false);
                var take = Math.Min(length - copied, filled - position);
                buffer.AsSpan(position, take).CopyTo(row.AsSpan(used + copied));
                position += take;
                copied += take;
            }

            fields.Add((used, length));
            used += length;
        }

        return true;
    }

    public bool IsNull(int field) => fields[field].Start < 0;

    public ReadOnlySpan<byte> Bytes(int field) => IsNull(field) ? [] : row.AsSpan(fields[field].Start, fields[field].Length);

    public long Int64(int field) => BinaryPrimitives.ReadInt64BigEndian(Bytes(field));

    private async ValueTask SkipAsync(int bytes, CancellationToken cancellationToken)
    {
        while (bytes > 0)
        {
            await EnsureAsync(1, cancellationToken).ConfigureAwait(false);
            var take = Math.Min(bytes, filled - position);
            position += take;
            bytes -= take;
        }
    }

    private async ValueTask EnsureAsync(int bytes, CancellationToken cancellationToken)
    {
        if (filled - position >= bytes)
        {
            return;
        }

        buffer.AsSpan(position, filled - position).CopyTo(buffer);
        filled -= position;
        position = 0;
        while (filled < bytes)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new EndOfStreamException("The server's copy ended in the middle of a row.");
            }

            filled += read;
        }
    }
}
