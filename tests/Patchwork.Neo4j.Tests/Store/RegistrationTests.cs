using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Patchwork.Graph.Model;
using Patchwork.Graph.Storage;

namespace Patchwork.Neo4j.Tests.Store;

/// <summary>AddGraphStore picks the store by Patchwork:Store; AddNeo4jGraphStore validates its settings and is resilient.</summary>
// Every answer of the fake in these tests is the plain JSON of the Query API manual, "Result formats & Data types"
// ({"data": {"fields", "values"}} with nodes and relationships as its type mapping shows them; see Neo4jJson), and
// inside a transaction as "Run transactions" shows it.
public sealed class RegistrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ServiceProvider Provider(Dictionary<string, string?> settings, Action<IServiceCollection>? more = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddGraphStore(configuration);
        more?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static Dictionary<string, string?> Neo4j(string? url = "http://localhost:7474") => new()
    {
        ["Patchwork:Store"] = "Neo4j",
        ["Patchwork:Neo4j:Url"] = url,
        ["Patchwork:Neo4j:User"] = "neo4j",
        ["Patchwork:Neo4j:Password"] = "verysecret",
    };

    [Theory]
    [InlineData(null, "SqliteGraphStore")]
    [InlineData("Sqlite", "SqliteGraphStore")]
    [InlineData("sqlite", "SqliteGraphStore")]
    [InlineData("Neo4j", "Neo4jGraphStore")]
    public void AddGraphStore_picks_the_store_named_by_Patchwork_Store(string? store, string expected)
    {
        var settings = Neo4j();
        settings["Patchwork:Store"] = store;
        settings["Patchwork:Sqlite:Path"] = Path.Combine(Path.GetTempPath(), "patchwork-tests", Guid.NewGuid().ToString("N"), "patchwork.db");
        using var provider = Provider(settings);

        var graphStore = provider.GetRequiredService<IGraphStore>();

        Assert.Equal(expected, graphStore.GetType().Name);
        (graphStore as IDisposable)?.Dispose();
    }

    [Fact]
    public void AddGraphStore_unknown_store_names_the_ones_there_are()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Provider(new() { ["Patchwork:Store"] = "Postgres" }));

        Assert.Equal("Patchwork:Store is 'Postgres': use Sqlite (the default) or Neo4j.", error.Message);
    }

    public static TheoryData<Dictionary<string, string?>, string> BadSettings => new()
    {
        { new() { ["Patchwork:Neo4j:Url"] = null }, "Patchwork:Neo4j:Url is missing" },
        { new() { ["Patchwork:Neo4j:Url"] = "bolt://localhost:7687" }, "not an http:// or https:// address" },
        { new() { ["Patchwork:Neo4j:Url"] = "http://neo4j:secret@localhost:7474" }, "must not carry credentials" },
        { new() { ["Patchwork:Neo4j:Password"] = null }, "User and Patchwork:Neo4j:Password go together" },
        { new() { ["Patchwork:Neo4j:Token"] = "abc" }, "not both" },
        { new() { ["Patchwork:Neo4j:Database"] = "county/1" }, "is not a Neo4j database name" },
        { new() { ["Patchwork:Neo4j:RequestTimeout"] = "00:00:00.5" }, "RequestTimeout must be between" },
        { new() { ["Patchwork:Neo4j:ImportBatchSize"] = "0" }, "ImportBatchSize must be between" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void AddNeo4jGraphStore_bad_settings_stop_the_start_naming_the_key(Dictionary<string, string?> change, string expected)
    {
        var settings = Neo4j();
        foreach (var (key, value) in change)
        {
            settings[key] = value;
        }

        using var provider = Provider(settings);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddNeo4jGraphStore_good_settings_start()
    {
        using var provider = Provider(Neo4j());

        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    private static (IGraphStore Store, FakeQueryApi Fake) ResilientStore()
    {
        var fake = new FakeQueryApi();
        var provider = Provider(Neo4j(), services =>
        {
            services.AddHttpClient(Neo4jHttp.ClientName).ConfigurePrimaryHttpMessageHandler(() => fake);
            services.Configure<HttpStandardResilienceOptions>($"{Neo4jHttp.ClientName}-standard", o => o.Retry.Delay = TimeSpan.FromMilliseconds(1));
        });
        return (provider.GetRequiredService<IGraphStore>(), fake);
    }

    private const string Stats = """
        {"data": {"fields": ["persons", "households", "professionals", "agencies", "memberOf", "family", "worksFor", "involvedWith", "statuses", "contacts"], "values": [[1, 0, 0, 0, 0, 0, 0, 0, 0, 0]]}}
        """;

    // The standard resilience handler retries a read that met a transient failure.
    [Fact]
    public async Task Read_that_meets_a_503_is_tried_again()
    {
        var (store, fake) = ResilientStore();
        fake.Answer("", HttpStatusCode.ServiceUnavailable).Answer(Stats);

        var stats = await store.GetStatsAsync(Ct);

        Assert.Equal(1, stats.Nodes["Person"]);
        Assert.Equal(2, fake.Requests.Count);
    }

    // A write may have been applied before its answer was lost: it is never sent twice.
    [Fact]
    public async Task Write_that_meets_a_503_is_not_sent_again()
    {
        var (store, fake) = ResilientStore();
        fake.Answer("", HttpStatusCode.ServiceUnavailable).Answer("""{"data": {"fields": ["alreadyExists"], "values": [[false]]}}""");

        var error = await Assert.ThrowsAsync<GraphStoreException>(() => store.AddNodeAsync(new Person("p1", "Ava", "Turner"), Ct));

        Assert.Contains("HTTP 503", error.Message, StringComparison.Ordinal);
        Assert.Single(fake.Requests);
    }

    // A refused connection never reached the server, so even a write is safe to send again.
    [Fact]
    public async Task Write_whose_connection_was_refused_is_sent_again()
    {
        var (store, fake) = ResilientStore();
        fake.Throw(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused", new SocketException((int)SocketError.ConnectionRefused)))
            .Answer("""{"data": {"fields": ["alreadyExists"], "values": [[false]]}}""");

        await store.AddNodeAsync(new Person("p1", "Ava", "Turner"), Ct);

        Assert.Equal(2, fake.Requests.Count);
    }
}
