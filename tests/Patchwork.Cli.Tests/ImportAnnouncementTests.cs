using Microsoft.Data.Sqlite;

namespace Patchwork.Cli.Tests;

/// <summary>An import into a store in use writes a change-log line for each person it touched, so open screens redraw.</summary>
public sealed class ImportAnnouncementTests : IDisposable
{
    private readonly CliHarness cli = new();

    [Fact]
    public async Task A_first_load_logs_nothing_and_a_later_import_logs_each_person_it_touched_once()
    {
        await cli.OkAsync("import", new District().WriteTo(cli.Folder("first")));
        Assert.Empty(await LoggedPeopleAsync());

        await cli.OkAsync("import", new District("B").WriteTo(cli.Folder("second")));

        Assert.Equal(["BP1", "BP2", "BP3", "BP4", "BP5", "BP6"], (await LoggedPeopleAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_later_import_of_a_status_alone_logs_the_person_it_is_about()
    {
        await cli.OkAsync("import", new District().WriteTo(cli.Folder("first")));
        var statuses = cli.Folder("statuses");
        Directory.CreateDirectory(statuses);
        await File.WriteAllTextAsync(
            Path.Combine(statuses, "status.csv"),
            ":START_ID(Agency),:END_ID(Person),status,since:date,until:date,:TYPE\nA1,P1,child-protection-plan,2026-03-03,,STATUS\n",
            TestContext.Current.CancellationToken);

        await cli.OkAsync("import", statuses);

        Assert.Equal(["P1"], await LoggedPeopleAsync());
    }

    private async Task<List<string>> LoggedPeopleAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={cli.Db};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT person_id FROM change_log ORDER BY seq";
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var people = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            people.Add(reader.GetString(0));
        }

        return people;
    }

    public void Dispose() => cli.Dispose();
}
