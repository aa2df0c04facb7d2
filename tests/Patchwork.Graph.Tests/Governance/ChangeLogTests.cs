using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Changes;
using Patchwork.Graph.Governance;
using Patchwork.Graph.Storage;
using Patchwork.Graph.Tests.Access;
using Patchwork.Graph.Tests.Contract;

namespace Patchwork.Graph.Tests.Governance;

/// <summary>A change through the change service lands in the change log with its audit record, on each governance store.</summary>
public sealed class ChangeLogTests(PostgreSqlServer server)
{
    private static readonly DateOnly Today = Governed.Today;
    private static readonly Patchwork.Graph.Access.Viewer Sam = Governed.Practitioner("sw");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static District Turners() => new District()
        .Agency("csc", "Children's Services").Agency("nhs", "Northvale Health", kind: "health")
        .Professional("sw", "Sam", "Adeyemi").Professional("sn", "Nia", "Shah")
        .WorksFor("sw", "csc").WorksFor("sn", "nhs")
        .Person("ava", "Ava", "Turner")
        .Involved("sw", "ava", lead: true);

    [Fact]
    public async Task On_sqlite_a_change_its_audit_record_and_its_change_log_line_commit_together_or_not_at_all()
    {
        await using var governed = await Governed.CreateAsync(Turners());
        var changes = governed.Services.GetRequiredService<ChangeService>();
        var log = governed.Services.GetRequiredService<IChangeLog>();

        var revision = await changes.AddInvolvementAsync(Sam, "ava", 0, new NewInvolvement("sn", "School nurse", Lead: false, Sensitive: false, Today), Ct);
        // Stale: the editor saw revision 0, the network is at 1 now. Neither an audit record nor a log line.
        await Assert.ThrowsAsync<StaleWriteException>(() => changes.EndInvolvementAsync(Sam, "ava", 0, "sn", Today.AddDays(1), Ct));

        var line = Assert.Single(await log.ChangesAfterAsync(0, cancellationToken: Ct));
        Assert.Equal(("ava", revision.Number, Sam.Name), (line.PersonId, line.Revision.Number, line.Revision.ChangedBy));
        Assert.Single(await governed.Audit.ForPersonAsync("ava", cancellationToken: Ct), r => r.Entry.Action == AuditActions.Change);
    }

    [Fact]
    public async Task With_the_graph_in_sqlite_and_governance_in_postgresql_a_change_is_audited_and_logged_in_postgresql_and_heard_by_another_server()
    {
        var connection = await server.NewDatabaseAsync();
        var folder = Path.Combine(Path.GetTempPath(), "patchwork-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?>
        {
            ["Patchwork:Sqlite:Path"] = Path.Combine(folder, "graph.db"),
            ["Patchwork:Audit:CheckpointPath"] = Path.Combine(folder, "audit.checkpoints"),
            ["Patchwork:Audit:CheckpointKey"] = GovernanceHarness.CheckpointKey,
            ["Patchwork:Governance:Store"] = "PostgreSql",
            ["Patchwork:Governance:PostgreSql:ConnectionString"] = connection,
        };
        await using var a = App(settings);
        await using var b = App(settings);
        try
        {
            var store = a.GetRequiredService<IGraphStore>();
            await store.InitializeAsync(Ct);
            await Turners().WriteToAsync(store, Ct);
            var heard = new ConcurrentQueue<NetworkChanged>();
            var arrived = new SemaphoreSlim(0);
            var feedB = Assert.IsType<SharedNetworkChangeFeed>(b.GetRequiredService<INetworkChangeFeed>());
            using var listening = feedB.Subscribe(c =>
            {
                heard.Enqueue(c);
                arrived.Release();
                return Task.CompletedTask;
            });
            await feedB.Ready.WaitAsync(Ct);

            var revision = await a.GetRequiredService<ChangeService>().AddInvolvementAsync(Sam, "ava", 0, new NewInvolvement("sn", "School nurse", Lead: false, Sensitive: false, Today), Ct);

            Assert.True(await arrived.WaitAsync(TimeSpan.FromSeconds(2), Ct), "server B did not hear of the change made on server A");
            Assert.Contains(heard, c => c.PersonId == "ava" && c.Revision.Number == revision.Number);
            var trail = b.GetRequiredService<IAuditTrail>();
            Assert.Single(await trail.ForPersonAsync("ava", cancellationToken: Ct), r => r.Entry.Action == AuditActions.Change);
            Assert.True((await trail.VerifyAsync(Ct)).IsIntact);
            // The graph's own file holds no audit record: there is one trail, in PostgreSQL.
            await using var file = new SqliteConnection($"Data Source={Path.Combine(folder, "graph.db")};Pooling=False");
            await file.OpenAsync(Ct);
            await using var count = file.CreateCommand();
            count.CommandText = "SELECT count(*) FROM audit";
            Assert.Equal(0L, (long)(await count.ExecuteScalarAsync(Ct))!);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    private static ServiceProvider App(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddGraphStore(configuration);
        services.AddPatchworkDomain();
        return services.BuildServiceProvider();
    }
}
