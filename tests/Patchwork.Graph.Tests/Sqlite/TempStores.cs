using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Patchwork.Graph.Storage;

namespace Patchwork.Graph.Tests.Sqlite;

/// <summary>
/// SQLite stores on files under one temporary folder, registered the way the apps register them
/// (<see cref="GraphStoreRegistration.AddSqliteGraphStore"/>). Disposing closes every store and deletes the folder.
/// </summary>
public sealed class TempStores : IDisposable
{
    private readonly ConcurrentBag<ServiceProvider> providers = [];

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "patchwork-tests", Guid.NewGuid().ToString("N"));

    /// <summary>A path for a store file in a folder that does not exist yet.</summary>
    public string NewPath() => Path.Combine(Folder, Guid.NewGuid().ToString("N"), "patchwork.db");

    /// <summary>Opens (but does not initialise) a store on <paramref name="path"/>.</summary>
    public IGraphStore Open(string path)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSqliteGraphStore(o => o.Path = path);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        providers.Add(provider);
        return provider.GetRequiredService<IGraphStore>();
    }

    public void Dispose()
    {
        while (providers.TryTake(out var provider))
        {
            provider.Dispose();
        }

        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
