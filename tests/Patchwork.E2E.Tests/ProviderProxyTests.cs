using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests;

/// <summary>
/// As a council runs it: the app outside Development behind Debian's nginx terminating TLS (named in
/// Patchwork:ForwardedHeaders:KnownProxies), and the certified oidc-provider, Entra-shaped, behind its own nginx on
/// https. A coordinator signs in through both: the redirect URI the provider is given is the proxy's https one, the
/// session cookies are Secure, and the role comes from the group id.
/// </summary>
public sealed class ProviderProxyTests : IAsyncLifetime
{
    private const string Jo = "jo.whitfield@northvale.gov.uk";
    private readonly string store = Path.Combine(Path.GetTempPath(), $"patchwork-oidc-proxy-{Guid.NewGuid():N}.db");
    private OidcProviderProcess? provider;
    private TlsProxy? providerProxy;
    private WebAppProcess? app;
    private TlsProxy? appProxy;
    private IPlaywright? playwright;
    private IBrowser? browser;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var (appFolder, appPort) = TlsProxy.Prepare();
        var (providerFolder, providerPort) = TlsProxy.Prepare();
        // The app trusts the authority of the provider's proxy as it would a council's own.
        File.AppendAllText(Path.Combine(appFolder, "trust.pem"), "\n" + File.ReadAllText(Path.Combine(providerFolder, "ca.pem")));
        var appAddress = new Uri($"https://127.0.0.1:{appPort}/");

        provider = OidcProviderProcess.Prepare($"/{EntraTenant.TenantId}/v2.0", new Uri($"https://127.0.0.1:{providerPort}/"));
        var accounts = new JsonObject
        {
            [Jo] = new JsonObject
            {
                ["password"] = ProviderSignInApp.Password,
                ["claims"] = new JsonObject
                {
                    ["sub"] = "AAAAAAAAAAAAAAAAAAAAAHjoPairwise",
                    ["oid"] = "1f0c2d3e-0000-4000-8000-00000000a002",
                    ["preferred_username"] = Jo,
                    ["name"] = "Jo Whitfield",
                    ["groups"] = new JsonArray(EntraTenant.CoordinatorsGroup),
                },
            },
        };
        var shape = new JsonObject { ["refreshTokens"] = "offline_access", ["pushedAuthorizationRequests"] = false, ["behindProxy"] = true };
        await provider.StartAsync([EntraTenant.Registration(appAddress, EntraTenant.Secret)], accounts, shape, Cancellation);
        providerProxy = await TlsProxy.StartAsync(providerFolder, providerPort, new Uri($"http://127.0.0.1:{provider.Port}/"), Cancellation);

        app = await WebAppProcess.StartAsync(store, seedDemo: true, Cancellation, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Staging",
            ["DevIdentity__Enabled"] = "false",
            ["Authentication__Oidc__Authority"] = provider.Issuer.ToString().TrimEnd('/'),
            ["Authentication__Oidc__ClientId"] = EntraTenant.ClientId,
            ["Authentication__Oidc__ClientSecret"] = EntraTenant.Secret,
            ["Authentication__Oidc__Scopes"] = "openid profile email offline_access",
            ["Authentication__Oidc__RoleClaims__0"] = "groups",
            [$"Authentication__Oidc__RoleMap__{EntraTenant.CoordinatorsGroup}"] = "Coordinator",
            ["Patchwork__ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
            ["SSL_CERT_FILE"] = Path.Combine(appFolder, "trust.pem"),
            ["Patchwork__UseBuildAssets"] = "true",
        });
        appProxy = await TlsProxy.StartAsync(appFolder, appPort, app.BaseUrl, Cancellation);
        playwright = await PatchworkApp.CreatePlaywrightAsync();
        browser = await PatchworkApp.LaunchAsync(playwright);
    }

    [Fact]
    public async Task A_coordinator_signs_in_over_https_through_both_proxies_with_Secure_cookies()
    {
        await using var context = await browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = appProxy!.BaseUrl.ToString(), IgnoreHTTPSErrors = true });
        var page = await context.NewPageAsync();
        // The first pages of a freshly started app outside Development, through the proxy, on a busy machine.
        page.SetDefaultNavigationTimeout(90_000);
        page.SetDefaultTimeout(60_000);
        var authorize = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.StartsWith(provider!.Issuer + "/auth", StringComparison.Ordinal))
            {
                authorize.Add(Uri.UnescapeDataString(request.Url));
            }
        };

        await page.GotoAsync("/coordinator");
        await page.WaitForURLAsync(url => url.StartsWith(provider!.Issuer.ToString(), StringComparison.Ordinal) && url.Contains("/interaction/", StringComparison.Ordinal));
        await page.GetByLabel("Username").FillAsync(Jo);
        await page.GetByLabel("Password").FillAsync(ProviderSignInApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // The first Blazor circuit of a freshly started app outside Development takes a while on a busy machine.
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Coordinator's lists" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.StartsWith(appProxy.BaseUrl.ToString(), page.Url, StringComparison.Ordinal);
        Assert.Contains(authorize, u => u.Contains($"redirect_uri={appProxy.BaseUrl}signin-oidc", StringComparison.Ordinal));
        var session = (await context.CookiesAsync()).Where(c => c.Name.StartsWith(".Patchwork.Session", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(session);
        Assert.All(session, c => Assert.True(c.Secure, $"{c.Name} is not Secure"));
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (appProxy is not null)
        {
            await appProxy.DisposeAsync();
        }

        if (app is not null)
        {
            var logs = Path.Combine(RepoPaths.Artifacts, nameof(ProviderProxyTests));
            Directory.CreateDirectory(logs);
            await File.WriteAllTextAsync(Path.Combine(logs, "app.log"), app.Output);
            await File.WriteAllTextAsync(Path.Combine(logs, "provider.log"), provider?.Output ?? "");
            await app.DisposeAsync();
        }

        if (providerProxy is not null)
        {
            await providerProxy.DisposeAsync();
        }

        if (provider is not null)
        {
            await provider.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(store)!, Path.GetFileName(store) + "*"))
        {
            File.Delete(file);
        }
    }
}
