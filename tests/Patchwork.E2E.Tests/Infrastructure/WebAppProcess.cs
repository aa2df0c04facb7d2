using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Patchwork.E2E.Tests.Infrastructure;

/// <summary>
/// The real Patchwork.Web, started out of process from its build output on a free port with its own store file,
/// exactly as an operator would run it. Killed with its whole process tree on dispose.
/// </summary>
internal sealed class WebAppProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly Process process;
    private readonly StringBuilder output = new();

    private WebAppProcess(Process process, Uri baseUrl, string storePath)
    {
        this.process = process;
        BaseUrl = baseUrl;
        StorePath = storePath;
    }

    public Uri BaseUrl { get; }

    public string StorePath { get; }

    /// <summary>The app's own process (the dotnet host runs Patchwork.Web.dll in it), for reading its memory.</summary>
    public int ProcessId => process.Id;

    /// <summary>Why the server is not there any more, or null while it runs.</summary>
    public string? Exited => process.HasExited ? $"Patchwork.Web exited with code {process.ExitCode}.\n--- server output ---\n{Output}" : null;

    /// <summary>What the server has written so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the app on <paramref name="storePath"/> and returns once GET /healthz answers 200, which the app
    /// does only after its store is created and (when <paramref name="seedDemo"/>) the demo district is loaded.
    /// <paramref name="settings"/> are more environment variables for the app (configuration such as DevIdentity__...).
    /// <paramref name="at"/> is where it listens when something must know the app's address before it starts (an
    /// identity provider registering its redirect URI, a load balancer); else a free loopback port. Unless
    /// <paramref name="storeAnswers"/>, the app is started once GET /healthz answers at all: 503 says it runs, and its
    /// graph database does not answer.
    /// </summary>
    public static async Task<WebAppProcess> StartAsync(string storePath, bool seedDemo, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? settings = null, Uri? at = null, bool storeAnswers = true)
    {
        if (!File.Exists(RepoPaths.WebDll))
        {
            throw new InvalidOperationException($"{RepoPaths.WebDll} is missing: build Patchwork.Web in {RepoPaths.Configuration} first (the test project's build does).");
        }

        var baseUrl = at ?? new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo(DotnetHost(), [RepoPaths.WebDll, "--urls", baseUrl.ToString().TrimEnd('/')])
        {
            WorkingDirectory = RepoPaths.WebProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Patchwork__Sqlite__Path"] = storePath;
        start.Environment["Patchwork__SeedOnFirstRun"] = seedDemo ? "true" : "false";
        start.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var app = new WebAppProcess(new Process { StartInfo = start, EnableRaisingEvents = true }, baseUrl, storePath);
        app.process.OutputDataReceived += (_, e) => app.Append(e.Data);
        app.process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        app.process.Start();
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilHealthyAsync(storeAnswers, cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>Ends the server as a power cut or <c>kill -9</c> does: SIGKILL, no shutdown of any kind.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private async Task WaitUntilHealthyAsync(bool storeAnswers, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartTimeout);
        var last = "no answer yet";
        // Polls until the server answers; bounded by the deadline and by the process exiting.
        while (!deadline.IsCancellationRequested)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Patchwork.Web exited with code {process.ExitCode} before it was healthy.\n--- server output ---\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative), deadline.Token);
                if (response.StatusCode == HttpStatusCode.OK || (!storeAnswers && response.StatusCode == HttpStatusCode.ServiceUnavailable))
                {
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException exception)
            {
                last = exception.Message;
            }
            catch (TaskCanceledException) when (!deadline.IsCancellationRequested)
            {
                last = "a request timed out";
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
            }
            catch (TaskCanceledException)
            {
                break;
            }
        }

        throw new TimeoutException($"Patchwork.Web at {BaseUrl} did not answer GET /healthz with 200 within {StartTimeout.TotalSeconds:0} s (last: {last}).\n--- server output ---\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    /// <summary>The dotnet host that runs the tests (set by the SDK), else the one on the PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
