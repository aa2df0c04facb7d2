using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Patchwork.Graph.Governance;
using Patchwork.Graph.Storage;

namespace Patchwork.Graph.Tests.Governance;

/// <summary>
/// One governance store as an app server opens it (through <see cref="GraphStoreRegistration.AddGovernanceStore"/>
/// and configuration), and more instances of the same store, as further servers would open it.
/// </summary>
public abstract class GovernanceHarness : IAsyncDisposable
{
    public const string CheckpointKey = "a checkpoint key the servers share";

    private readonly List<ServiceProvider> providers = [];

    protected GovernanceHarness(string folder)
    {
        Folder = folder;
        Directory.CreateDirectory(folder);
    }

    public string Folder { get; }

    public string CheckpointPath => Path.Combine(Folder, "audit.checkpoints");

    /// <summary>Another instance of the same store, as another server opens it.</summary>
    public IGovernanceStore Open(TimeProvider? clock = null) => Services(clock).GetRequiredService<IGovernanceStore>();

    public ServiceProvider Services(TimeProvider? clock = null)
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings()).Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(clock ?? TimeProvider.System);
        services.AddGovernanceStore(configuration);
        var provider = services.BuildServiceProvider();
        providers.Add(provider);
        return provider;
    }

    protected virtual Dictionary<string, string?> Settings() => new()
    {
        ["Patchwork:Sqlite:Path"] = Path.Combine(Folder, "patchwork.db"),
        ["Patchwork:Audit:CheckpointPath"] = CheckpointPath,
        ["Patchwork:Audit:CheckpointKey"] = CheckpointKey,
    };

    /// <summary>Runs SQL on the store behind the app's back, as someone with the database would.</summary>
    public abstract Task ExecuteBehindTheAppAsync(string sql);

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        await DisposeStoreAsync();
        GC.SuppressFinalize(this);
    }

    protected virtual Task DisposeStoreAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }

    protected static string NewFolder() => Path.Combine(Path.GetTempPath(), "patchwork-tests", Guid.NewGuid().ToString("N"));
}

public sealed class SqliteGovernanceHarness() : GovernanceHarness(NewFolder())
{
    public override Task ExecuteBehindTheAppAsync(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Folder, "patchwork.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }
}

public sealed class PostgreSqlGovernanceHarness : GovernanceHarness
{
    private PostgreSqlGovernanceHarness(string connectionString, string? migrationConnectionString)
        : base(NewFolder())
    {
        ConnectionString = connectionString;
        MigrationConnectionString = migrationConnectionString;
    }

    public string ConnectionString { get; }

    public string? MigrationConnectionString { get; }

    public static async Task<PostgreSqlGovernanceHarness> CreateAsync(PostgreSqlServer server) =>
        new(await server.NewDatabaseAsync(), null);

    /// <summary>
    /// A database owned by an owner role that runs the migrations, and an app role that gets only what the owner
    /// grants it; the app connects as the app role.
    /// </summary>
    public static async Task<PostgreSqlGovernanceHarness> CreateWithOwnerAsync(PostgreSqlServer server)
    {
        var admin = await server.NewDatabaseAsync();
        var database = new NpgsqlConnectionStringBuilder(admin).Database!;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (owner, app) = ($"owner_{suffix}", $"app_{suffix}");
        await PostgreSqlServer.ExecuteAsync(admin, $"""
            CREATE ROLE {owner} LOGIN PASSWORD 'owner-secret';
            CREATE ROLE {app} LOGIN PASSWORD 'app-secret';
            ALTER DATABASE {database} OWNER TO {owner};
            ALTER SCHEMA public OWNER TO {owner};
            REVOKE ALL ON SCHEMA public FROM PUBLIC;
            """);
        var builder = new NpgsqlConnectionStringBuilder(admin);
        return new(
            new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Username = app, Password = "app-secret" }.ToString(),
            new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Username = owner, Password = "owner-secret" }.ToString());
    }

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Patchwork:Governance:Store"] = "PostgreSql";
        settings["Patchwork:Governance:PostgreSql:ConnectionString"] = ConnectionString;
        settings["Patchwork:Governance:PostgreSql:MigrationConnectionString"] = MigrationConnectionString;
        return settings;
    }

    public override Task ExecuteBehindTheAppAsync(string sql) => PostgreSqlServer.ExecuteAsync(ConnectionString, sql);

    protected override Task DisposeStoreAsync()
    {
        NpgsqlConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}
