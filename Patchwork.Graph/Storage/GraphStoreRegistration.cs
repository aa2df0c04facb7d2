using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Network;
using Patchwork.Graph.Storage.Sqlite;

namespace Patchwork.Graph.Storage;

public static class GraphStoreRegistration
{
    /// <summary>The domain services over whichever store is registered: access rules, audit, networks.</summary>
    public static IServiceCollection AddPatchworkDomain(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section);
        services.AddSingleton<AccessPolicy>();
        services.AddSingleton<NetworkService>();
        return services;
    }

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
        services.AddSingleton<SqliteGovernanceStore>();
        services.AddSingleton<IAuditTrail>(sp => sp.GetRequiredService<SqliteGovernanceStore>());
        services.AddSingleton<IAccessGrants>(sp => sp.GetRequiredService<SqliteGovernanceStore>());
        return services;
    }
}
