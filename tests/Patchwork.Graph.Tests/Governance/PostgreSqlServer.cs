using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

[assembly: AssemblyFixture(typeof(Patchwork.Graph.Tests.Governance.PostgreSqlServer))]

namespace Patchwork.Graph.Tests.Governance;

/// <summary>
/// A real PostgreSQL for the governance tests: the one <c>PATCHWORK_POSTGRES</c> names (a connection string of a
/// role that may create databases and roles), or else Debian's <c>postgresql</c> binaries started here in a data
/// folder of their own, on a unix socket in that folder and a loopback port, and stopped after the last test. Each
/// test gets a database of its own. Without either, the PostgreSQL tests skip and say why.
/// </summary>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    private string? folder;
    private string? bin;
    private bool asPostgresUser;

    /// <summary>The superuser's connection string, or null when there is no server (see <see cref="Unavailable"/>).</summary>
    public string? AdminConnectionString { get; private set; }

    public string? Unavailable { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var given = Environment.GetEnvironmentVariable("PATCHWORK_POSTGRES");
        if (!string.IsNullOrWhiteSpace(given))
        {
            AdminConnectionString = given;
            return;
        }

        bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "postgres"))).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
        if (bin is null)
        {
            Unavailable = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/postgres; apt-get install postgresql) and PATCHWORK_POSTGRES is not set";
            return;
        }

        // PostgreSQL refuses to run as root: as root, the server runs as the postgres user the package made.
        asPostgresUser = Environment.UserName == "root";
        folder = Path.Combine(Path.GetTempPath(), "patchwork-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        if (asPostgresUser)
        {
            await RunAsync("chown", "postgres", folder);
        }

        var port = FreePort();
        var data = Path.Combine(folder, "data");
        await RunServerToolAsync("initdb", "-D", data, "--auth=trust", "-U", "postgres", "-E", "UTF8", "--no-sync");
        await RunServerToolAsync("pg_ctl", "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-o",
            $"-k {folder} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start");
        AdminConnectionString = new NpgsqlConnectionStringBuilder { Host = folder, Port = port, Username = "postgres", Database = "postgres", Pooling = false }.ToString();
    }

    /// <summary>A new empty database, and the superuser's connection string to it.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        if (AdminConnectionString is null)
        {
            Assert.Skip($"PostgreSQL tests skipped: {Unavailable}.");
        }

        var name = "patchwork_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAsync(AdminConnectionString, $"CREATE DATABASE {name}");
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ToString();
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (folder is null || bin is null)
        {
            return;
        }

        try
        {
            await RunServerToolAsync("pg_ctl", "-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private Task RunServerToolAsync(string tool, params string[] arguments) =>
        asPostgresUser
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin!, tool), .. arguments])
            : RunAsync(Path.Combine(bin!, tool), arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
