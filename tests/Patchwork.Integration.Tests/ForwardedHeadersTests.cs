using Patchwork.Web.Hardening;

namespace Patchwork.Integration.Tests;

/// <summary>Forwarded headers are believed from the configured proxies only; with none configured, from nobody.</summary>
public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task Without_a_known_proxy_forged_forwarded_headers_change_nothing()
    {
        await using var app = new PatchworkAppFactory();
        var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/authentication/login");
        request.Headers.Add("X-Forwarded-Proto", "http");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Contains("redirect_uri=https%3A%2F%2Flocalhost%2Fsignin-oidc", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_that_is_not_an_address_or_a_network_is_named()
    {
        var settings = new ForwardedHeadersSettings { KnownProxies = ["10.0.0.5", "proxy.northvale"], KnownNetworks = ["10.0.0.0/24", "10.0.0.0/99"] };

        Assert.Equal(
            "Patchwork:ForwardedHeaders: KnownProxies 'proxy.northvale' is not an IP address; KnownNetworks '10.0.0.0/99' is not a network such as 10.0.0.0/24.",
            settings.Problem());
        Assert.Null(new ForwardedHeadersSettings { KnownProxies = ["::1"], KnownNetworks = ["fd00::/8"] }.Problem());
        Assert.False(new ForwardedHeadersSettings().IsEnabled);
    }

    [Fact]
    public async Task A_bad_proxy_entry_stops_the_app_at_start_with_the_key_named()
    {
        await using var app = new PatchworkAppFactory(settings: new Dictionary<string, string?> { ["Patchwork:ForwardedHeaders:KnownProxies:0"] = "proxy.northvale" });

        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Patchwork:ForwardedHeaders", failure.ToString(), StringComparison.Ordinal);
    }
}
