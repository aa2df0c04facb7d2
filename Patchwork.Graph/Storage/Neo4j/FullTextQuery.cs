using System.Globalization;
using System.Text;
using Patchwork.Graph.Storage.Sqlite;

namespace Patchwork.Graph.Storage.Neo4j;

/// <summary>
/// Builds the Lucene query for the names index from what a person typed, with the embedded store's meaning: every
/// word must start a word of the name, case and accents ignored. Words are lower-cased (so AND, OR and NOT are never
/// operators), accent-folded as the index's standard-folding analyzer does, escaped, and end in *.
/// </summary>
internal static class FullTextQuery
{
    private const string Special = "+-&|!(){}[]^\"~*?:\\/";

    public static string For(SearchQuery query)
    {
        var words = string.Join(" AND ", query.Words.Select(Prefix));

        // Lucene's standard tokenizer keeps "O'Brien" as one token where the embedded store sees two words, so a name
        // typed with an apostrophe is also tried whole.
        var chunks = query.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(c => new string([.. c.Where(ch => char.IsLetterOrDigit(ch) || ch == '\'')]).Trim('\''))
            .Where(c => c.Length > 0)
            .Take(8)
            .ToList();
        if (!chunks.Any(c => c.Contains('\'', StringComparison.Ordinal)))
        {
            return words;
        }

        return $"({words}) OR ({string.Join(" AND ", chunks.Select(Prefix))})";
    }

    private static string Prefix(string word) => Escape(Fold(word)) + "*";

    internal static string Fold(string word)
    {
        var folded = new StringBuilder(word.Length);
        foreach (var c in word.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(char.ToLowerInvariant(c));
            }
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    internal static string Escape(string word)
    {
        var escaped = new StringBuilder(word.Length);
        foreach (var c in word)
        {
            if (Special.Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
