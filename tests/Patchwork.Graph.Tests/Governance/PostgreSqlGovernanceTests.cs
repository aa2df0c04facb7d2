using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Changes;
using Patchwork.Graph.Governance;
using Patchwork.Graph.Sessions;
using Patchwork.Graph.Storage.PostgreSql;

namespace Patchwork.Graph.Tests.Governance;

/// <summary>What only PostgreSQL does: servers migrating at once, an owner role, and changes announced across servers.</summary>
public sealed class PostgreSqlGovernanceTests(PostgreSqlServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly TimeSpan WithinTwoSeconds = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Servers_that_start_at_once_on_an_empty_database_migrate_it_once_and_all_start()
    {
        await using var harness = await PostgreSqlGovernanceHarness.CreateAsync(server);
        var servers = Enumerable.Range(0, 6).Select(_ => harness.Open()).ToArray();

        await Task.WhenAll(servers.Select(s => Task.Run(() => s.MigrateAsync(Ct), Ct)));

        await using var connection = new NpgsqlConnection(harness.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT count(*), max(version) FROM governance_schema", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        // One row holding the version reached: every migration ran, and ran once.
        Assert.Equal((1L, PostgreSqlSchema.Version), (reader.GetInt64(0), reader.GetInt32(1)));
    }

    [Fact]
    public async Task With_an_owner_role_the_app_role_may_add_and_read_audit_records_but_not_change_them()
    {
        await using var harness = await PostgreSqlGovernanceHarness.CreateWithOwnerAsync(server);
        var app = harness.Open();
        await app.AppendAsync(new AuditEntry("sw", "Sam", AuditActions.ViewNetwork, "person:c1", ["c1"]), Ct);
        await app.StartAsync(new UserSession("k", "pro1", "Pat", null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1)), [1], Ct);
        Assert.True(await app.EndAsync("k", DateTimeOffset.UtcNow, "signed out", Ct));

        var update = await Assert.ThrowsAsync<PostgresException>(() => harness.ExecuteBehindTheAppAsync("UPDATE audit SET actor = 'x'"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, update.SqlState);
        Assert.Contains("permission denied", update.MessageText, StringComparison.Ordinal);
        var delete = await Assert.ThrowsAsync<PostgresException>(() => harness.ExecuteBehindTheAppAsync("DELETE FROM audit_person"));
        Assert.Contains("permission denied", delete.MessageText, StringComparison.Ordinal);
        await Assert.ThrowsAsync<PostgresException>(() => harness.ExecuteBehindTheAppAsync("DROP TRIGGER audit_append_only ON audit"));

        var verification = await harness.Open().VerifyAsync(Ct);
        Assert.True(verification.IsIntact, verification.Problem);
        Assert.Equal(1, verification.RecordsChecked);
    }

    [Fact]
    public async Task A_change_logged_on_one_server_reaches_the_views_open_on_another_within_two_seconds()
    {
        await using var harness = await PostgreSqlGovernanceHarness.CreateAsync(server);
        var (a, b) = (harness.Open(), Feed(harness));
        var onB = new ConcurrentQueue<NetworkChanged>();
        var arrived = new SemaphoreSlim(0);
        using var listening = b.Subscribe(change =>
        {
            onB.Enqueue(change);
            arrived.Release();
            return Task.CompletedTask;
        });
        await b.Ready.WaitAsync(Ct);

        await a.AppendChangesAsync([new NetworkChanged("c1", new NetworkRevision(3, "Pat One", DateTimeOffset.UtcNow))], Ct);

        Assert.True(await arrived.WaitAsync(WithinTwoSeconds, Ct), "server B heard nothing of a change logged on server A");
        var change = Assert.Single(onB);
        Assert.Equal(("c1", 3L, "Pat One"), (change.PersonId, change.Revision.Number, change.Revision.ChangedBy));
    }

    [Fact]
    public async Task A_server_whose_listening_connection_was_cut_catches_up_from_the_log_by_sequence()
    {
        await using var harness = await PostgreSqlGovernanceHarness.CreateAsync(server);
        var (a, b) = (harness.Open(), Feed(harness));
        var onB = new ConcurrentQueue<NetworkChanged>();
        var arrived = new SemaphoreSlim(0);
        using var listening = b.Subscribe(change =>
        {
            onB.Enqueue(change);
            arrived.Release();
            return Task.CompletedTask;
        });
        await b.Ready.WaitAsync(Ct);

        // The database drops every listener (a failover, a network blip); the changes meanwhile carry no announcement B hears.
        await PostgreSqlServer.ExecuteAsync(harness.ConnectionString,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'LISTEN%'");
        await a.AppendChangesAsync([new NetworkChanged("c1", new NetworkRevision(1))], Ct);
        await a.AppendChangesAsync([new NetworkChanged("c2", new NetworkRevision(1))], Ct);

        Assert.True(await arrived.WaitAsync(TimeSpan.FromSeconds(5), Ct) && await arrived.WaitAsync(TimeSpan.FromSeconds(5), Ct), $"server B caught up with {onB.Count} of 2 changes");
        Assert.Equal(["c1", "c2"], onB.Select(c => c.PersonId).Order(StringComparer.Ordinal));
    }

    private static SharedNetworkChangeFeed Feed(GovernanceHarness harness) =>
        Assert.IsType<SharedNetworkChangeFeed>(harness.Services().GetRequiredService<INetworkChangeFeed>());
}
