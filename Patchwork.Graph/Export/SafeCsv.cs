using System.Text;

namespace Patchwork.Graph.Export;

/// <summary>
/// CSV for people who open it in a spreadsheet: every field that a spreadsheet would run as a formula (starting
/// with =, +, -, @, a tab or a carriage return) is prefixed with an apostrophe, and fields are quoted as RFC 4180 asks.
/// </summary>
public static class SafeCsv
{
    public static string Field(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }

    public static string Line(params string?[] fields) => string.Join(',', fields.Select(Field));

    public static string Write(IReadOnlyList<string> headings, IEnumerable<string?[]> rows)
    {
        var csv = new StringBuilder();
        csv.Append(Line([.. headings])).Append("\r\n");
        foreach (var row in rows)
        {
            csv.Append(Line(row)).Append("\r\n");
        }

        return csv.ToString();
    }
}
