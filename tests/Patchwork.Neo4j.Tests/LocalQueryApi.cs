using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Patchwork.Neo4j.Tests;

/// <summary>How a <see cref="LocalQueryApi"/> treats every request.</summary>
internal enum LocalAnswer
{
    /// <summary>503 Service Unavailable with an empty body, as a proxy in front of a restarting server answers.</summary>
    ServiceUnavailable,

    /// <summary>Takes the request and never answers, as an overloaded server does.</summary>
    Never,
}

/// <summary>
/// A Query API on a real local port (HttpListener), for what only the network shows: the HTTP client's own
/// timeouts, refused connections and the waits between retries. It records when each request arrived.
/// </summary>
internal sealed class LocalQueryApi : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly LocalAnswer answer;
    private readonly List<TimeSpan> arrivals = [];
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Task serving;

    public LocalQueryApi(LocalAnswer answer)
    {
        this.answer = answer;
        Url = $"http://127.0.0.1:{FreePort()}/";
        listener.Prefixes.Add(Url);
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public string Url { get; }

    /// <summary>When each request arrived, from the moment the listener started.</summary>
    public IReadOnlyList<TimeSpan> Arrivals
    {
        get
        {
            lock (arrivals)
            {
                return [.. arrivals];
            }
        }
    }

    /// <summary>An address on this machine where nothing listens: connecting to it is refused at once.</summary>
    public static string ClosedPortUrl() => $"http://127.0.0.1:{FreePort()}/";

    public void Dispose()
    {
        // Closing drops the requests still held open (LocalAnswer.Never) and ends the serving loop.
        listener.Close();
        _ = serving.Exception;
    }

    private async Task ServeAsync()
    {
        var held = new List<HttpListenerContext>();
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                // The listener was closed: the test is over.
                return;
            }

            lock (arrivals)
            {
                arrivals.Add(clock.Elapsed);
            }

            if (answer == LocalAnswer.Never)
            {
                held.Add(context);
                continue;
            }

            context.Response.StatusCode = (int)HttpStatusCode.ServiceUnavailable;
            context.Response.ContentType = "text/plain";
            var body = Encoding.UTF8.GetBytes("Service Unavailable");
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
