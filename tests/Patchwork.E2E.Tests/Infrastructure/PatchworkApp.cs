using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Patchwork.Graph.Network;
using Patchwork.Graph.Storage;

namespace Patchwork.E2E.Tests.Infrastructure;

/// <summary>
/// Once per test run: the real app on a fresh store seeded with the demo district, Debian's Chromium driven by
/// Playwright, and the app's own store opened on the same file to compute what the pages should show.
/// </summary>
public sealed class PatchworkApp : IAsyncLifetime
{
    /// <summary>Debian's Chromium. Playwright never downloads a browser in these tests.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string folder = Path.Combine(Path.GetTempPath(), $"patchwork-e2e-{Guid.NewGuid():N}");
    private WebAppProcess? server;
    private ServiceProvider? services;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public Uri BaseUrl => Server.BaseUrl;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser is not running.");

    /// <summary>The same questions the app asks, answered from the app's store file (reads only).</summary>
    public NetworkService Network => services?.GetRequiredService<NetworkService>() ?? throw new InvalidOperationException("The store is not open.");

    public DateOnly Today => Network.Today;

    internal WebAppProcess Server => server ?? throw new InvalidOperationException("The app is not running.");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The end-to-end tests drive Debian's Chromium at {ChromiumPath}, which is not installed. Install it with `apt-get install chromium`; Playwright's own browsers are never downloaded.");
        }

        Directory.CreateDirectory(folder);
        var storePath = Path.Combine(folder, "patchwork.db");
        server = await WebAppProcess.StartAsync(storePath, seedDemo: true, TestContext.Current.CancellationToken);
        services = OpenStore(storePath);
        playwright = await CreatePlaywrightAsync();
        browser = await LaunchAsync(playwright);
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        if (server is not null)
        {
            await server.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The app's store and network service on <paramref name="storePath"/>, for computing expectations.</summary>
    internal static ServiceProvider OpenStore(string storePath)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        collection.AddSqliteGraphStore(o => o.Path = storePath);
        collection.AddSingleton<NetworkService>();
        return collection.BuildServiceProvider();
    }

    internal static async Task<IPlaywright> CreatePlaywrightAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        return await Microsoft.Playwright.Playwright.CreateAsync();
    }

    internal static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ChromiumPath,
        Headless = true,
        Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
}
