using Patchwork.Graph.Import;

namespace Patchwork.Cli.Tests;

public sealed class ExportCommandTests : IDisposable
{
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task Export_writes_the_ten_files_with_the_full_headers()
    {
        await cli.OkAsync("import", new District().WriteTo(cli.Folder("district")));
        var folder = Path.Combine(cli.Root, "export");

        var output = await cli.OkAsync("export", folder);

        Assert.Contains("Exported 37 rows", output, StringComparison.Ordinal);
        Assert.Equal(
            ["agencies.csv", "contacts.csv", "family.csv", "households.csv", "involved_with.csv", "member_of.csv", "persons.csv", "professionals.csv", "status.csv", "works_for.csv"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("id:ID(Person),givenName,familyName,dateOfBirth:date,gender,nhsNumber,:LABEL", File.ReadLines(Path.Combine(folder, "persons.csv")).First());
        Assert.Equal(
            ":START_ID(Professional),:END_ID(Person),role,lead:boolean,sensitive:boolean,since:date,until:date,:TYPE,recordedAt:datetime,recordedBy",
            File.ReadLines(Path.Combine(folder, "involved_with.csv")).First());
        Assert.Equal(
            ":START_ID(Professional),:END_ID(Person),at:datetime,kind,planned:boolean,seen:boolean,seenAlone:boolean,:TYPE,recordedAt:datetime,recordedBy",
            File.ReadLines(Path.Combine(folder, "contacts.csv")).First());
        Assert.Contains("H2,\"Liam Turner's flat, upstairs\",3 Canal Street,NV2 4CD,Household", File.ReadAllText(Path.Combine(folder, "households.csv")), StringComparison.Ordinal);
        Assert.Contains("PR1,P1,Child protection social worker,true,false,2025-11-03,,INVOLVED_WITH,2025-11-03T10:00:00Z,sam", File.ReadAllText(Path.Combine(folder, "involved_with.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_then_import_into_an_empty_store_gives_the_same_answers()
    {
        await cli.OkAsync("import", new District().WriteTo(cli.Folder("district")));
        await cli.OkAsync("import", new District("B").WriteTo(cli.Folder("district-b")));
        var folder = Path.Combine(cli.Root, "export");
        await cli.OkAsync("export", folder);
        using var copy = new CliHarness();

        await copy.OkAsync("import", folder);

        string[][] questions =
        [
            ["stats", "--json"],
            ["query", "network", "P1", "--as-of", "2026-06-01", "--depth", "2", "--json"],
            ["query", "network", "BP4", "--as-of", "2025-06-01", "--json"],
            ["query", "expand", "household", "H1", "--as-of", "2020-01-01", "--json"],
            ["query", "team", "P1", "--as-of", "2026-06-01", "--json"],
            ["query", "team", "BP6", "--as-of", "2024-06-01", "--json"],
            ["query", "no-lead", "--as-of", "2026-06-01", "--json"],
            ["query", "no-lead", "--as-of", "2024-06-01", "--json"],
            ["query", "search", "turner", "--json"],
        ];
        foreach (var question in questions)
        {
            Assert.Equal(await cli.OkAsync(question), await copy.OkAsync(question));
        }

        Assert.Equal(await cli.SnapshotAsync(), await copy.SnapshotAsync());
    }

    [Fact]
    public async Task Export_refuses_a_folder_that_holds_other_csv_files()
    {
        await cli.OkAsync("import", new District().WriteTo(cli.Folder("district")));
        var folder = cli.Folder("busy");
        File.WriteAllText(Path.Combine(folder, "notes.csv"), "a,b\n");

        var result = await cli.RunAsync("export", folder);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("already holds other CSV files (notes.csv)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_over_an_earlier_export_replaces_its_files()
    {
        await cli.OkAsync("import", new District().WriteTo(cli.Folder("district")));
        var folder = Path.Combine(cli.Root, "export");
        await cli.OkAsync("export", folder);
        await cli.OkAsync("import", new District("B").WriteTo(cli.Folder("district-b")));

        await cli.OkAsync("export", folder);

        Assert.Equal(13, File.ReadAllLines(Path.Combine(folder, BulkFormat.FileName(BulkFileKind.Persons))).Length);
    }
}
