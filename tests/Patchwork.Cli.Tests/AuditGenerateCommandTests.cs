using Microsoft.Data.Sqlite;

namespace Patchwork.Cli.Tests;

/// <summary>
/// A trail made by <c>audit generate</c> spans several of the verifier's batches (8,192 records each), so these show
/// that hashing batches on several cores still finds the first broken record, wherever it falls.
/// </summary>
public sealed class AuditGenerateCommandTests : IDisposable
{
    private const string Records = "20000";
    private readonly CliHarness cli = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AuditGenerate_makes_a_trail_that_verifies_and_continues_it_when_run_again()
    {
        await GenerateAsync();
        await GenerateAsync("--seed", "2");
        var result = await cli.RunAsync("audit", "verify");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("intact: 40,000 records", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_finds_the_first_of_two_edited_records_in_different_batches()
    {
        await GenerateAsync();
        await SqlAsync("DROP TRIGGER audit_no_update; UPDATE audit SET details = 'edited' WHERE seq IN (9000, 17000);");
        var result = await cli.RunAsync("audit", "verify");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("record 9,000 was changed after it was written", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("17,000", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_an_edit_with_text_that_is_not_ascii_is_found()
    {
        await GenerateAsync();
        await SqlAsync("DROP TRIGGER audit_no_update; UPDATE audit SET actor_name = 'Zoë Brontë' WHERE seq = 12345;");
        var result = await cli.RunAsync("audit", "verify");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("record 12,345 was changed after it was written", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_a_fork_is_found_where_it_starts()
    {
        await GenerateAsync();
        // A second branch from record 14,999: record 15,000 is chained to 14,998 instead, with a hash that is
        // right for what it now says, so only the link to the record before it is wrong.
        await SqlAsync("""
            DROP TRIGGER audit_no_update;
            UPDATE audit SET previous_hash = (SELECT hash FROM audit WHERE seq = 14998) WHERE seq = 15000;
            """);
        var result = await cli.RunAsync("audit", "verify");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("record 15,000 does not follow the record before it", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_an_edit_before_a_missing_record_is_named_first()
    {
        await GenerateAsync();
        await SqlAsync("""
            DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;
            UPDATE audit SET reason = 'edited' WHERE seq = 16000;
            DELETE FROM audit_person WHERE seq = 18000; DELETE FROM audit WHERE seq = 18000;
            """);
        var result = await cli.RunAsync("audit", "verify");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("record 16,000 was changed after it was written", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("missing", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_a_missing_record_before_an_edit_is_named_first()
    {
        await GenerateAsync();
        await SqlAsync("""
            DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;
            DELETE FROM audit_person WHERE seq = 3000; DELETE FROM audit WHERE seq = 3000;
            UPDATE audit SET reason = 'edited' WHERE seq = 16000;
            """);
        var result = await cli.RunAsync("audit", "verify");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("record 3,000 is missing", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("16,000", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_an_index_row_removed_from_a_generated_trail_is_found()
    {
        await GenerateAsync();
        await SqlAsync("DELETE FROM audit_person WHERE seq = (SELECT MIN(seq) FROM audit_person WHERE seq > 10000)");
        var result = await cli.RunAsync("audit", "verify");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("lacks 1 record", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditBench_reports_an_intact_trail_and_the_records_it_checked()
    {
        await GenerateAsync();
        var result = await cli.RunAsync("audit", "bench", "--persons", "500", "--samples", "20");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\"records\": 20000", result.Output, StringComparison.Ordinal);
        Assert.Contains("\"intact\": true", result.Output, StringComparison.Ordinal);
    }

    public void Dispose() => cli.Dispose();

    private async Task GenerateAsync(params string[] more)
    {
        var result = await cli.RunAsync(["audit", "generate", "--records", Records, "--persons", "500", .. more]);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private async Task SqlAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={cli.Db};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }
}
