using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Patchwork.Graph.Changes;
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
}

/// <summary>Creates or upgrades the store, then loads the demo district into it when it is empty.</summary>
internal sealed partial class StoreStartup(
    IGraphStore store,
    IConcernStore concerns,
    IOptions<StoreStartupOptions> options,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<StoreStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
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

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

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
}

/// <summary>Healthy once the store answers a lookup.</summary>
internal sealed class StoreHealthCheck(IGraphStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
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
