using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Patchwork.E2E.Tests.Infrastructure;

/// <summary>
/// Once per test class: the certified oidc-provider on loopback, shaped like one council's provider (Entra ID or
/// Keycloak), and the real app on the demo district signing people in through it, with Debian's Chromium. The app runs
/// in Development only so that it may read a provider on loopback over plain http; the development provider is off.
/// </summary>
public abstract class ProviderSignInApp : IAsyncLifetime
{
    /// <summary>Every account's password at the test provider.</summary>
    public const string Password = "northvale-test";

    private readonly string store = Path.Combine(Path.GetTempPath(), $"patchwork-oidc-{Guid.NewGuid():N}.db");
    private OidcProviderProcess? provider;
    private WebAppProcess? app;
    private IPlaywright? playwright;
    private IBrowser? browser;

    internal OidcProviderProcess Provider => provider ?? throw new InvalidOperationException("The provider is not prepared.");

    internal WebAppProcess App => app ?? throw new InvalidOperationException("The app is not running.");

    public Uri BaseUrl { get; private set; } = null!;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser is not running.");

    /// <summary>The issuer's path: <c>/{tenant}/v2.0</c>, <c>/realms/{realm}</c>.</summary>
    protected abstract string IssuerPath { get; }

    /// <summary>How the provider behaves: <c>refreshTokens</c> and <c>pushedAuthorizationRequests</c> as provider.mjs reads them.</summary>
    protected abstract JsonObject Shape { get; }

    /// <summary>The accounts, by login, each with its password and the claims its tokens carry.</summary>
    protected abstract JsonObject Accounts { get; }

    /// <summary>The app's client registration at the provider, for the app at <paramref name="app"/>.</summary>
    protected internal abstract JsonObject Client(Uri app);

    /// <summary>The app's configuration for this provider, as environment variables.</summary>
    protected abstract IReadOnlyDictionary<string, string> AppSettings(Uri issuer);

    /// <summary>Made before anything starts: for files the client registration and the settings name.</summary>
    protected virtual void Prepare(string folder)
    {
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        provider = OidcProviderProcess.Prepare(IssuerPath);
        Prepare(provider.Folder);
        var port = WebAppProcess.FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        await provider.StartAsync([Client(BaseUrl)], Accounts, Shape, Cancellation);
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DevIdentity__Enabled"] = "false",
            ["Authentication__Oidc__Authority"] = provider.Issuer.ToString().TrimEnd('/'),
            ["Authentication__Session__IdleTimeout"] = "01:00:00",
        };
        foreach (var (name, value) in AppSettings(provider.Issuer))
        {
            settings[name] = value;
        }

        app = await WebAppProcess.StartAsync(store, seedDemo: true, Cancellation, settings, BaseUrl);
        playwright = await PatchworkApp.CreatePlaywrightAsync();
        browser = await PatchworkApp.LaunchAsync(playwright);
    }

    /// <summary>Stops the provider and starts it again with <paramref name="client"/> as the app's registration.</summary>
    internal async Task RestartProviderAsync(JsonObject client)
    {
        await Provider.StopAsync();
        await Provider.StartAsync([client], Accounts, Shape, Cancellation);
    }

    /// <summary>Starts the provider again with the app's own registration.</summary>
    internal Task RestoreProviderAsync() => RestartProviderAsync(Client(BaseUrl));

    /// <summary>A fresh browser context on the app, nobody signed in.</summary>
    public async Task<IBrowserContext> NewContextAsync(string? storageState = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl.ToString(), Locale = "en-GB", StorageState = storageState });
        context.SetDefaultTimeout(20_000);
        return context;
    }

    /// <summary>On the provider's sign-in form (where the app sends a signed-out person), signs in and waits to be sent back.</summary>
    public async Task SignInAtProviderAsync(IPage page, string login)
    {
        await page.WaitForURLAsync(url => url.StartsWith(Provider.Issuer.ToString(), StringComparison.Ordinal) && url.Contains("/interaction/", StringComparison.Ordinal));
        await page.GetByLabel("Username").FillAsync(login);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(BaseUrl.ToString(), StringComparison.Ordinal) && !url.Contains("/signin-oidc", StringComparison.Ordinal));
    }

    /// <summary>A new page signed in as <paramref name="login"/>, on the page the app lands on after sign-in.</summary>
    public async Task<IPage> SignedInPageAsync(IBrowserContext context, string login, string path = "/")
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await SignInAtProviderAsync(page, login);
        return page;
    }

    /// <summary>Whether the app's /healthz says Degraded (the provider's discovery document cannot be read).</summary>
    public async Task<bool> HealthIsDegradedAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUrl };
        using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative), Cancellation);
        return response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync(Cancellation)).Contains("Degraded", StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        // The two logs, beside the test binaries, for reading after a failed run.
        var logs = Path.Combine(RepoPaths.Artifacts, GetType().Name);
        Directory.CreateDirectory(logs);
        await File.WriteAllTextAsync(Path.Combine(logs, "app.log"), app?.Output ?? "");
        await File.WriteAllTextAsync(Path.Combine(logs, "provider.log"), provider?.Output ?? "");
        if (app is not null)
        {
            await app.DisposeAsync();
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

        GC.SuppressFinalize(this);
    }
}
