using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Sessions;
using Patchwork.Graph.Storage;
using Patchwork.Graph.Tests.Governance;

namespace Patchwork.Cli.Tests;

/// <summary>
/// The <c>patchwork</c> command reads <c>Patchwork:Governance</c> as the web app does: with governance in a real
/// PostgreSQL, <c>audit verify</c>, <c>audit show</c> and <c>sessions</c> work on the records the servers wrote there.
/// </summary>
public sealed class PostgreSqlGovernanceCommandTests(PostgreSqlServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Audit_and_sessions_commands_read_the_governance_records_in_postgresql()
    {
        var folder = Directory.CreateTempSubdirectory("patchwork-cli-pg-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["Patchwork:Governance:Store"] = "PostgreSql",
            ["Patchwork:Governance:PostgreSql:ConnectionString"] = await server.NewDatabaseAsync(),
            ["Patchwork:Audit:CheckpointPath"] = Path.Combine(folder, "audit.checkpoints"),
            ["Patchwork:Audit:CheckpointKey"] = "a checkpoint key the servers share",
        };
        using var cli = new CliHarness(settings: settings);
        try
        {
            await using (var app = App(settings, cli.Db))
            {
                await app.GetRequiredService<IGraphStore>().InitializeAsync(Ct);
                var audit = app.GetRequiredService<IAuditTrail>();
                for (var i = 0; i < 3; i++)
                {
                    await audit.AppendAsync(new AuditEntry("PR001", "Sam Adeyemi", AuditActions.ViewNetwork, "person:P001", ["P001"], null, $"view {i}"), Ct);
                }

                await app.GetRequiredService<SessionService>().StartAsync("k1", "PR1", "Sam Adeyemi", "sam@northvale.example", [1, 2, 3], Ct);
            }

            var verify = await cli.RunAsync("audit", "verify");
            Assert.True(verify.ExitCode == 0, verify.ToString());
            Assert.Contains("intact: 3 records", verify.Output, StringComparison.Ordinal);
            var show = await cli.RunAsync("audit", "show", "--person", "P001");
            Assert.Contains("3 record(s).", show.Output, StringComparison.Ordinal);
            var sessions = await cli.RunAsync("sessions", "list");
            Assert.Contains("Sam Adeyemi (PR1)", sessions.Output, StringComparison.Ordinal);

            // Nothing of it went to the graph's file: the command found it in PostgreSQL.
            using var local = new CliHarness();
            var elsewhere = await local.RunAsync("audit", "show", "--person", "P001");
            Assert.Contains("0 record(s).", elsewhere.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_unknown_governance_store_is_refused_naming_the_key_and_the_choices()
    {
        using var cli = new CliHarness(settings: new Dictionary<string, string?> { ["Patchwork:Governance:Store"] = "Postgres" });
        var result = await cli.RunAsync("audit", "verify");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Patchwork:Governance:Store is 'Postgres': use Sqlite (the default) or PostgreSql.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgreSql_without_a_connection_string_is_refused_naming_the_key_it_needs()
    {
        using var cli = new CliHarness(settings: new Dictionary<string, string?>
        {
            ["Patchwork:Governance:Store"] = "PostgreSql",
            ["Patchwork:Audit:CheckpointPath"] = "audit.checkpoints",
            ["Patchwork:Audit:CheckpointKey"] = "a checkpoint key the servers share",
        });
        var result = await cli.RunAsync("audit", "verify");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Patchwork:Governance:PostgreSql:ConnectionString must name the governance database", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgreSql_without_a_shared_checkpoint_file_and_key_is_refused_naming_both_keys()
    {
        using var cli = new CliHarness(settings: new Dictionary<string, string?>
        {
            ["Patchwork:Governance:Store"] = "PostgreSql",
            ["Patchwork:Governance:PostgreSql:ConnectionString"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=none",
        });
        var result = await cli.RunAsync("audit", "verify");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("set Patchwork:Audit:CheckpointPath to one file on storage every server reaches, and Patchwork:Audit:CheckpointKey to the same signing key", result.Error, StringComparison.Ordinal);
    }

    private static ServiceProvider App(Dictionary<string, string?> settings, string db)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddGovernanceStore(configuration);
        services.AddSqliteGraphStore(o => o.Path = db);
        services.AddPatchworkSessions();
        return services.BuildServiceProvider();
    }
}
