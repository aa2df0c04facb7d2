using System.Net;
using System.Net.Sockets;

namespace Patchwork.Integration.Tests;

/// <summary>The app on a Neo4j that does not answer: it starts, stays up, and says the store is not ready.</summary>
public sealed class StoreUnavailableTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An address on this machine where nothing listens, so every connection to it is refused.</summary>
    private static string ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}";
    }

    [Fact]
    public async Task App_whose_Neo4j_refuses_connections_starts_and_reports_the_store_unhealthy()
    {
        await using var app = new PatchworkAppFactory(settings: new Dictionary<string, string?>
        {
            ["Patchwork:Store"] = "Neo4j",
            ["Patchwork:Neo4j:Url"] = ClosedPort(),
            ["Patchwork:Neo4j:User"] = "neo4j",
            ["Patchwork:Neo4j:Password"] = "verysecret",
            // Creating the schema and loading the demo district go on in the background after a second.
            ["Patchwork:StartupWait"] = "00:00:01",
        });

        var client = app.CreateClient();
        var health = await client.GetAsync("/healthz", Ct);
        var signIn = await client.GetAsync("/network/P001", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("Unhealthy", await health.Content.ReadAsStringAsync(Ct));
        // Pages are still served: this one sends the visitor to sign in, as it does when the store answers.
        Assert.Equal(HttpStatusCode.Found, signIn.StatusCode);
    }
}
