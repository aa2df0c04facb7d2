using System.Buffers;
using System.Globalization;
using System.Text;

namespace Patchwork.Graph.Model;

/// <summary>
/// What a name or a free text may not contain, wherever it comes from (an import, a form, a break-glass reason):
/// characters that cannot be seen or that change the direction of the text around them. They let
/// <c>Omar\u202Etxt.exe</c> read as something else on a screen or in a CSV, so they are refused, never silently removed.
/// </summary>
/// <remarks>
/// Refused: control characters (C0, DEL, C1; multi-line free text keeps line breaks, \n or \r\n, and nothing else),
/// the line and paragraph separators, bidirectional controls (U+061C, U+200E, U+200F, U+202A-U+202E,
/// U+2066-U+2069), zero-width and invisible characters (U+00AD, U+180E, U+200B-U+200D, U+2060-U+2064, U+FEFF and the
/// tag characters U+E0000-U+E007F), private-use and unassigned code points, broken surrogate pairs and the
/// replacement character U+FFFD (what a file not saved as UTF-8 decodes to). Accents,
/// apostrophes, hyphens and letters of every script are fine: Zoë O'Brien-Łukasz, Siân, محمد.
/// </remarks>
public static class SafeText
{
    /// <summary>What is wrong with the text, as "contains ... ; remove it.", or null when it is safe.</summary>
    /// <param name="text">The text; null and empty are safe.</param>
    /// <param name="multiLine">True for free text that may run over several lines (notes, reasons, messages).</param>
    public static string? Problem(string? text, bool multiLine = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        for (var i = 0; i < text.Length;)
        {
            // Printable ASCII is most of every name and note; an import checks millions of them.
            if (text[i] is >= ' ' and < '\u007F')
            {
                i++;
                continue;
            }

            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used) != OperationStatus.Done)
            {
                return $"contains a broken character (U+{(int)text[i]:X4}, half of a surrogate pair); remove it.";
            }

            if (multiLine && (rune.Value == '\n' || (rune.Value == '\r' && i + 1 < text.Length && text[i + 1] == '\n')))
            {
                i += used;
                continue;
            }

            if (Describe(rune) is { } problem)
            {
                return problem;
            }

            i += used;
        }

        return null;
    }

    /// <summary>Throws a <see cref="GraphRuleException"/> "<paramref name="field"/> contains ..." when the text is not safe.</summary>
    public static void Check(string field, string? text, bool multiLine = false)
    {
        if (Problem(text, multiLine) is { } problem)
        {
            throw new GraphRuleException($"{field} {problem}");
        }
    }

    /// <summary>The same problem as a sentence of its own, for a message under a form field: "Contains ...".</summary>
    public static string? Sentence(string? text, bool multiLine = false) =>
        Problem(text, multiLine) is { } problem ? string.Concat(char.ToUpperInvariant(problem[0]).ToString(), problem.AsSpan(1)) : null;

    private static string? Describe(Rune rune)
    {
        var value = rune.Value;
        if (value is >= 0xA0 and < 0x0378 && value != 0xAD)
        {
            return null; // Latin-1 and Latin Extended letters, accents and symbols: all assigned, all visible.
        }

        if (value < 0x20 || value is >= 0x7F and <= 0x9F)
        {
            var what = value switch
            {
                '\t' => "a tab",
                '\n' => "a line break",
                '\r' => "a carriage return",
                0 => "a null character",
                _ => "a control character",
            };
            return $"contains {what} ({Code(value)}), a control character that does not belong in {(value is '\n' or '\r' ? "a one-line field" : "text")}; remove it.";
        }

        if (value is 0x2028 or 0x2029)
        {
            return $"contains a {(value == 0x2028 ? "line" : "paragraph")} separator ({Code(value)}), which breaks the text invisibly; remove it.";
        }

        var bidi = value switch
        {
            0x061C => "an Arabic letter mark",
            0x200E => "a left-to-right mark",
            0x200F => "a right-to-left mark",
            0x202A => "a left-to-right embedding",
            0x202B => "a right-to-left embedding",
            0x202C => "a pop directional formatting character",
            0x202D => "a left-to-right override",
            0x202E => "a right-to-left override",
            0x2066 => "a left-to-right isolate",
            0x2067 => "a right-to-left isolate",
            0x2068 => "a first strong isolate",
            0x2069 => "a pop directional isolate",
            _ => null,
        };
        if (bidi is not null)
        {
            return $"contains {bidi} ({Code(value)}), which can disguise text; remove it.";
        }

        var invisible = value switch
        {
            0x00AD => "a soft hyphen",
            0x180E => "a Mongolian vowel separator",
            0x200B => "a zero width space",
            0x200C => "a zero width non-joiner",
            0x200D => "a zero width joiner",
            0x2060 => "a word joiner",
            0x2061 => "an invisible function application",
            0x2062 => "an invisible times",
            0x2063 => "an invisible separator",
            0x2064 => "an invisible plus",
            0xFEFF => "a zero width no-break space (byte order mark)",
            >= 0xE0000 and <= 0xE007F => "a tag character",
            _ => null,
        };
        if (invisible is not null)
        {
            return $"contains {invisible} ({Code(value)}), an invisible character that can hide text; remove it.";
        }

        if (value == 0xFFFD)
        {
            return $"contains a replacement character ({Code(value)}), left where a character was lost to a wrong encoding (a file not saved as UTF-8); remove it.";
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.PrivateUse => $"contains a private-use character ({Code(value)}), which shows differently on every screen; remove it.",
            UnicodeCategory.OtherNotAssigned => $"contains {Code(value)}, which is not a character Unicode defines; remove it.",
            _ => null,
        };
    }

    private static string Code(int value) => $"U+{value:X4}";
}
