using System.Globalization;
using Patchwork.Graph.Network;

namespace Patchwork.Graph.Storage.Sqlite;

/// <summary>
/// What a person typed into the search box: a date of birth, or words matched as name prefixes. Words keep
/// only letters and digits, so nothing typed can reach the full-text query language.
/// </summary>
internal sealed class SearchQuery
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d/M/yyyy", "d.M.yyyy", "d-M-yyyy", "d MMM yyyy", "d MMMM yyyy"];

    private SearchQuery(string text, DateOnly? dateOfBirth, IReadOnlyList<string> words)
    {
        Text = text;
        DateOfBirth = dateOfBirth;
        Words = words;
    }

    public string Text { get; }

    public DateOnly? DateOfBirth { get; }

    public IReadOnlyList<string> Words { get; }

    public bool IsEmpty => DateOfBirth is null && Words.Count == 0;

    /// <summary>Every word as a quoted prefix: "ava"* "tur"*.</summary>
    public string FullTextMatch => string.Join(' ', Words.Select(w => $"\"{w}\"*"));

    public static SearchQuery Parse(string? text)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length > 100)
        {
            trimmed = trimmed[..100];
        }

        if (DateOnly.TryParseExact(trimmed, DateFormats, CultureInfo.GetCultureInfo("en-GB"), DateTimeStyles.None, out var date))
        {
            return new SearchQuery(trimmed, date, []);
        }

        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var c in trimmed)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return new SearchQuery(trimmed, null, [.. words.Take(8)]);
    }

    /// <summary>Exact names first, then names that start with what was typed, then people before others, then by name.</summary>
    public IEnumerable<SearchHit> Rank(IEnumerable<SearchHit> hits) => hits
        .OrderBy(h => string.Equals(h.Name, Text, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
        .ThenBy(h => h.Name.StartsWith(Text, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
        .ThenBy(h => h.Ref.Kind)
        .ThenBy(h => h.Name, StringComparer.OrdinalIgnoreCase)
        .ThenBy(h => h.Ref.Id, StringComparer.Ordinal);
}
