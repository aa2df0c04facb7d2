using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Storage;

namespace Patchwork.Cli.Tests;

public sealed class AuditCommandTests : IDisposable
{
    private readonly CliHarness cli = new();

    [Fact]
    public async Task AuditVerify_intact_trail_passes()
    {
        await AppendAsync(3);
        var result = await cli.RunAsync("audit", "verify");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("intact: 3 records", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_one_edited_record_fails_naming_it()
    {
        await AppendAsync(3);
        await using (var connection = new SqliteConnection($"Data Source={cli.Db};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var tamper = connection.CreateCommand();
            tamper.CommandText = "DROP TRIGGER audit_no_update; UPDATE audit SET reason = 'edited afterwards' WHERE seq = 2;";
            await tamper.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var result = await cli.RunAsync("audit", "verify");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("record 2 was changed", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditShow_lists_who_looked_at_a_person_newest_first()
    {
        await AppendAsync(2);
        var result = await cli.RunAsync("audit", "show", "--person", "P001", "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\"actor\": \"PR001\"", result.Output, StringComparison.Ordinal);
        Assert.True(result.Output.IndexOf("\"sequence\": 2", StringComparison.Ordinal) < result.Output.IndexOf("\"sequence\": 1", StringComparison.Ordinal), result.Output);

        var other = await cli.RunAsync("audit", "show", "--person", "P999");
        Assert.Contains("0 record(s).", other.Output, StringComparison.Ordinal);
    }

    public void Dispose() => cli.Dispose();

    private async Task AppendAsync(int count)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSqliteGraphStore(o => o.Path = cli.Db);
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IGraphStore>().InitializeAsync(TestContext.Current.CancellationToken);
        var audit = provider.GetRequiredService<IAuditTrail>();
        for (var i = 0; i < count; i++)
        {
            await audit.AppendAsync(new AuditEntry("PR001", "Sam Adeyemi", AuditActions.ViewNetwork, "person:P001", ["P001", "P002"], null, $"view {i}"), TestContext.Current.CancellationToken);
        }
    }
}
