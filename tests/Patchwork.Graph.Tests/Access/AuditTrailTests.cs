using Microsoft.Data.Sqlite;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Tests.Contract;

namespace Patchwork.Graph.Tests.Access;

public sealed class AuditTrailTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Verify_an_untouched_chain_is_intact()
    {
        await using var governed = await Governed.CreateAsync(new District());
        for (var i = 0; i < 5; i++)
        {
            await governed.Audit.AppendAsync(new AuditEntry("sw", "Sam", AuditActions.ViewNetwork, "person:c1", ["c1", "m1"], null, $"view {i}"), Ct);
        }

        var result = await governed.Audit.VerifyAsync(Ct);
        Assert.True(result.IsIntact);
        Assert.Equal(5, result.RecordsChecked);
    }

    [Fact]
    public async Task Append_the_store_refuses_to_update_or_delete_a_record()
    {
        await using var governed = await Governed.CreateAsync(new District());
        await governed.Audit.AppendAsync(new AuditEntry("sw", "Sam", AuditActions.ViewNetwork, "person:c1", ["c1"]), Ct);
        using var connection = new SqliteConnection($"Data Source={governed.DatabasePath}");
        connection.Open();
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE audit SET actor = 'someone-else'";
        Assert.Throws<SqliteException>(() => update.ExecuteNonQuery());
        update.CommandText = "DELETE FROM audit";
        Assert.Throws<SqliteException>(() => update.ExecuteNonQuery());
    }

    [Fact]
    public async Task Verify_an_edited_record_breaks_the_chain_at_that_record()
    {
        await using var governed = await Governed.CreateAsync(new District());
        for (var i = 0; i < 4; i++)
        {
            await governed.Audit.AppendAsync(new AuditEntry("sw", "Sam", AuditActions.ViewNetwork, "person:c1", ["c1"]), Ct);
        }

        // Someone with the file goes round the append-only triggers and rewrites who looked.
        using (var connection = new SqliteConnection($"Data Source={governed.DatabasePath}"))
        {
            connection.Open();
            using var tamper = connection.CreateCommand();
            tamper.CommandText = "DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'nobody' WHERE seq = 3;";
            tamper.ExecuteNonQuery();
        }

        var result = await governed.Audit.VerifyAsync(Ct);
        Assert.False(result.IsIntact);
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Contains("changed", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_a_deleted_record_breaks_the_chain()
    {
        await using var governed = await Governed.CreateAsync(new District());
        for (var i = 0; i < 4; i++)
        {
            await governed.Audit.AppendAsync(new AuditEntry("sw", "Sam", AuditActions.Search, "Turner", []), Ct);
        }

        using (var connection = new SqliteConnection($"Data Source={governed.DatabasePath}"))
        {
            connection.Open();
            using var tamper = connection.CreateCommand();
            tamper.CommandText = "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 2;";
            tamper.ExecuteNonQuery();
        }

        var result = await governed.Audit.VerifyAsync(Ct);
        Assert.False(result.IsIntact);
        Assert.Equal(2, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task ForPerson_lists_who_looked_newest_first()
    {
        await using var governed = await Governed.CreateAsync(new District());
        await governed.Audit.AppendAsync(new AuditEntry("sw", "Sam", AuditActions.ViewNetwork, "person:c1", ["c1"]), Ct);
        await governed.Audit.AppendAsync(new AuditEntry("sn", "Nia", AuditActions.StepOut, "person:g1", ["g1"]), Ct);
        await governed.Audit.AppendAsync(new AuditEntry("po", "Pat", AuditActions.ViewNetwork, "person:c1", ["c1", "m1"]), Ct);

        var records = await governed.Audit.ForPersonAsync("c1", cancellationToken: Ct);
        Assert.Equal(["po", "sw"], records.Select(r => r.Entry.Actor));
    }
}
