using Patchwork.Graph.Model;

namespace Patchwork.Graph.Tests.Contract;

public abstract partial class GraphStoreContractTests<TFixture>
    where TFixture : class, IGraphStoreFixture
{
    private static District Names() => new District()
        .Person("p1", "Ava", "Turner", new DateOnly(2014, 3, 14))
        .Person("p2", "Zoë", "Ávila", new DateOnly(2010, 3, 5))
        .Person("p3", "Chloe", "Turner", new DateOnly(1989, 2, 2))
        .Person("p4", "Avery", "Stone")
        .Person("p5", "Bob", "Smith", new DateOnly(2014, 3, 14))
        .Household("h1", "Turner household")
        .Professional("x1", "Sam", "Turnbull", "Social Worker")
        .Agency("a1", "Turning Point", "substance-misuse");

    private async Task<string[]> SearchAsync(string text, int limit = 20)
    {
        var store = await NewStoreAsync(Names());
        return [.. (await store.SearchAsync(text, limit, Ct)).Select(h => h.Ref.ToString()).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task Search_name_prefix_finds_every_kind_of_node()
    {
        Assert.Equal(
            ["Agency a1", "Household h1", "Person p1", "Person p3", "Professional x1"],
            await SearchAsync("tur"));
    }

    [Fact]
    public async Task Search_hit_carries_the_display_name()
    {
        var store = await NewStoreAsync(Names());

        var hit = Assert.Single(await store.SearchAsync("Turnb", cancellationToken: Ct));

        Assert.Equal(new NodeRef(NodeKind.Professional, "x1"), hit.Ref);
        Assert.Equal("Sam Turnbull", hit.Name);
    }

    [Fact]
    public async Task Search_several_words_must_all_match_in_any_order()
    {
        Assert.Equal(["Person p1"], await SearchAsync("Ava Tur"));
        Assert.Equal(["Person p1"], await SearchAsync("turner av"));
        Assert.Empty(await SearchAsync("Avery Turner"));
    }

    [Theory]
    [InlineData("zoe")]
    [InlineData("ZOË")]
    [InlineData("avila")]
    [InlineData("ÁVILA zo")]
    public async Task Search_ignores_case_and_diacritics_in_the_name(string text) =>
        Assert.Equal(["Person p2"], await SearchAsync(text));

    [Fact]
    public async Task Search_ignores_diacritics_typed_on_a_plain_name() =>
        Assert.Equal(["Person p3"], await SearchAsync("Chloë"));

    [Fact]
    public async Task Search_matches_the_start_of_words_only() => Assert.Empty(await SearchAsync("urner"));

    [Theory]
    [InlineData("2014-03-14")]
    [InlineData("14/03/2014")]
    public async Task Search_date_of_birth_finds_the_people_born_that_day(string text) =>
        Assert.Equal(["Person p1", "Person p5"], await SearchAsync(text));

    [Fact]
    public async Task Search_day_first_date_is_read_as_day_month_year() =>
        Assert.Equal(["Person p2"], await SearchAsync("05/03/2010"));

    [Fact]
    public async Task Search_date_nobody_was_born_on_finds_nobody() => Assert.Empty(await SearchAsync("2014-03-15"));

    [Fact]
    public async Task Search_respects_the_limit()
    {
        var store = await NewStoreAsync(Names());

        Assert.Equal(2, (await store.SearchAsync("tur", 2, Ct)).Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("*")]
    [InlineData("\"")]
    [InlineData("-")]
    [InlineData(":")]
    [InlineData("(")]
    public async Task Search_with_no_words_finds_nothing(string text) => Assert.Empty(await SearchAsync(text));

    [Theory]
    [InlineData("\"Ava Turner\"", new[] { "Person p1" })]
    [InlineData("\"Ava", new[] { "Person p1" })]
    [InlineData("ava\"", new[] { "Person p1" })]
    [InlineData("ava*", new[] { "Person p1" })]
    [InlineData("^ava", new[] { "Person p1" })]
    [InlineData("Ava -Turner", new[] { "Person p1" })]
    [InlineData("ava OR bob", new string[0])]
    [InlineData("ava NOT turner", new string[0])]
    [InlineData("turner AND chloe", new string[0])]
    [InlineData("NEAR(ava turner)", new string[0])]
    [InlineData("name:ava", new string[0])]
    [InlineData("{name}: ava", new string[0])]
    [InlineData("ava'); DROP TABLE person; --", new string[0])]
    [InlineData("ava\" OR \"bob", new string[0])]
    public async Task Search_text_in_full_text_syntax_is_taken_as_plain_words(string text, string[] expected)
    {
        var store = await NewStoreAsync(Names());
        var before = await SnapshotAsync(store);

        var hits = await store.SearchAsync(text, cancellationToken: Ct);

        Assert.Equal(expected, hits.Select(h => h.Ref.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(before, await SnapshotAsync(store));
    }
}
