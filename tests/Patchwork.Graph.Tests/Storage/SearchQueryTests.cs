using System.Text.RegularExpressions;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;
using Patchwork.Graph.Storage.Sqlite;

namespace Patchwork.Graph.Tests.Storage;

public sealed partial class SearchQueryTests
{
    /// <summary>Nothing but quoted runs of letters and digits, each a prefix: all the full-text language a user may reach.</summary>
    [GeneratedRegex(@"^(""[\p{L}\p{Nd}\p{Nl}\p{No}]+""\*)( ""[\p{L}\p{Nd}\p{Nl}\p{No}]+""\*)*$")]
    private static partial Regex SafeMatch();

    [Theory]
    [InlineData("2014-03-14", 2014, 3, 14)]
    [InlineData("14/03/2014", 2014, 3, 14)]
    [InlineData("05/03/2010", 2010, 3, 5)]
    [InlineData(" 29/02/2012 ", 2012, 2, 29)]
    public void Parse_date_of_birth_in_either_format(string text, int year, int month, int day)
    {
        var query = SearchQuery.Parse(text);

        Assert.Equal(new DateOnly(year, month, day), query.DateOfBirth);
        Assert.Empty(query.Words);
        Assert.False(query.IsEmpty);
    }

    [Theory]
    [InlineData("2014-13-01")]
    [InlineData("31/02/2014")]
    [InlineData("29/02/2013")]
    [InlineData("2014-03-14 Ava")]
    public void Parse_text_that_is_not_a_real_date_is_searched_as_words(string text)
    {
        var query = SearchQuery.Parse(text);

        Assert.Null(query.DateOfBirth);
        Assert.NotEmpty(query.Words);
    }

    [Fact]
    public void Parse_words_are_split_on_anything_but_letters_and_digits()
    {
        var query = SearchQuery.Parse("  O'Brien-Smith  Zoë\t2nd ");

        Assert.Equal(["O", "Brien", "Smith", "Zoë", "2nd"], query.Words);
        Assert.Equal("\"O\"* \"Brien\"* \"Smith\"* \"Zoë\"* \"2nd\"*", query.FullTextMatch);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"*\"")]
    [InlineData("- : ( ) ^ { } + *")]
    public void Parse_text_without_letters_or_digits_is_empty(string? text) => Assert.True(SearchQuery.Parse(text).IsEmpty);

    [Theory]
    [InlineData("\"Ava Turner\"")]
    [InlineData("ava\" OR \"bob")]
    [InlineData("ava*")]
    [InlineData("NEAR(ava turner, 2)")]
    [InlineData("ava NOT turner")]
    [InlineData("-turner")]
    [InlineData("name:ava")]
    [InlineData("{name kind}: ava")]
    [InlineData("^ava + turner")]
    [InlineData("ava'); DROP TABLE person; --")]
    [InlineData("\"\"\"\"ava\"\"")]
    public void Parse_full_text_syntax_typed_by_a_user_becomes_quoted_prefixes_only(string text)
    {
        var query = SearchQuery.Parse(text);

        Assert.Matches(SafeMatch(), query.FullTextMatch);
    }

    [Fact]
    public void Parse_every_printable_ascii_character_stays_out_of_the_match_language()
    {
        var punctuation = Enumerable.Range(32, 95).Select(c => (char)c).Where(c => !char.IsLetterOrDigit(c));
        foreach (var c in punctuation)
        {
            var query = SearchQuery.Parse($"ava{c}turner{c}");

            Assert.Equal(["ava", "turner"], query.Words);
            Assert.Matches(SafeMatch(), query.FullTextMatch);
        }
    }

    [Fact]
    public void Parse_keeps_at_most_eight_words()
    {
        var query = SearchQuery.Parse("a b c d e f g h i j");

        Assert.Equal(["a", "b", "c", "d", "e", "f", "g", "h"], query.Words);
    }

    [Fact]
    public void Parse_reads_at_most_100_characters()
    {
        var query = SearchQuery.Parse(new string('a', 99) + " bcd");

        Assert.Equal([new string('a', 99)], query.Words);
        Assert.Equal(100, query.Text.Length);
    }

    [Fact]
    public void Rank_puts_exact_names_first_then_prefixes_then_people_before_others_then_by_name()
    {
        var query = SearchQuery.Parse("Ava Turner");
        SearchHit[] hits =
        [
            new(new NodeRef(NodeKind.Household, "h1"), "Turner household, Ava's", null),
            new(new NodeRef(NodeKind.Person, "p3"), "Ava Turnbull-Turner", null),
            new(new NodeRef(NodeKind.Professional, "x1"), "Ava Turner-Smith", null),
            new(new NodeRef(NodeKind.Person, "p2"), "Ava Turner", null),
            new(new NodeRef(NodeKind.Person, "p1"), "AVA TURNER", null),
            new(new NodeRef(NodeKind.Person, "p4"), "Ava Turner-Smith", null),
        ];

        var ranked = query.Rank(hits).Select(h => h.Ref.Id);

        Assert.Equal(["p1", "p2", "p4", "x1", "p3", "h1"], ranked);
    }
}
