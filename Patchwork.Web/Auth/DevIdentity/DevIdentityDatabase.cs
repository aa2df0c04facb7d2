using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Patchwork.Web.Auth.DevIdentity;

/// <summary>
/// The provider's own stores (clients, authorizations, codes): an in-memory SQLite database that lives as long as the
/// app, kept alive by one open connection. Each context opens its own connection to it by name.
/// </summary>
internal sealed class DevIdentityDatabase : IDisposable
{
    private readonly SqliteConnection keepAlive;

    public DevIdentityDatabase()
    {
        ConnectionString = new SqliteConnectionStringBuilder
        {
            // A name of its own, so two apps in one process (tests) never share a database.
            DataSource = $"patchwork-dev-identity-{Guid.NewGuid():N}",
            Mode = SqliteOpenMode.Memory,
            Cache = SqliteCacheMode.Shared,
        }.ToString();
        keepAlive = new SqliteConnection(ConnectionString);
        keepAlive.Open();
    }

    public string ConnectionString { get; }

    public void Dispose() => keepAlive.Dispose();
}

/// <summary>OpenIddict's entities only.</summary>
internal sealed class DevIdentityDbContext(DbContextOptions<DevIdentityDbContext> options) : DbContext(options);
