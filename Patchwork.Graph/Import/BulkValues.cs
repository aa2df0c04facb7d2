using System.Globalization;
using System.Text;

namespace Patchwork.Graph.Import;

/// <summary>
/// Parses the values of the bulk format straight from the UTF-8 bytes of a field, without making strings:
/// an import reads millions of dates and flags.
/// </summary>
internal static class BulkValues
{
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
    ];

    /// <summary>Exactly YYYY-MM-DD, a real day.</summary>
    public static bool TryParseDate(ReadOnlySpan<byte> text, out DateOnly date)
    {
        date = default;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-'
            || !TryDigits(text[..4], out var year) || !TryDigits(text.Slice(5, 2), out var month) || !TryDigits(text.Slice(8, 2), out var day))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > System.DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>ISO-8601 with an explicit offset or Z, e.g. 2025-01-20T14:30:00Z; returned in UTC.</summary>
    public static bool TryParseDateTime(ReadOnlySpan<byte> text, out DateTimeOffset instant)
    {
        instant = default;
        if (text.Length is < 17 or > 40)
        {
            return false;
        }

        Span<char> chars = stackalloc char[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 127)
            {
                return false;
            }

            chars[i] = (char)text[i];
        }

        // The K specifier also accepts no zone at all (local time); the format demands one.
        var last = chars[^1];
        var hasZone = last is 'Z' || (chars.Length >= 6 && chars[^3] == ':' && chars[^6] is '+' or '-');
        if (!hasZone || !DateTimeOffset.TryParseExact(chars, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        instant = parsed.ToUniversalTime();
        return true;
    }

    /// <summary>true or false in any case; empty is false.</summary>
    public static bool TryParseBoolean(ReadOnlySpan<byte> text, out bool value)
    {
        value = false;
        if (text.IsEmpty || Ascii.EqualsIgnoreCase(text, "false"u8))
        {
            return true;
        }

        if (Ascii.EqualsIgnoreCase(text, "true"u8))
        {
            value = true;
            return true;
        }

        return false;
    }

    /// <summary>The index of the word in <paramref name="words"/> the text is, ignoring case, or -1.</summary>
    public static int IndexOfWord(ReadOnlySpan<byte> text, string[] words)
    {
        for (var i = 0; i < words.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(text, words[i]))
            {
                return i;
            }
        }

        return -1;
    }

    public static string Text(ReadOnlySpan<byte> text) => Encoding.UTF8.GetString(text);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "";

    /// <summary>UTC with Z, with a fraction only when there is one: 2025-01-20T14:30:00Z.</summary>
    public static string DateTime(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }
}
