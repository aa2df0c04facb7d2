using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests;

/// <summary>
/// Behind Debian's nginx terminating TLS, with the proxy named in Patchwork:ForwardedHeaders:KnownProxies, a person
/// signs in over https: the redirect URI is https, the session cookies are Secure and HSTS is sent. The app runs
/// outside Development, as it does behind a council's proxy.
/// </summary>
public sealed class ProxyTests : IAsyncLifetime
{
    private readonly string store = Path.Combine(Path.GetTempPath(), $"patchwork-proxy-{Guid.NewGuid():N}.db");
    private WebAppProcess? app;
    private TlsProxy? proxy;
    private IPlaywright? playwright;
    private IBrowser? browser;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var (folder, port) = TlsProxy.Prepare();
        var address = $"https://127.0.0.1:{port}/";
        app = await WebAppProcess.StartAsync(store, seedDemo: true, Cancellation, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Staging",
            ["DevIdentity__Enabled"] = "true",
            ["DevIdentity__Password"] = DemoData.Password,
            ["DevIdentity__BaseUrl"] = address,
            ["Patchwork__ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
            ["SSL_CERT_FILE"] = Path.Combine(folder, "trust.pem"),
            ["Patchwork__UseBuildAssets"] = "true",
        });
        proxy = await TlsProxy.StartAsync(folder, port, app.BaseUrl, Cancellation);
        playwright = await PatchworkApp.CreatePlaywrightAsync();
        browser = await PatchworkApp.LaunchAsync(playwright);
    }

    [Fact]
    public async Task A_person_signs_in_through_the_proxy_over_https_with_Secure_cookies()
    {
        await using var context = await browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = proxy!.BaseUrl.ToString(), IgnoreHTTPSErrors = true });
        var page = await context.NewPageAsync();
        // The first pages of a freshly started app outside Development, through the proxy, on a busy machine.
        page.SetDefaultNavigationTimeout(90_000);
        page.SetDefaultTimeout(60_000);
        var redirectUris = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/dev-identity/connect/authorize", StringComparison.Ordinal) || request.Url.Contains("redirect_uri=", StringComparison.Ordinal))
            {
                redirectUris.Add(Uri.UnescapeDataString(request.Url));
            }
        };

        await page.GotoAsync("/network/P001");
        await SignIn.CompleteAsync(page, DemoData.SamEmail);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Ava Turner");
        Assert.StartsWith(proxy.BaseUrl.ToString(), page.Url, StringComparison.Ordinal);
        Assert.Contains(redirectUris, u => u.Contains($"redirect_uri={proxy.BaseUrl}signin-oidc", StringComparison.Ordinal));
        var cookies = await context.CookiesAsync();
        var session = cookies.Where(c => c.Name.StartsWith(".Patchwork.Session", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(session);
        Assert.All(session, c => Assert.True(c.Secure, $"{c.Name} is not Secure"));
    }

    [Fact]
    public async Task Through_the_proxy_a_named_host_is_sent_HSTS()
    {
        using var client = proxy!.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        // The framework sends no HSTS to loopback names; a council's host name gets it.
        request.Headers.Host = "patchwork.test";

        using var response = await client.SendAsync(request, Cancellation);

        Assert.True(response.Headers.TryGetValues("Strict-Transport-Security", out var hsts), response.ToString());
        Assert.Contains("max-age=", Assert.Single(hsts), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (proxy is not null)
        {
            await proxy.DisposeAsync();
        }

        if (app is not null)
        {
            await app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(store)!, Path.GetFileName(store) + "*"))
        {
            File.Delete(file);
        }
    }
}
