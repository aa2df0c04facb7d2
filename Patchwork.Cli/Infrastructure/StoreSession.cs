using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Governance;
using Patchwork.Graph.Sessions;
using Patchwork.Graph.Storage;
using Patchwork.Graph.Storage.Sqlite;

namespace Patchwork.Cli.Infrastructure;

/// <summary>
/// The store a command works on, built the way the web app builds it (AddSqliteGraphStore), so both find the
/// same file: --db, else Patchwork:Sqlite:Path from configuration, else the default in the user's application data;
/// and the same audit checkpoints: --checkpoints, else Patchwork:Audit:CheckpointPath, else beside the store file;
/// and the same governance store (Patchwork:Governance:Store: the file, or PostgreSQL).
/// </summary>
internal sealed class StoreSession : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private StoreSession(ServiceProvider services, IGraphStore store, string path)
    {
        this.services = services;
        Store = store;
        Path = path;
    }

    public IGraphStore Store { get; }

    public string Path { get; }

    /// <summary>The audit trail kept in the same store file.</summary>
    public IAuditTrail Audit => services.GetRequiredService<IAuditTrail>();

    /// <summary>The web app's signed-in sessions, kept in the same store file, under the same lifetime settings.</summary>
    public SessionService Sessions => services.GetRequiredService<SessionService>();

    /// <summary>The change log, where writes made here are announced to the app servers' open screens.</summary>
    public IChangeLog Changes => services.GetRequiredService<IChangeLog>();

    /// <summary>The identity-provider accounts professionals sign in with, kept in the same store file.</summary>
    public IIdentityLinks Links => services.GetRequiredService<IIdentityLinks>();

    public static Task<StoreSession> OpenAsync(CliContext context, string? db, CancellationToken cancellationToken) =>
        OpenAsync(context, db, null, cancellationToken);

    public static async Task<StoreSession> OpenAsync(CliContext context, string? db, string? checkpoints, CancellationToken cancellationToken)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton(context.Configuration);
        collection.AddSingleton(context.Clock);
        // The governance records where the web app keeps them: Patchwork:Governance:Store and its connection strings.
        collection.AddGovernanceStore(context.Configuration);
        collection.AddSqliteGraphStore(options =>
        {
            if (!string.IsNullOrWhiteSpace(db))
            {
                options.Path = db;
            }
        });
        // The same checkpoint file and key as the web app: Patchwork:Audit:CheckpointPath and :CheckpointKey, or --checkpoints.
        if (!string.IsNullOrWhiteSpace(checkpoints))
        {
            collection.Configure<AuditCheckpointOptions>(o => o.CheckpointPath = checkpoints);
        }

        collection.AddPatchworkSessions();
        var services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        try
        {
            var path = services.GetRequiredService<IOptions<SqliteStoreOptions>>().Value.Path;
            var store = services.GetRequiredService<IGraphStore>();
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            return new StoreSession(services, store, path);
        }
        catch
        {
            await services.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
