using System.Net;
using Patchwork.Graph.Model;
using Patchwork.Graph.Storage.Neo4j;

namespace Patchwork.Neo4j.Tests.QueryApi;

/// <summary>Explicit transactions, as the Query API manual's "Run transactions" page describes them.</summary>
public sealed class QueryApiTransactionTests
{
    private const string Affinity = "MTAuOC41Ljc6MTc0NzQ=";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CypherStatement Statement(string text) => new("test", text, new Dictionary<string, object?> { ["name"] = "Alice" }, ReadOnly: false);

    // "Run transactions", "Create a transaction": example response, with the transaction id and expiry.
    private const string Opened = """
        {
          "data": {"fields": ["alice"], "values": [[{"elementId": "4:ff04df25-ff2b-4b55-98f8-6888297b025e:0", "labels": ["Person"], "properties": {"name": "Alice", "age": 42}}]]},
          "bookmarks": ["FB:kcwQ/wTfJf8rS1WY+GiIKXsCXgmQ"],
          "transaction": {"id": "lyU", "expires": "2024-10-22T15:48:29Z"}
        }
        """;

    // "Run transactions", "Execute queries": example response.
    private const string Ran = """
        {
          "data": {"fields": ["bob"], "values": [[{"elementId": "4:ff04df25-ff2b-4b55-98f8-6888297b034e:0", "labels": ["Person"], "properties": {"name": "Bob", "age": 43}}]]},
          "bookmarks": ["FB:kcwQ/wTfJf8rS1WY+GiIKXsCXgmQ"],
          "transaction": {"id": "lyU", "expires": "2024-10-22T15:48:29Z"}
        }
        """;

    [Fact]
    public async Task Transaction_opens_with_its_first_statement_runs_more_with_the_affinity_header_and_commits()
    {
        var fake = new FakeQueryApi()
            .Answer(Opened, HttpStatusCode.Accepted, ("neo4j-cluster-affinity", Affinity))
            .Answer(Ran, HttpStatusCode.Accepted, ("neo4j-cluster-affinity", Affinity))
            .Answer("""{"bookmarks": ["FB:kcwQy9mp3ioyRom386bZDRRcuCiQ"]}""", HttpStatusCode.Accepted, ("neo4j-cluster-affinity", Affinity));
        var bookmarks = new Neo4jBookmarks();
        bookmarks.Advance([], ["FB:before"]);
        var client = fake.Client(bookmarks: bookmarks);

        await using (var transaction = client.BeginTransaction())
        {
            var first = await transaction.RunAsync(Statement("MERGE (n:Person {name: $name}) RETURN n AS alice"), Ct);
            var second = await transaction.RunAsync(Statement("MERGE (n:Person {name: $name}) RETURN n AS bob"), Ct);
            await transaction.CommitAsync(Ct);

            Assert.Equal("lyU", transaction.Id);
            Assert.Equal(new DateTimeOffset(2024, 10, 22, 15, 48, 29, TimeSpan.Zero), first.TransactionExpires);
            Assert.Equal("Bob", second.Single["bob"].AsNode()!.Properties["name"].AsString());
        }

        Assert.Equal(
            ["POST http://localhost:7474/db/neo4j/query/v2/tx", "POST http://localhost:7474/db/neo4j/query/v2/tx/lyU", "POST http://localhost:7474/db/neo4j/query/v2/tx/lyU/commit"],
            fake.Requests.Select(r => $"{r.Method} {r.Uri}"));
        Assert.Null(fake.Requests[0].Header("neo4j-cluster-affinity"));
        Assert.All(fake.Requests.Skip(1), r => Assert.Equal(Affinity, r.Header("neo4j-cluster-affinity")));
        Assert.All(fake.Requests, r => Assert.Equal("Basic bmVvNGo6dmVyeXNlY3JldA==", r.Header("Authorization")));
        Assert.Equal("FB:before", fake.Requests[0].Json.GetProperty("bookmarks")[0].GetString());
        Assert.False(fake.Requests[0].Json.TryGetProperty("accessMode", out _));
        Assert.Equal(["FB:kcwQy9mp3ioyRom386bZDRRcuCiQ"], bookmarks.Current);
    }

    // "Run transactions", "Create a transaction" response, an error as "Handling errors" shows it, then "Rollback a
    // transaction": DELETE .../tx/<id> with the affinity header.
    [Fact]
    public async Task Failed_statement_rolls_the_transaction_back_and_the_error_surfaces()
    {
        var fake = new FakeQueryApi()
            .Answer(Opened, HttpStatusCode.Accepted, ("neo4j-cluster-affinity", Affinity))
            .Answer("""{"errors": [{"code": "Neo.ClientError.Statement.SyntaxError", "message": "Invalid input 'T'"}]}""")
            .Answer("{}");
        var client = fake.Client();

        await using var transaction = client.BeginTransaction();
        await transaction.RunAsync(Statement("MERGE (n:Person {name: $name}) RETURN n AS alice"), Ct);
        var error = await Assert.ThrowsAsync<GraphStoreException>(() => transaction.RunAsync(Statement("This is not Cypher"), Ct));

        Assert.Contains("Invalid input 'T'", error.Message, StringComparison.Ordinal);
        var rollback = fake.Requests[^1];
        Assert.Equal("DELETE http://localhost:7474/db/neo4j/query/v2/tx/lyU", $"{rollback.Method} {rollback.Uri}");
        Assert.Equal(Affinity, rollback.Header("neo4j-cluster-affinity"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => transaction.CommitAsync(Ct));
    }

    // "Run transactions": "Create a transaction" response, then "Rollback a transaction" (DELETE).
    [Fact]
    public async Task Transaction_disposed_without_commit_is_rolled_back()
    {
        var fake = new FakeQueryApi().Answer(Opened).Answer("{}");

        await using (var transaction = fake.Client().BeginTransaction())
        {
            await transaction.RunAsync(Statement("MERGE (n:Person {name: $name}) RETURN n AS alice"), Ct);
        }

        Assert.Equal(HttpMethod.Delete, fake.Requests[^1].Method);
    }

    // "Run transactions": "Create a transaction" response, then an error body as that page shows for an expired one.
    [Fact]
    public async Task Rollback_that_fails_is_logged_and_the_first_error_surfaces()
    {
        var fake = new FakeQueryApi()
            .Answer(Opened)
            .Answer("""{"errors": [{"code": "Neo.TransientError.Transaction.DeadlockDetected", "message": "deadlock"}]}""")
            .Throw(new HttpRequestException("Connection reset by peer"));

        await using var transaction = fake.Client().BeginTransaction();
        await transaction.RunAsync(Statement("MERGE (n:Person {name: $name})"), Ct);
        var error = await Assert.ThrowsAsync<GraphStoreException>(() => transaction.RunAsync(Statement("MERGE (n:Person {name: $name})"), Ct));

        Assert.Equal("Neo.TransientError.Transaction.DeadlockDetected", Assert.IsType<QueryApiException>(error.InnerException).Code);
    }

    // "Run transactions": "Create a transaction", then "Commit a transaction".
    [Fact]
    public async Task Committed_transaction_is_not_rolled_back_when_disposed()
    {
        var fake = new FakeQueryApi().Answer(Opened).Answer("{}");

        await using (var transaction = fake.Client().BeginTransaction())
        {
            await transaction.RunAsync(Statement("MERGE (n:Person {name: $name})"), Ct);
            await transaction.CommitAsync(Ct);
        }

        Assert.Equal(2, fake.Requests.Count);
    }

    // "Run transactions": a transaction is opened by its first request, so one without statements needs none.
    [Fact]
    public async Task Transaction_without_statements_sends_nothing()
    {
        var fake = new FakeQueryApi();

        await using (var transaction = fake.Client().BeginTransaction())
        {
            await transaction.CommitAsync(Ct);
        }

        Assert.Empty(fake.Requests);
    }

    // Before 5.26 the Query API has no explicit transactions: an answer without a transaction id says so.
    [Fact]
    public async Task Server_that_opens_no_transaction_is_refused_naming_the_version_needed()
    {
        var fake = new FakeQueryApi().Answer("""{"data": {"fields": [], "values": []}}""");

        await using var transaction = fake.Client().BeginTransaction();
        var error = await Assert.ThrowsAsync<GraphStoreException>(() => transaction.RunAsync(Statement("RETURN $name"), Ct));

        Assert.Contains("5.26", error.Message, StringComparison.Ordinal);
    }
}
