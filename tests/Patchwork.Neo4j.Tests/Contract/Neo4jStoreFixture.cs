using System.Net;
using System.Text;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Patchwork.Graph.Storage;
using Patchwork.Graph.Storage.Neo4j;
using Patchwork.Graph.Tests.Contract;

namespace Patchwork.Neo4j.Tests.Contract;

/// <summary>
/// A Neo4j for the store contract suite: the one NEO4J_URL names (with NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE),
/// else a neo4j:5.26 container where a Docker engine answers, else none - and every contract test is skipped with
/// <see cref="SkipReason"/>. Each store is registered the way the apps do (Patchwork:Store = Neo4j) on an emptied
/// database with cypher/schema.cypher applied.
/// </summary>
public sealed class Neo4jStoreFixture : IGraphStoreFixture, IAsyncLifetime
{
    public const string Image = "neo4j:5.26";

    public const string NoNeo4j =
        "No Neo4j reachable: set NEO4J_URL (and NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) to a Neo4j 5.26 or later, or run where Docker is available";

    private readonly List<ServiceProvider> providers = [];
    private IContainer? container;
    private Dictionary<string, string?> settings = [];

    public string? SkipReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var url = Environment.GetEnvironmentVariable("NEO4J_URL");
        if (!string.IsNullOrWhiteSpace(url))
        {
            settings = Settings(url, Environment.GetEnvironmentVariable("NEO4J_USER"), Environment.GetEnvironmentVariable("NEO4J_PASSWORD"), Environment.GetEnvironmentVariable("NEO4J_DATABASE"));
            return;
        }

        // Testcontainers probes the usual Docker endpoints (DOCKER_HOST, the socket, ...); null when none answers.
        if (TestcontainersSettings.OS.DockerEndpointAuthConfig is null)
        {
            SkipReason = NoNeo4j;
            return;
        }

        var password = "patchwork-" + Guid.NewGuid().ToString("N")[..12];
        container = new ContainerBuilder(Image)
            .WithEnvironment("NEO4J_AUTH", "neo4j/" + password)
            .WithPortBinding(7474, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPort(7474).ForStatusCode(HttpStatusCode.OK)))
            .Build();
        await container.StartAsync(TestContext.Current.CancellationToken);
        settings = Settings($"http://{container.Hostname}:{container.GetMappedPublicPort(7474)}", "neo4j", password, null);
    }

    public async Task<IGraphStore> CreateEmptyStoreAsync(CancellationToken cancellationToken = default)
    {
        if (SkipReason is not null)
        {
            throw new InvalidOperationException(SkipReason);
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddGraphStore(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        providers.Add(provider);

        var wipe = new CypherStatement("wipe-database", WipeStatement(), new Dictionary<string, object?>(), ReadOnly: false);
        await provider.GetRequiredService<QueryApiClient>().RunAsync(wipe, cancellationToken);
        var store = provider.GetRequiredService<IGraphStore>();
        await store.InitializeAsync(cancellationToken);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        if (container is not null)
        {
            await container.DisposeAsync();
        }
    }

    private static Dictionary<string, string?> Settings(string url, string? user, string? password, string? database) => new()
    {
        [GraphStoreRegistration.StoreKey] = "Neo4j",
        [$"{Neo4jStoreOptions.Section}:Url"] = url,
        [$"{Neo4jStoreOptions.Section}:User"] = user,
        [$"{Neo4jStoreOptions.Section}:Password"] = password,
        [$"{Neo4jStoreOptions.Section}:Database"] = string.IsNullOrWhiteSpace(database) ? "neo4j" : database,
    };

    private static string WipeStatement()
    {
        using var stream = typeof(Neo4jStoreFixture).Assembly.GetManifestResourceStream("Patchwork.Neo4j.Tests.wipe-database.cypher")!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
