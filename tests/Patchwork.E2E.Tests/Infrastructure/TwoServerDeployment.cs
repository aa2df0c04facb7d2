using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Patchwork.Graph.Storage;
using Patchwork.Graph.Tests.Governance;

namespace Patchwork.E2E.Tests.Infrastructure;

/// <summary>
/// A county in miniature: two Patchwork.Web processes sharing one graph file and one governance database in a real
/// PostgreSQL, and Debian's nginx in front of them with sticky sessions. nginx routes by its own cookie
/// (<see cref="ServerCookie"/>: <c>a</c> or <c>b</c>, set on every answer to the server that gave it), falls back to
/// the other server when the chosen one is down, and passes Blazor's WebSocket upgrade. Each server listens on a
/// loopback address of its own and the same port as nginx; both sign people in through server A's development
/// identity provider, reached directly at A's address, which sends the browser back through nginx (its redirect
/// addresses are A's under every loopback name, nginx's among them).
/// Started by the first test that asks, stopped with the class.
/// </summary>
internal sealed class TwoServerDeployment : IAsyncDisposable
{
    public const string ServerCookie = "pwserver";
    public const string CheckpointKey = "the checkpoint key both servers share";
    private readonly SemaphoreSlim starting = new(1, 1);
    private readonly string folder = Directory.CreateTempSubdirectory("patchwork-county-").FullName;
    private Process? nginx;
    private int port;
    private Dictionary<string, string> settings = [];
    private readonly Dictionary<(string Email, string Server), string> sessions = [];

    public WebAppProcess? A { get; private set; }

    public WebAppProcess? B { get; private set; }

    public IPlaywright? Playwright { get; private set; }

    public IBrowser? Browser { get; private set; }

    /// <summary>Where users go: nginx.</summary>
    public Uri BaseUrl => new($"http://127.0.0.1:{port}/");

    public string GraphPath => Path.Combine(folder, "graph.db");

    /// <summary>What every server and the <c>patchwork</c> command read, as environment variables.</summary>
    public IReadOnlyDictionary<string, string> Settings => settings;

    /// <summary>The governance store and the graph, opened as a third server would, for what the tests check.</summary>
    public ServiceProvider? Stores { get; private set; }

    private static Uri AddressOf(string server, int port) => new($"http://127.0.0.{(server == "a" ? 2 : 3)}:{port}");

    public async Task StartAsync(PostgreSqlServer postgres, CancellationToken cancellationToken)
    {
        await starting.WaitAsync(cancellationToken);
        try
        {
            if (nginx is not null)
            {
                if (A!.Exited is not null)
                {
                    // A test before this one killed server A: it comes back, as an operator would restart it.
                    await A.DisposeAsync();
                    A = await WebAppProcess.StartAsync(GraphPath, seedDemo: false, cancellationToken, settings, AddressOf("a", port));
                }

                return;
            }

            if (!File.Exists(TlsProxy.NginxPath))
            {
                throw new InvalidOperationException($"The two-server tests run Debian's nginx at {TlsProxy.NginxPath}, which is not installed: `apt-get install nginx` (.ci/run does).");
            }

            var database = await postgres.NewDatabaseAsync();
            port = WebAppProcess.FreePort();
            settings = new Dictionary<string, string>
            {
                ["Authentication__Session__IdleTimeout"] = "10:00:00",
                ["Patchwork__Governance__Store"] = "PostgreSql",
                ["Patchwork__Governance__PostgreSql__ConnectionString"] = database,
                ["Patchwork__Audit__CheckpointPath"] = Path.Combine(folder, "audit.checkpoints"),
                ["Patchwork__Audit__CheckpointKey"] = CheckpointKey,
                ["Patchwork__Sqlite__Path"] = GraphPath,
                ["Patchwork__ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
            };
            // The first server creates the graph and loads the demo district; the second finds it there.
            A = await WebAppProcess.StartAsync(GraphPath, seedDemo: true, cancellationToken, settings, AddressOf("a", port));
            // Both servers sign people in through one identity provider, as a council's do: server A's development
            // provider, which registered nginx's address as where to send people back.
            B = await WebAppProcess.StartAsync(GraphPath, seedDemo: false, cancellationToken,
                new Dictionary<string, string>(settings) { ["DevIdentity__BaseUrl"] = AddressOf("a", port).ToString() }, AddressOf("b", port));
            nginx = await StartNginxAsync(cancellationToken);
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => (string?)s.Value)).Build();
            var services = new ServiceCollection();
            services.AddSingleton<IConfiguration>(configuration);
            services.AddGraphStore(configuration);
            services.AddPatchworkDomain();
            Stores = services.BuildServiceProvider();
            Playwright = await PatchworkApp.CreatePlaywrightAsync();
            Browser = await PatchworkApp.LaunchAsync(Playwright);
        }
        finally
        {
            starting.Release();
        }
    }

    /// <summary>
    /// A browser context of <paramref name="email"/>, whom nginx sends to <paramref name="server"/> (<c>a</c> or
    /// <c>b</c>): signed in there once through that server's provider, the session reused by later contexts.
    /// </summary>
    public async Task<IBrowserContext> ContextAsync(string email, string server)
    {
        var options = new BrowserNewContextOptions { BaseURL = BaseUrl.ToString() };
        if (sessions.TryGetValue((email, server), out var state))
        {
            options.StorageStatePath = state;
            return await Browser!.NewContextAsync(options);
        }

        var context = await Browser!.NewContextAsync(options);
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = ServerCookie, Value = server, Url = BaseUrl.ToString() }]);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await SignIn.CompleteAsync(page, email);
        // Back on the home page, every answer of the sign-in (and every cookie nginx set with it) is in.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // The provider's return is a cross-site form post, which carries no Lax cookie, so nginx may have answered it
        // from the other server (any server can: the keys and sessions are shared). Pinned again, as the balancer would.
        await MoveToAsync(context, server);
        state = Path.Combine(folder, $"session-{sessions.Count}.json");
        await context.StorageStateAsync(new BrowserContextStorageStateOptions { Path = state });
        sessions[(email, server)] = state;
        await page.CloseAsync();
        return context;
    }

    /// <summary>nginx's own log, for failure messages.</summary>
    public string NginxLog => File.Exists(Path.Combine(folder, "nginx-error.log")) ? File.ReadAllText(Path.Combine(folder, "nginx-error.log")) : "";

    /// <summary>Which server nginx last sent this browser to, from the cookie it set.</summary>
    public static async Task<string?> ServedByAsync(IBrowserContext context) =>
        (await context.CookiesAsync()).FirstOrDefault(c => c.Name == ServerCookie)?.Value;

    /// <summary>Sends this browser to the other server from its next request on, as a load balancer moving a user does.</summary>
    public Task MoveToAsync(IBrowserContext context, string server) =>
        context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = ServerCookie, Value = server, Url = BaseUrl.ToString() }]);

    private async Task<Process> StartNginxAsync(CancellationToken cancellationToken)
    {
        var a = AddressOf("a", port).Authority;
        var b = AddressOf("b", port).Authority;
        var conf = Path.Combine(folder, "nginx.conf");
        File.WriteAllText(conf, $$"""
            daemon off;
            master_process off;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/nginx-error.log warn;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                # Each pool prefers one server and falls back to the other when it does not answer.
                # max_fails=0: a server is never written off; each request tries it, and a refused connection goes on to the other.
                upstream pool_a { server {{a}} max_fails=0; server {{b}} backup; }
                upstream pool_b { server {{b}} max_fails=0; server {{a}} backup; }
                # Sticky sessions without nginx's commercial sticky module: the cookie names the pool.
                map $cookie_{{ServerCookie}} $pool { b pool_b; default pool_a; }
                # The server that answered (the last one tried), written back into the cookie.
                map $upstream_addr $served_by { "~{{b.Replace(".", "\\.", StringComparison.Ordinal)}}$" b; default a; }
                map $http_upgrade $connection_upgrade { default upgrade; '' close; }
                server {
                    listen 127.0.0.1:{{port}};
                    location / {
                        proxy_pass http://$pool;
                        proxy_http_version 1.1;
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade;
                        proxy_read_timeout 120s;
                        proxy_buffer_size 16k;
                        proxy_buffers 8 16k;
                        add_header Set-Cookie "{{ServerCookie}}=$served_by; Path=/; HttpOnly; SameSite=Lax" always;
                    }
                }
            }
            """);
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        return await TlsProxy.RunNginxAsync(folder, conf, http, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        Playwright?.Dispose();
        if (nginx is not null)
        {
            if (!nginx.HasExited)
            {
                nginx.Kill(entireProcessTree: true);
                await nginx.WaitForExitAsync();
            }

            nginx.Dispose();
        }

        foreach (var server in new[] { A, B })
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }

        if (Stores is not null)
        {
            await Stores.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        starting.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
