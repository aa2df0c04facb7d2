using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Patchwork.Graph.Storage;
using Patchwork.Graph.Tests.Governance;
using Patchwork.Web.Startup;

namespace Patchwork.Integration.Tests;

/// <summary>
/// Two key rings over one governance store, as two app servers have them: what one protects (a cookie, an
/// antiforgery token) the other reads, on SQLite and on PostgreSQL; a key ring over another store cannot.
/// </summary>
public sealed class SharedKeyRingTests(PostgreSqlServer server) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("patchwork-keys-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_sqlite_what_one_server_protects_another_on_the_same_file_reads() =>
        await AssertSharedAsync(new() { ["Patchwork:Sqlite:Path"] = Path.Combine(folder, "one.db") }, new() { ["Patchwork:Sqlite:Path"] = Path.Combine(folder, "other.db") });

    [Fact]
    public async Task On_postgresql_what_one_server_protects_another_on_the_same_database_reads() =>
        await AssertSharedAsync(await PostgreSqlAsync(), await PostgreSqlAsync());

    private async Task AssertSharedAsync(Dictionary<string, string?> store, Dictionary<string, string?> otherStore)
    {
        await using var a = KeyRing(store);
        await using var b = KeyRing(store);
        await using var other = KeyRing(otherStore);

        var cookie = a.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookie").Protect("session key 42");

        Assert.Equal("session key 42", b.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookie").Unprotect(cookie));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => other.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookie").Unprotect(cookie));
    }

    private async Task<Dictionary<string, string?>> PostgreSqlAsync()
    {
        var own = Path.Combine(folder, Guid.NewGuid().ToString("N"));
        return new()
        {
            ["Patchwork:Governance:Store"] = "PostgreSql",
            ["Patchwork:Governance:PostgreSql:ConnectionString"] = await server.NewDatabaseAsync(),
            ["Patchwork:Sqlite:Path"] = Path.Combine(own, "graph.db"),
            ["Patchwork:Audit:CheckpointPath"] = Path.Combine(own, "audit.checkpoints"),
            ["Patchwork:Audit:CheckpointKey"] = "a checkpoint key for the key ring tests",
        };
    }

    private static ServiceProvider KeyRing(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddGovernanceStore(configuration);
        services.AddGovernanceKeyRing();
        return services.BuildServiceProvider();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
