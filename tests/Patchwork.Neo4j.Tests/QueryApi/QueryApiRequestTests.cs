using Patchwork.Graph.Storage.Neo4j;

namespace Patchwork.Neo4j.Tests.QueryApi;

/// <summary>What the client sends: the shapes the Query API manual documents.</summary>
public sealed class QueryApiRequestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CypherStatement Statement(string text, Dictionary<string, object?>? parameters = null, bool readOnly = false) =>
        new("test", text, parameters ?? [], readOnly);

    // Query API manual, "Query the database": POST /db/<databaseName>/query/v2 with {"statement", "parameters"}.
    [Fact]
    public async Task RunAsync_posts_the_statement_and_its_parameters_to_the_query_endpoint()
    {
        var fake = new FakeQueryApi().Answer("""{"data": {"fields": ["alice"], "values": []}, "bookmarks": ["FB:kcwQ/wTfJf8rS1WY+GiIKXsCXgmQ"]}""");

        await fake.Client().RunAsync(Statement("MERGE (n:Person {name: $name, age: $age}) RETURN n AS alice", new() { ["name"] = "Alice", ["age"] = 42 }), Ct);

        var request = Assert.Single(fake.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("http://localhost:7474/db/neo4j/query/v2", request.Uri.ToString());
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.Equal("MERGE (n:Person {name: $name, age: $age}) RETURN n AS alice", request.Statement);
        Assert.Equal("""{"name":"Alice","age":42}""", request.Parameters.GetRawText());
    }

    // Servers before 2026.08 read the body's fields in order (Query API changelog, "Neo4j 2026.08"): statement first.
    [Fact]
    public async Task RunAsync_body_starts_with_the_statement_then_parameters()
    {
        var fake = new FakeQueryApi().Answer("""{"data": {"fields": [], "values": []}}""");

        await fake.Client().RunAsync(Statement("RETURN $x", new() { ["x"] = 1 }), Ct);

        Assert.Equal(["statement", "parameters"], fake.Requests[0].Json.EnumerateObject().Select(p => p.Name));
    }

    // Query API manual, "Authorize requests", Basic authentication: neo4j:verysecret is bmVvNGo6dmVyeXNlY3JldA==.
    [Fact]
    public async Task RunAsync_signs_in_with_basic_authentication()
    {
        var fake = new FakeQueryApi().Answer("""{"data": {"fields": [], "values": []}}""");

        await fake.Client(o => (o.User, o.Password) = ("neo4j", "verysecret")).RunAsync(Statement("RETURN 1"), Ct);

        Assert.Equal("Basic bmVvNGo6dmVyeXNlY3JldA==", fake.Requests[0].Header("Authorization"));
    }

    // Query API manual, "Authorize requests", Bearer authentication: the token from Patchwork:Neo4j:Token, as given.
    [Fact]
    public async Task RunAsync_signs_in_with_a_bearer_token()
    {
        var fake = new FakeQueryApi().Answer("""{"data": {"fields": [], "values": []}}""");

        await fake.Client(o => (o.User, o.Password, o.Token) = (null, null, "eGJoa2pubHZpYW56dGdocXdhd3hxZmUK")).RunAsync(Statement("RETURN 1"), Ct);

        Assert.Equal("Bearer eGJoa2pubHZpYW56dGdocXdhd3hxZmUK", fake.Requests[0].Header("Authorization"));
    }

    // Query API manual, "Authorize requests": with authentication disabled on the server, no Authorization header.
    [Fact]
    public async Task RunAsync_without_credentials_sends_no_authorization()
    {
        var fake = new FakeQueryApi().Answer("""{"data": {"fields": [], "values": []}}""");

        await fake.Client(o => (o.User, o.Password) = (null, null)).RunAsync(Statement("RETURN 1"), Ct);

        Assert.Null(fake.Requests[0].Header("Authorization"));
    }

    // Query API manual, "Query the database": <databaseName> in the path; a URL behind a proxy keeps its path.
    [Fact]
    public async Task RunAsync_names_the_configured_database_under_the_configured_url()
    {
        var fake = new FakeQueryApi().Answer("""{"data": {"fields": [], "values": []}}""");

        await fake.Client(o => (o.Url, o.Database) = ("https://graph.example/neo4j", "county-2")).RunAsync(Statement("RETURN 1"), Ct);

        Assert.Equal("https://graph.example/neo4j/db/county-2/query/v2", fake.Requests[0].Uri.ToString());
    }

    // Query API manual, "Result formats & Data types", plain JSON: no types, so dates and instants travel as ISO-8601
    // strings (the statements call date() and datetime()); lists as arrays, maps as objects.
    [Fact]
    public async Task RunAsync_sends_every_kind_of_parameter_as_plain_json()
    {
        var fake = new FakeQueryApi().Answer("""{"data": {"fields": [], "values": []}}""");
        var parameters = new Dictionary<string, object?>
        {
            ["text"] = "Zoë O'Brien",
            ["flag"] = true,
            ["count"] = 5000L,
            ["none"] = null,
            ["day"] = new DateOnly(2024, 6, 15),
            ["at"] = new DateTimeOffset(2024, 6, 1, 23, 30, 0, 123, TimeSpan.FromHours(-5)).AddTicks(4567),
            ["ids"] = new[] { "p1", "p2" },
            ["rows"] = new List<Dictionary<string, object?>> { new() { ["id"] = "p1", ["since"] = new DateOnly(2020, 1, 1) } },
        };

        await fake.Client().RunAsync(Statement("RETURN 1", parameters), Ct);

        Assert.Equal(
            """{"text":"Zo\u00EB O\u0027Brien","flag":true,"count":5000,"none":null,"day":"2024-06-15","at":"2024-06-02T04:30:00.123Z","ids":["p1","p2"],"rows":[{"id":"p1","since":"2020-01-01"}]}""",
            fake.Requests[0].Parameters.GetRawText());
    }

    // Query API manual, "Route queries to read cluster members": {"accessMode": "Read"} for reads only.
    [Fact]
    public async Task RunAsync_routes_reads_to_readers_and_writes_to_the_writer()
    {
        var fake = new FakeQueryApi()
            .Answer("""{"data": {"fields": [], "values": []}}""")
            .Answer("""{"data": {"fields": [], "values": []}}""");
        var client = fake.Client();

        await client.RunAsync(Statement("MATCH (n:Person) RETURN n LIMIT 2", readOnly: true), Ct);
        await client.RunAsync(Statement("CREATE (n:Person)"), Ct);

        Assert.Equal("Read", fake.Requests[0].Json.GetProperty("accessMode").GetString());
        Assert.False(fake.Requests[1].Json.TryGetProperty("accessMode", out _));
    }

    // Query API manual, "Coordinate transactions and enforce causal consistency": the bookmarks of one answer go in
    // the "bookmarks" field of the next request, as they are.
    [Fact]
    public async Task RunAsync_sends_the_bookmarks_of_the_last_answer_so_a_user_reads_their_own_write()
    {
        var fake = new FakeQueryApi()
            .Answer("""{"data": {"fields": [], "values": []}, "bookmarks": ["FB:kcwQt8DpQx5zR0uN3Oj/OudM3QaQ"]}""")
            .Answer("""{"data": {"fields": [], "values": []}, "bookmarks": ["FB:kcwQy9mp3ioyRom386bZDRRcuCiQ"]}""")
            .Answer("""{"data": {"fields": [], "values": []}}""");
        var client = fake.Client();

        await client.RunAsync(Statement("CREATE (n:Person)"), Ct);
        await client.RunAsync(Statement("MATCH (n:Person) RETURN n", readOnly: true), Ct);
        await client.RunAsync(Statement("MATCH (n:Person) RETURN n", readOnly: true), Ct);

        Assert.False(fake.Requests[0].Json.TryGetProperty("bookmarks", out _));
        Assert.Equal(["FB:kcwQt8DpQx5zR0uN3Oj/OudM3QaQ"], Bookmarks(fake.Requests[1]));
        Assert.Equal(["FB:kcwQy9mp3ioyRom386bZDRRcuCiQ"], Bookmarks(fake.Requests[2]));
    }

    [Fact]
    public void Bookmarks_of_requests_run_side_by_side_are_kept_together_until_one_answer_supersedes_both()
    {
        var bookmarks = new Neo4jBookmarks();
        bookmarks.Advance([], ["b0"]);
        var sentByBoth = bookmarks.Current;

        bookmarks.Advance(sentByBoth, ["b1"]);
        bookmarks.Advance(sentByBoth, ["b2"]);
        Assert.Equal(["b1", "b2"], bookmarks.Current.Order(StringComparer.Ordinal));

        bookmarks.Advance(bookmarks.Current, ["b3"]);
        Assert.Equal(["b3"], bookmarks.Current);
    }

    [Fact]
    public void Bookmarks_are_kept_per_store_instance()
    {
        var one = new Neo4jBookmarks();
        var other = new Neo4jBookmarks();

        one.Advance([], ["FB:one"]);

        Assert.Equal(["FB:one"], one.Current);
        Assert.Empty(other.Current);
    }

    private static string?[] Bookmarks(RecordedRequest request) =>
        [.. request.Json.GetProperty("bookmarks").EnumerateArray().Select(b => b.GetString())];
}
