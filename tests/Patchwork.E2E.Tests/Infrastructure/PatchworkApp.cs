using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Network;
using Patchwork.Graph.Storage;

namespace Patchwork.E2E.Tests.Infrastructure;

/// <summary>
/// Once per test run: the real app on a fresh store seeded with the demo district, Debian's Chromium driven by
/// Playwright, and the app's own store opened on the same file to compute what the pages should show.
/// </summary>
public class PatchworkApp : IAsyncLifetime
{
    /// <summary>Debian's Chromium. Playwright never downloads a browser in these tests.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string folder = Path.Combine(Path.GetTempPath(), $"patchwork-e2e-{Guid.NewGuid():N}");
    private WebAppProcess? server;
    private ServiceProvider? services;
    private IPlaywright? playwright;
    private IBrowser? browser;
    private readonly Dictionary<string, string> sessions = new(StringComparer.OrdinalIgnoreCase);

    public Uri BaseUrl => Server.BaseUrl;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser is not running.");

    /// <summary>
    /// The same questions the app asks, answered from the app's store file through the same access rules. Asking
    /// records audit entries, as the app does.
    /// </summary>
    public NetworkService Network => services?.GetRequiredService<NetworkService>() ?? throw new InvalidOperationException("The store is not open.");

    public DateOnly Today => Network.Today;

    /// <summary>The app's store file, for expectations.</summary>
    public IGraphStore Store => services?.GetRequiredService<IGraphStore>() ?? throw new InvalidOperationException("The store is not open.");

    /// <summary>The app's audit trail, read from its store file.</summary>
    public Patchwork.Graph.Coordination.CoordinatorService Coordinator =>
        services?.GetRequiredService<Patchwork.Graph.Coordination.CoordinatorService>() ?? throw new InvalidOperationException("The store is not open.");

    public IAuditTrail Audit => services?.GetRequiredService<IAuditTrail>() ?? throw new InvalidOperationException("The store is not open.");

    /// <summary>The feed as another system reaches it, on the app's store file: how a test makes a message the app then shows.</summary>
    public Patchwork.Graph.Feed.FeedService Feed => services?.GetRequiredService<Patchwork.Graph.Feed.FeedService>() ?? throw new InvalidOperationException("The store is not open.");

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
        server = await WebAppProcess.StartAsync(storePath, seedDemo: true, TestContext.Current.CancellationToken, Settings);
        services = OpenStore(storePath);
        playwright = await CreatePlaywrightAsync();
        browser = await LaunchAsync(playwright);
        Viewer = await ViewerAsync(services, DemoData.SamEmail);
        await StartedAsync();
    }

    /// <summary>Once the app and the browser run: where a subclass signs people in and starts the app again otherwise.</summary>
    protected virtual Task StartedAsync() => Task.CompletedTask;

    /// <summary>
    /// Stops the app and starts it again on the same store file with <paramref name="settings"/> (more configuration,
    /// as environment variables). Sessions already made stay signed in: they and the keys that protect their cookies
    /// are kept in that file, and a cookie for 127.0.0.1 is sent whatever the port.
    /// </summary>
    protected async Task RestartAsync(IReadOnlyDictionary<string, string> settings, bool storeAnswers)
    {
        await Server.DisposeAsync();
        server = null;
        server = await WebAppProcess.StartAsync(Path.Combine(folder, "patchwork.db"), seedDemo: false, TestContext.Current.CancellationToken, settings, storeAnswers: storeAnswers);
    }

    /// <summary>
    /// More configuration for the app, as environment variables. By default a session lasts as long as it may
    /// (10 hours) however long it is left unused: each user signs in once (<see cref="SessionAsync"/>) for the whole
    /// run, which can leave one user's browser unused for longer than the usual 30 minutes.
    /// </summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Authentication__Session__IdleTimeout"] = "10:00:00",
    };

    /// <summary>Sam Adeyemi, Ava's lead social worker: the practitioner the browser tests sign in as.</summary>
    public Viewer Viewer { get; private set; } = null!;

    /// <summary>The signed-in session of one user on this app, made once and reused by every test's browser context.</summary>
    public async Task<string> SessionAsync(string email)
    {
        if (!sessions.TryGetValue(email, out var path))
        {
            path = Path.Combine(folder, $"session-{sessions.Count}.json");
            await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl.ToString() });
            var page = await context.NewPageAsync();
            await page.GotoAsync("/");
            await SignIn.CompleteAsync(page, email);
            await context.StorageStateAsync(new BrowserContextStorageStateOptions { Path = path });
            sessions[email] = path;
        }

        return path;
    }

    /// <summary>The viewer a professional of a store's district is, found by email as the app finds them at sign-in.</summary>
    internal static async Task<Viewer> ViewerAsync(IServiceProvider services, string email) =>
        Viewer.For(await services.GetRequiredService<IGraphStore>().FindProfessionalByEmailAsync(email, TestContext.Current.CancellationToken)
            ?? throw new InvalidOperationException($"No professional has the email {email}."));

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
        collection.AddPatchworkDomain();
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
