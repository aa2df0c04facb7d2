using System.Buffers.Binary;

namespace Patchwork.Graph.Storage.PostgreSql;

/// <summary>
/// Reads the rows of <c>COPY ... TO STDOUT (FORMAT BINARY)</c> one at a time out of a buffer it reuses: each field's
/// bytes as the server sent them (text as UTF-8, bigint as 8 bytes big-endian), with no string or object per row.
/// A row that is already in the buffer, as nearly all are, is read without copying; its fields stay valid until the
/// next row is read. It waits for the server on the calling thread: the server sends a message per row, and waiting
/// for each one asynchronously cost more than reading it. The format: a signature, flags and a header extension,
/// then per row a field count and per field a length (-1 for null) and its bytes, then a count of -1.
/// </summary>
internal sealed class BinaryCopyReader(Stream stream)
{
    private static readonly byte[] Signature = [.. "PGCOPY\n"u8, 0xFF, .. "\r\n"u8, 0];
    private byte[] buffer = new byte[1 << 20];
    private (int Start, int Length)[] fields = new (int, int)[16];
    private int position;
    private int filled;
    private bool started;

    /// <summary>Reads the next row; false after the last.</summary>
    public bool Next(CancellationToken cancellationToken)
    {
        if (started && TryRow(out var more))
        {
            return more;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return WaitForRow();
    }

    public bool IsNull(int field) => fields[field].Start < 0;

    public ReadOnlySpan<byte> Bytes(int field) => IsNull(field) ? [] : buffer.AsSpan(fields[field].Start, fields[field].Length);

    public long Int64(int field) => BinaryPrimitives.ReadInt64BigEndian(Bytes(field));

    private bool WaitForRow()
    {
        if (!started)
        {
            while (filled - position < Signature.Length + 8)
            {
                Fill();
            }

            if (!buffer.AsSpan(position, Signature.Length).SequenceEqual(Signature))
            {
                throw new InvalidDataException("The server's copy is not in the binary format.");
            }

            var extension = BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(position + Signature.Length + 4));
            position += Signature.Length + 8;
            while (filled - position < extension)
            {
                Fill();
            }

            position += extension;
            started = true;
        }

        while (true)
        {
            if (TryRow(out var more))
            {
                return more;
            }

            Fill();
        }
    }

    /// <summary>Reads a whole row from the buffer; false, having read nothing, when part of it has not arrived.</summary>
    private bool TryRow(out bool more)
    {
        more = false;
        var data = buffer.AsSpan(position, filled - position);
        if (data.Length < 2)
        {
            return false;
        }

        var count = BinaryPrimitives.ReadInt16BigEndian(data);
        if (count < 0)
        {
            position += 2;
            return true;
        }

        if (count > fields.Length)
        {
            fields = new (int, int)[count];
        }

        var offset = 2;
        for (var i = 0; i < count; i++)
        {
            if (data.Length < offset + 4)
            {
                return false;
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(data[offset..]);
            offset += 4;
            if (length < 0)
            {
                fields[i] = (-1, 0);
                continue;
            }

            if (data.Length - offset < length)
            {
                return false;
            }

            fields[i] = (position + offset, length);
            offset += length;
        }

        position += offset;
        more = true;
        return true;
    }

    /// <summary>Keeps what is left of the buffer, at its start, and reads more after it; a row longer than the buffer doubles it.</summary>
    private void Fill()
    {
        buffer.AsSpan(position, filled - position).CopyTo(buffer);
        filled -= position;
        position = 0;
        if (filled == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }

        var read = stream.Read(buffer, filled, buffer.Length - filled);
        if (read == 0)
        {
            throw new EndOfStreamException("The server's copy ended in the middle of a row.");
        }

        filled += read;
    }
}
