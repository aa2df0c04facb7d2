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
    public async Task AuditVerify_the_newest_record_deleted_fails_naming_the_tail()
    {
        await AppendAsync(3);
        await SqlAsync("DROP TRIGGER audit_no_delete; DELETE FROM audit_person WHERE seq = 3; DELETE FROM audit WHERE seq = 3;");

        var result = await cli.RunAsync("audit", "verify");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("the newest record is missing: the trail ends at 2, the last checkpoint is 3", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_the_newest_16_records_deleted_fails_saying_how_many()
    {
        await AppendAsync(20);
        await SqlAsync("DROP TRIGGER audit_no_delete; DELETE FROM audit_person WHERE seq > 4; DELETE FROM audit WHERE seq > 4;");

        var result = await cli.RunAsync("audit", "verify");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("the newest 16 records are missing: the trail ends at 4, the last checkpoint is 20", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_every_record_deleted_fails_saying_the_trail_is_empty()
    {
        await AppendAsync(5);
        await SqlAsync("DROP TRIGGER audit_no_delete; DELETE FROM audit_person; DELETE FROM audit;");

        var result = await cli.RunAsync("audit", "verify");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("every record is missing: the trail is empty, the last checkpoint is 5", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_a_chain_rewritten_with_fresh_hashes_fails_against_the_checkpoints()
    {
        await AppendAsync(4);
        // Going round the triggers and recomputing every hash from record 2 on keeps the chain itself whole.
        await SqlAsync("DROP TRIGGER audit_no_update;");
        await using (var connection = await OpenAsync())
        {
            var previous = "";
            for (var seq = 1; seq <= 4; seq++)
            {
                await using var read = connection.CreateCommand();
                read.CommandText = $"SELECT at, details, previous_hash, hash FROM audit WHERE seq = {seq}";
                await using var reader = await read.ExecuteReaderAsync(Ct);
                await reader.ReadAsync(Ct);
                var at = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0));
                var details = reader.GetString(1);
                if (seq == 1)
                {
                    previous = reader.GetString(3);
                    continue;
                }

                var entry = new AuditEntry("PR009", "Someone Else", AuditActions.ViewNetwork, "person:P001", ["P001", "P002"], null, details);
                var hash = AuditRecord.ComputeHash(seq, at, entry, previous);
                await reader.CloseAsync();
                await using var write = connection.CreateCommand();
                write.CommandText = "UPDATE audit SET actor = 'PR009', actor_name = 'Someone Else', previous_hash = $previous, hash = $hash WHERE seq = $seq";
                write.Parameters.AddWithValue("$previous", previous);
                write.Parameters.AddWithValue("$hash", hash);
                write.Parameters.AddWithValue("$seq", seq);
                await write.ExecuteNonQueryAsync(Ct);
                previous = hash;
            }
        }

        var result = await cli.RunAsync("audit", "verify");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("3 records, the first 2, do not match their signed checkpoints", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("does not follow", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_index_rows_deleted_fails_naming_the_person_and_how_many()
    {
        await AppendAsync(3);
        await AppendAsync(7, "P004");
        await SqlAsync("DELETE FROM audit_person WHERE person_id = 'P004';");

        var before = await cli.RunAsync("audit", "show", "--person", "P004");
        Assert.Contains("0 record(s).", before.Output, StringComparison.Ordinal);
        var result = await cli.RunAsync("audit", "verify");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("the index of who looked at P004 lacks 7 records", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("P001", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_an_index_row_moved_to_someone_else_fails_naming_both()
    {
        await AppendAsync(3);
        await SqlAsync("UPDATE audit_person SET person_id = 'P009' WHERE person_id = 'P001' AND seq = 2;");

        var result = await cli.RunAsync("audit", "verify");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("the index of who looked at P001 lacks 1 record", result.Error, StringComparison.Ordinal);
        Assert.Contains("the index of who looked at P009 has 1 record that is not about them", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_an_extra_index_row_fails()
    {
        await AppendAsync(3);
        await SqlAsync("PRAGMA foreign_keys = OFF; INSERT INTO audit_person(person_id, seq) VALUES ('P002', 99), ('P003', 1);");

        var result = await cli.RunAsync("audit", "verify");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("the index of who looked at P002 has 1 record that is not about them", result.Error, StringComparison.Ordinal);
        Assert.Contains("the index of who looked at P003 has 1 record that is not about them", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_the_checkpoint_file_deleted_fails()
    {
        await AppendAsync(3);
        File.Delete(cli.Db + ".checkpoints");

        var result = await cli.RunAsync("audit", "verify");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("checkpoint file", result.Error, StringComparison.Ordinal);
        Assert.Contains("is missing while the trail has 3 records", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_the_key_file_deleted_fails_and_makes_no_new_key()
    {
        await AppendAsync(3);
        File.Delete(cli.Db + ".checkpoints.key");

        var result = await cli.RunAsync("audit", "verify");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("checkpoint key file", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.Db + ".checkpoints.key"));
    }

    [Fact]
    public async Task AuditVerify_an_altered_checkpoint_line_fails()
    {
        await AppendAsync(3);
        var path = cli.Db + ".checkpoints";
        var lines = await File.ReadAllLinesAsync(path, Ct);
        Assert.Equal(3, lines.Length);
        // Someone who deleted records 2 and 3 moves the last checkpoint back to match; they cannot sign it.
        var fields = lines[1].Split('\t');
        lines[2] = string.Join('\t', "3", fields[1], fields[2], fields[3]);
        await File.WriteAllLinesAsync(path, lines, Ct);

        var result = await cli.RunAsync("audit", "verify");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("the checkpoint on line 3 (record 3) has a signature that does not match", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_reads_the_checkpoints_where_configuration_or_the_option_puts_them()
    {
        var elsewhere = Path.Combine(cli.Folder("vault"), "audit.checkpoints");
        await AppendAsync(3, checkpoints: elsewhere);
        Assert.True(File.Exists(elsewhere));
        Assert.False(File.Exists(cli.Db + ".checkpoints"));

        var found = await cli.RunAsync("audit", "verify", "--checkpoints", elsewhere);
        Assert.True(found.ExitCode == 0, found.ToString());
        var missed = await cli.RunAsync("audit", "verify");
        Assert.Equal(1, missed.ExitCode);
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

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={cli.Db};Pooling=False");
        await connection.OpenAsync(Ct);
        return connection;
    }

    private async Task SqlAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var tamper = connection.CreateCommand();
        tamper.CommandText = sql;
        await tamper.ExecuteNonQueryAsync(Ct);
    }

    private async Task AppendAsync(int count, string person = "P001", string? checkpoints = null)
    {
        var services = new ServiceCollection();
        var settings = checkpoints is null ? [] : new Dictionary<string, string?> { ["Patchwork:Audit:CheckpointPath"] = checkpoints };
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSqliteGraphStore(o => o.Path = cli.Db);
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IGraphStore>().InitializeAsync(TestContext.Current.CancellationToken);
        var audit = provider.GetRequiredService<IAuditTrail>();
        for (var i = 0; i < count; i++)
        {
            await audit.AppendAsync(new AuditEntry("PR001", "Sam Adeyemi", AuditActions.ViewNetwork, $"person:{person}", [person, "P002"], null, $"view {i}"), TestContext.Current.CancellationToken);
        }
    }
}
