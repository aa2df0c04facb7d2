using Patchwork.Graph.Storage.Neo4j;
using Patchwork.Graph.Storage.Sqlite;

namespace Patchwork.Neo4j.Tests.Store;

/// <summary>What is typed reaches the names index only as lower-case, accent-folded, escaped word prefixes.</summary>
public sealed class FullTextQueryTests
{
    [Theory]
    [InlineData("Ava Tur", "ava* AND tur*")]
    [InlineData("ÁVILA zo", "avila* AND zo*")]
    [InlineData("Chloë", "chloe*")]
    [InlineData("ava OR bob", "ava* AND or* AND bob*")]
    [InlineData("ava NOT turner", "ava* AND not* AND turner*")]
    [InlineData("name:ava", "name* AND ava*")]
    [InlineData("ava\" OR \"bob", "ava* AND or* AND bob*")]
    [InlineData("NEAR(ava turner)", "near* AND ava* AND turner*")]
    [InlineData("ava'); DROP TABLE person; --", "ava* AND drop* AND table* AND person*")]
    public void Typed_text_becomes_required_word_prefixes(string typed, string expected) =>
        Assert.Equal(expected, FullTextQuery.For(SearchQuery.Parse(typed)));

    // Lucene's standard tokenizer keeps "o'brien" whole; the embedded store sees "o" and "brien".
    [Fact]
    public void Name_typed_with_an_apostrophe_is_also_tried_whole() =>
        Assert.Equal("(o* AND brien*) OR (o'brien*)", FullTextQuery.For(SearchQuery.Parse("O'Brien")));

    [Theory]
    [InlineData("a:b", "a\\:b")]
    [InlineData("(x)", "\\(x\\)")]
    [InlineData("\"*?~", "\\\"\\*\\?\\~")]
    public void Lucene_syntax_is_escaped(string word, string escaped) => Assert.Equal(escaped, FullTextQuery.Escape(word));
}
