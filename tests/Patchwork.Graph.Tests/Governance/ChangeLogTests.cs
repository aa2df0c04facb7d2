using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Changes;
using Patchwork.Graph.Governance;
using Patchwork.Graph.Model;
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
    public async Task On_sqlite_a_server_hears_a_change_another_process_made_to_its_file_within_two_seconds_and_its_own_changes_once()
    {
        await using var governed = await Governed.CreateAsync(Turners().Professional("hv", "Hana", "Visitor").WorksFor("hv", "nhs"));
        var feed = Assert.IsType<SharedNetworkChangeFeed>(governed.Services.GetRequiredService<INetworkChangeFeed>());
        var heard = new ConcurrentQueue<NetworkChanged>();
        var ownHeard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fromElsewhere = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listening = feed.Subscribe(change =>
        {
            heard.Enqueue(change);
            (change.Revision.ChangedBy == Sam.Name ? ownHeard : fromElsewhere).TrySetResult();
            return Task.CompletedTask;
        });
        await feed.Ready;

        // This server's own change reaches its views as it is made, before the log is next looked at.
        var own = await governed.Services.GetRequiredService<ChangeService>().AddInvolvementAsync(Sam, "ava", 0, new NewInvolvement("sn", "School nurse", Lead: false, Sensitive: false, Today), Ct);
        await ownHeard.Task.WaitAsync(SharedNetworkChangeFeed.PollInterval / 2, Ct);

        // Another process on the same file, as the patchwork command is: its change reaches this server's views
        // through the file's change log.
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<TimeProvider>(governed.Clock);
        services.AddSqliteGraphStore(o => o.Path = governed.DatabasePath);
        services.AddPatchworkDomain();
        await using (var command = services.BuildServiceProvider())
        {
            await command.GetRequiredService<ChangeService>().AddInvolvementAsync(Governed.Practitioner("sn"), "ava", own.Number, new NewInvolvement("hv", "Health visitor", Lead: false, Sensitive: false, Today), Ct);
        }

        await fromElsewhere.Task.WaitAsync(TimeSpan.FromSeconds(2), Ct);

        // Its own change's line, read back from the log since, was not told a second time.
        Assert.Single(heard, c => c.PersonId == "ava" && c.Revision.Number == own.Number);
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

    [Fact]
    public async Task On_sqlite_an_invitation_and_a_concern_are_logged_with_their_audit_records()
    {
        await using var governed = await Governed.CreateAsync(Turners());
        var changes = governed.Services.GetRequiredService<ChangeService>();
        var log = governed.Services.GetRequiredService<IChangeLog>();

        await changes.InviteAsync(Sam, "ava", "sn", "School nurse", null, Ct);
        await changes.RaiseConcernAsync(Sam, "ava", "Ava said she is frightened to go home.", Ct);

        Assert.Equal(["ava", "ava"], (await log.ChangesAfterAsync(0, cancellationToken: Ct)).Select(l => l.PersonId));
        Assert.Equal(2, (await governed.Audit.ForPersonAsync("ava", cancellationToken: Ct)).Count(r => r.Entry.Action == AuditActions.Change));
    }

    [Fact]
    public async Task With_governance_in_postgresql_a_change_the_graph_refuses_leaves_its_records_and_a_line_server_b_holds_then_lets_go()
    {
        var (settings, folder) = await PostgreSqlSettingsAsync();
        await using var a = App(settings);
        await using var b = App(settings);
        try
        {
            var store = a.GetRequiredService<IGraphStore>();
            await store.InitializeAsync(Ct);
            await Turners().WriteToAsync(store, Ct);
            var heard = new ConcurrentQueue<(NetworkChanged Change, DateTimeOffset At)>();
            var arrived = new SemaphoreSlim(0);
            var feedB = Assert.IsType<SharedNetworkChangeFeed>(b.GetRequiredService<INetworkChangeFeed>());
            using var listening = feedB.Subscribe(c =>
            {
                heard.Enqueue((c, DateTimeOffset.UtcNow));
                arrived.Release();
                return Task.CompletedTask;
            });
            await feedB.Ready.WaitAsync(Ct);
            var entry = new AuditEntry("sw", Sam.Name, AuditActions.Change, "person:ava", ["ava"], null, "added the school nurse");
            var recorded = new Recorded(DateTimeOffset.UtcNow, "sw");
            var stale = new ChangeSet("ava", 7, [new GraphWrite.AddRelationship(new Involvement("sn", "ava", "School nurse", false, false, new Period(Today), recorded))], recorded, Sam.Name, entry);

            var sent = DateTimeOffset.UtcNow;
            await Assert.ThrowsAsync<StaleWriteException>(() => store.ApplyAsync(stale, Ct));

            // The record was written first and the refusal after it: both are in the one trail.
            var trail = b.GetRequiredService<IAuditTrail>();
            Assert.Equal([AuditActions.ChangeFailed, AuditActions.Change], (await trail.ForPersonAsync("ava", cancellationToken: Ct)).Select(r => r.Entry.Action));
            // Its line names revision 8, which the graph never reaches: held, then passed on, never lost.
            var line = Assert.Single(await b.GetRequiredService<IChangeLog>().ChangesAfterAsync(0, cancellationToken: Ct));
            Assert.Equal(8, line.Revision.Number);
            Assert.True(await arrived.WaitAsync(SharedNetworkChangeFeed.GraphWait + TimeSpan.FromSeconds(3), Ct), "server B never passed on the held line");
            var (change, at) = Assert.Single(heard);
            Assert.Equal(("ava", 8L), (change.PersonId, change.Revision.Number));
            Assert.True(at - sent >= SharedNetworkChangeFeed.GraphWait - TimeSpan.FromSeconds(1), $"the line was passed on after {(at - sent).TotalSeconds:0.0} s, before the graph could have reached it");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<(Dictionary<string, string?> Settings, string Folder)> PostgreSqlSettingsAsync()
    {
        var connection = await server.NewDatabaseAsync();
        var folder = Path.Combine(Path.GetTempPath(), "patchwork-tests", Guid.NewGuid().ToString("N"));
        return (new Dictionary<string, string?>
        {
            ["Patchwork:Sqlite:Path"] = Path.Combine(folder, "graph.db"),
            ["Patchwork:Audit:CheckpointPath"] = Path.Combine(folder, "audit.checkpoints"),
            ["Patchwork:Audit:CheckpointKey"] = GovernanceHarness.CheckpointKey,
            ["Patchwork:Governance:Store"] = "PostgreSql",
            ["Patchwork:Governance:PostgreSql:ConnectionString"] = connection,
        }, folder);
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
