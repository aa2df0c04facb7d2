using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Patchwork.Graph.Model;
using Patchwork.Graph.Storage;

namespace Patchwork.Neo4j.Tests.Store;

/// <summary>
/// The Neo4j store, registered as the apps register it, against a server that refuses, fails or never answers over a
/// real local port: reads are tried again with growing waits, and what reaches the caller is one
/// <see cref="GraphStoreException"/> that says what is wrong.
/// </summary>
public sealed class UnreachableServerTests
{
    /// <summary>The first wait, shortened from the real 2 s and without jitter, so the test sees it double.</summary>
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(150);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (ServiceProvider Provider, IGraphStore Store) Store(string url, TimeSpan? requestTimeout = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Patchwork:Store"] = "Neo4j",
            ["Patchwork:Neo4j:Url"] = url,
            ["Patchwork:Neo4j:User"] = "neo4j",
            ["Patchwork:Neo4j:Password"] = "verysecret",
            ["Patchwork:Neo4j:RequestTimeout"] = (requestTimeout ?? TimeSpan.FromSeconds(10)).ToString(),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddGraphStore(configuration);
        services.Configure<HttpStandardResilienceOptions>($"{Neo4jHttp.ClientName}-standard", o =>
        {
            o.Retry.Delay = FirstDelay;
            o.Retry.UseJitter = false;
        });
        var provider = services.BuildServiceProvider();
        return (provider, provider.GetRequiredService<IGraphStore>());
    }

    [Fact]
    public async Task Read_from_a_server_answering_503_is_tried_four_times_with_doubling_waits_then_fails_clearly()
    {
        using var server = new LocalQueryApi(LocalAnswer.ServiceUnavailable);
        var (provider, store) = Store(server.Url);
        using var _ = provider;

        var error = await Assert.ThrowsAsync<GraphStoreException>(() => store.SearchAsync("ava", cancellationToken: Ct));

        Assert.Equal($"Neo4j at {server.Url.TrimEnd('/')} failed (HTTP 503) without saying why. The server's logs say more; try again in a moment.", error.Message);
        var arrivals = server.Arrivals;
        Assert.Equal(1 + Neo4jHttp.Retries, arrivals.Count);
        var waits = arrivals.Zip(arrivals.Skip(1), (a, b) => b - a).ToList();
        for (var retry = 0; retry < waits.Count; retry++)
        {
            // Each wait is at least the back-off for that retry (150, 300, 600 ms); the request itself adds a little.
            var backOff = FirstDelay * Math.Pow(2, retry);
            Assert.True(waits[retry] >= backOff * 0.95, $"retry {retry + 1} came {waits[retry].TotalMilliseconds:0} ms after the attempt before; the back-off is {backOff.TotalMilliseconds:0} ms.");
        }

        // The lower bounds above prove the doubling; a busy machine can stretch the first wait, so only growth is asked here.
        Assert.True(waits[^1] > waits[0], $"the waits did not grow: {string.Join(", ", waits.Select(w => $"{w.TotalMilliseconds:0} ms"))}.");
    }

    [Fact]
    public async Task Read_from_a_closed_port_is_retried_with_back_off_then_says_the_connection_was_refused()
    {
        var url = LocalQueryApi.ClosedPortUrl();
        var (provider, store) = Store(url);
        using var _ = provider;
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<GraphStoreException>(() => store.OpenNetworkAsync("P001", new DateOnly(2026, 6, 1), cancellationToken: Ct));

        Assert.StartsWith($"Cannot reach Neo4j at {url.TrimEnd('/')}: the connection was refused. Is the server running", error.Message, StringComparison.Ordinal);
        // A refused connection takes no time, so the whole wait is the three back-offs: 150 + 300 + 600 ms.
        var backOffs = FirstDelay * (1 + 2 + 4);
        Assert.True(watch.Elapsed >= backOffs * 0.95, $"the read failed after {watch.Elapsed.TotalMilliseconds:0} ms, sooner than its back-offs ({backOffs.TotalMilliseconds:0} ms).");
    }

    [Fact]
    public async Task Read_from_a_server_that_never_answers_gives_up_on_each_attempt_then_says_it_did_not_answer()
    {
        using var server = new LocalQueryApi(LocalAnswer.Never);
        var (provider, store) = Store(server.Url, requestTimeout: TimeSpan.FromSeconds(1));
        using var _ = provider;

        var error = await Assert.ThrowsAsync<GraphStoreException>(() => store.GetStatsAsync(Ct));

        Assert.StartsWith($"Neo4j at {server.Url.TrimEnd('/')} did not answer within 1 seconds: the server is overloaded or unreachable.", error.Message, StringComparison.Ordinal);
        var arrivals = server.Arrivals;
        Assert.Equal(1 + Neo4jHttp.Retries, arrivals.Count);
        // Each attempt waited out its second before the back-off and the next one.
        Assert.All(arrivals.Zip(arrivals.Skip(1), (a, b) => b - a), wait => Assert.True(wait >= TimeSpan.FromSeconds(1), $"an attempt was given up after {wait.TotalMilliseconds:0} ms."));
    }
}
