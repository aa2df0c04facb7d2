using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests;

/// <summary>
/// The app of these tests loses its graph database after Sam has signed in: it is started again on the same file (where
/// his session and the audit trail stay, in SQLite) with its graph in a Neo4j at a loopback port where nothing listens.
/// </summary>
public sealed class StoreOutageApp : PatchworkApp
{
    protected override async Task StartedAsync()
    {
        await SessionAsync(DemoData.SamEmail);
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var closed = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}";
        probe.Stop();
        await RestartAsync(new Dictionary<string, string>(Settings)
        {
            ["Patchwork__Store"] = "Neo4j",
            ["Patchwork__Neo4j__Url"] = closed,
            ["Patchwork__Neo4j__User"] = "neo4j",
            ["Patchwork__Neo4j__Password"] = "verysecret",
            ["Patchwork__StartupWait"] = "00:00:01",
        }, storeAnswers: false);
    }
}

/// <summary>The network page and meeting mode while the graph database does not answer, as a signed-in practitioner sees them.</summary>
public sealed class StoreOutageTests(StoreOutageApp app) : BrowserTest(app), IClassFixture<StoreOutageApp>
{
    [Theory]
    [InlineData("/network/P001")]
    [InlineData("/meeting/P001")]
    public async Task A_network_view_whose_graph_database_does_not_answer_offers_a_retry_and_both_accessibility_engines_pass_it(string path)
    {
        await Page.GotoAsync(path);

        // The store retries a read for about 14 seconds (2, 4 and 8) before the page says it could not open the network.
        await Expect(Page.GetByText("The network could not be opened.")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Try again" })).ToBeVisibleAsync();
        await AssertNoViolationsAsync();
    }
}
