using System.Buffers.Text;
using System.Text;

namespace Patchwork.Graph.Audit;

/// <summary>
/// The bytes a record's hash covers, written straight from its fields' UTF-8: each field as its length in UTF-16
/// characters, a colon, the field and a bar, so "ab|c" and "a|bc" stay apart. The one definition of the canonical
/// form: <see cref="AuditRecord.ComputeHash"/> and the verifier's batches both write it here.
/// </summary>
internal static class AuditCanonical
{
    /// <summary>Text fields of a record, in the order they are hashed; the record's own hash follows them in a batch.</summary>
    public const int TextFields = 8;

    public const int HashLength = 64;

    /// <summary>At most the bytes the two numbers and the length prefixes add to the fields' own bytes.</summary>
    public static int Overhead => (TextFields + 2) * 22 + 40;

    /// <summary>Writes the canonical bytes; <paramref name="fields"/> are (UTF-8 bytes, UTF-16 length) pairs.</summary>
    public static int Write(Span<byte> destination, long sequence, long atMillis, ReadOnlySpan<byte> data, ReadOnlySpan<(int Start, int Length, int Chars)> fields)
    {
        var written = Number(destination, sequence);
        written += Number(destination[written..], atMillis);
        foreach (var (start, length, chars) in fields)
        {
            written += Prefix(destination[written..], chars);
            data.Slice(start, length).CopyTo(destination[written..]);
            written += length;
            destination[written++] = (byte)'|';
        }

        return written;
    }

    /// <summary>The lowercase hex SHA-256 of the canonical bytes, as 64 ASCII bytes.</summary>
    public static void Hash(ReadOnlySpan<byte> canonical, Span<byte> hexDestination)
    {
        Span<byte> digest = stackalloc byte[32];
        Sha256.Hash(canonical, digest);
        Hex(digest, hexDestination);
    }

    public static void Hex(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        const string digits = "0123456789abcdef";
        for (var i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = (byte)digits[bytes[i] >> 4];
            destination[(2 * i) + 1] = (byte)digits[bytes[i] & 0xF];
        }
    }

    /// <summary>
    /// The UTF-8 bytes a text field is hashed as and its length in UTF-16 characters. Valid UTF-8 is hashed as it is;
    /// anything else as the text it reads as, as the record's string form would be.
    /// </summary>
    public static (byte[]? Replaced, int Chars) Measure(ReadOnlySpan<byte> utf8)
    {
        if (System.Text.Ascii.IsValid(utf8))
        {
            return (null, utf8.Length);
        }

        if (System.Text.Unicode.Utf8.IsValid(utf8))
        {
            return (null, Encoding.UTF8.GetCharCount(utf8));
        }

        var text = Encoding.UTF8.GetString(utf8);
        return (Encoding.UTF8.GetBytes(text), text.Length);
    }

    private static int Number(Span<byte> destination, long value)
    {
        Span<byte> digits = stackalloc byte[24];
        Utf8Formatter.TryFormat(value, digits, out var length);
        var written = Prefix(destination, length);
        digits[..length].CopyTo(destination[written..]);
        written += length;
        destination[written++] = (byte)'|';
        return written;
    }

    private static int Prefix(Span<byte> destination, int chars)
    {
        Utf8Formatter.TryFormat(chars, destination, out var written);
        destination[written++] = (byte)':';
        return written;
    }
}
