using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Patchwork.Graph.Changes;
using Patchwork.Graph.Governance;
using Patchwork.Graph.Import;
using Patchwork.Graph.Model;
using Patchwork.Graph.Storage;

namespace Patchwork.Web.Startup;

public sealed class StoreStartupOptions
{
    /// <summary>Load the demo district into an empty store on start (Patchwork:SeedOnFirstRun).</summary>
    public bool SeedOnFirstRun { get; set; } = true;

    /// <summary>Where the demo district's files are, relative to the app's folder unless absolute.</summary>
    public string DemoDataPath { get; set; } = "seed-data/demo";

    /// <summary>
    /// How long the start waits for the store before the app listens anyway (Patchwork:StartupWait); preparing it goes
    /// on in the background, and pages say the graph database is not answering until it is ready.
    /// </summary>
    public TimeSpan StartupWait { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The wait before preparing the store again after a failure; it doubles each time, up to a minute.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// Creates or upgrades the store, then loads the demo district into it when it is empty. A store that does not answer
/// (Neo4j down or slow) does not stop the app: it starts anyway and tries again with growing waits until the store
/// answers. Anything else that goes wrong here (a broken demo folder, a bug) still stops the app, as it must.
/// </summary>
internal sealed partial class StoreStartup(
    IGraphStore store,
    IConcernStore concerns,
    IGovernanceStore governance,
    StoreReadiness readiness,
    IOptions<StoreStartupOptions> options,
    IHostEnvironment environment,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<StoreStartup> logger) : IHostedService
{
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromMinutes(1);

    // Never disposed: it has no timer, and the host may stop this service after its provider disposed it.
    private readonly CancellationTokenSource stopping = new();
    private Task background = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var first = PrepareAsync(stopping.Token);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var finished = await Task.WhenAny(first, Task.Delay(settings.StartupWait, clock, waiting.Token));
        await waiting.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        // The usual case, the store answering, finishes here: the app listens only once the store is ready and seeded.
        if (finished == first)
        {
            if (first.IsCompletedSuccessfully)
            {
                readiness.MarkReady();
                return;
            }

            if (first.Exception?.InnerException is not GraphStoreException failure)
            {
                await first;
                return;
            }

            LogNotAnswering(failure, settings.RetryDelay.TotalSeconds);
            background = KeepTryingAsync(pending: null, stopping.Token);
            return;
        }

        LogStillWaiting(settings.StartupWait.TotalSeconds);
        background = KeepTryingAsync(first, stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await background.WaitAsync(cancellationToken);
    }

    /// <summary>Waits for an attempt still running, then tries again after each failure, each wait twice the last.</summary>
    private async Task KeepTryingAsync(Task? pending, CancellationToken cancellationToken)
    {
        var delay = options.Value.RetryDelay;
        try
        {
            while (true)
            {
                try
                {
                    if (pending is null)
                    {
                        await Task.Delay(delay, clock, cancellationToken);
                        delay = delay * 2 < LongestRetryDelay ? delay * 2 : LongestRetryDelay;
                        await PrepareAsync(cancellationToken);
                    }
                    else
                    {
                        await pending;
                        pending = null;
                    }

                    readiness.MarkReady();
                    LogReady();
                    return;
                }
                catch (GraphStoreException exception)
                {
                    pending = null;
                    LogNotAnswering(exception, delay.TotalSeconds);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
        catch (Exception exception)
        {
            // Not a store that does not answer but one that cannot be used (a broken demo folder, a bug): had this
            // happened before the app listened, it would not have started, so it stops now for the same reason.
            LogCannotStart(exception);
            lifetime.StopApplication();
        }
    }

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        // The governance tables too, before the first request: several servers starting at once take turns.
        await governance.MigrateAsync(cancellationToken);
        if (!options.Value.SeedOnFirstRun)
        {
            return;
        }

        var directory = ResolveDemoData(options.Value.DemoDataPath);
        if (directory is null)
        {
            LogDemoDataMissing(options.Value.DemoDataPath);
            return;
        }

        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        if (await DemoDistrict.SeedIfEmptyAsync(store, directory, today, cancellationToken))
        {
            await DemoConcerns.SeedAsync(store, concerns, directory, today, cancellationToken);
            LogSeeded(directory, today);
        }
    }

    private string? ResolveDemoData(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return Directory.Exists(path) ? path : null;
        }

        // From the build output when run as `dotnet run`, else from the project's content root.
        return new[] { Path.Combine(AppContext.BaseDirectory, path), Path.Combine(environment.ContentRootPath, path), Path.Combine(environment.ContentRootPath, "..", path) }
            .Select(Path.GetFullPath)
            .FirstOrDefault(Directory.Exists);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Loaded the demo district from {Directory}, its dates shifted so its reference date is {Today}.")]
    private partial void LogSeeded(string directory, DateOnly today);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "The store is empty and the demo district was not found at {Path}; starting with an empty store.")]
    private partial void LogDemoDataMissing(string path);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "The store could not be made ready; trying again in {Seconds} s. Pages say the graph database is not answering until then.")]
    private partial void LogNotAnswering(GraphStoreException exception, double seconds);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "The store did not answer within {Seconds} s of the start; the app starts anyway and keeps waiting for it.")]
    private partial void LogStillWaiting(double seconds);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "The store answers again and is ready.")]
    private partial void LogReady();

    [LoggerMessage(EventId = 1006, Level = LogLevel.Critical, Message = "The store could not be made ready, and trying again would not help; the app stops.")]
    private partial void LogCannotStart(Exception exception);
}

/// <summary>Healthy once the store has been made ready and answers a lookup.</summary>
internal sealed class StoreHealthCheck(IGraphStore store, StoreReadiness readiness) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!readiness.IsReady)
        {
            return HealthCheckResult.Unhealthy("The store is not ready yet: it did not answer at the start, and the app is trying again.");
        }

        try
        {
            await store.FindNodeAsync(new NodeRef(NodeKind.Person, "healthz"), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (GraphStoreException exception)
        {
            return HealthCheckResult.Unhealthy("The store does not answer.", exception);
        }
    }
}
