using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Patchwork.Graph.Storage.Sqlite;

namespace Patchwork.Graph.Storage;

public static class GraphStoreRegistration
{
    /// <summary>Registers the embedded SQLite store, its file taken from <c>Patchwork:Sqlite:Path</c>.</summary>
    public static IServiceCollection AddSqliteGraphStore(this IServiceCollection services, Action<SqliteStoreOptions>? configure = null)
    {
        var options = services.AddOptions<SqliteStoreOptions>().BindConfiguration(SqliteStoreOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Path), $"{SqliteStoreOptions.Section}:Path must name the store file.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IGraphStore, SqliteGraphStore>();
        return services;
    }
}
