using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Patchwork.Cli.Tests.Faults;

/// <summary>
/// An import killed part way (SIGKILL: no rollback code runs) leaves the store exactly as it was, its indexes in
/// place and PRAGMA integrity_check ok: the import is one transaction, and SQLite's log recovers on the next open.
/// </summary>
public sealed class KilledImportTests : IDisposable
{
    // Big enough that the import, which prepares its rows and indexes the names on threads beside the writer, is
    // still loading when the child has used the processor time WaitForLoadingAsync waits for.
    private const int Persons = 200_000;
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task Import_killed_while_loading_rows_leaves_a_store_with_data_exactly_as_before()
    {
        await cli.OkAsync("import", new District().WriteTo(cli.Folder("small")));
        var before = await cli.SnapshotAsync();
        var indexes = ChildCli.Indexes(cli.Db);
        var big = await GenerateAsync();

        using (var child = ChildCli.Start("import", big, "--db", cli.Db))
        {
            await WaitForLoadingAsync(child);
            Assert.False(child.HasExited, "The import finished before it could be killed: generate a bigger district.");
            child.Kill();
        }

        Assert.Equal("ok", ChildCli.IntegrityCheck(cli.Db));
        Assert.Equal(indexes, ChildCli.Indexes(cli.Db));
        Assert.Equal(before, await cli.SnapshotAsync());
    }

    [Fact]
    public async Task Import_into_an_empty_store_killed_while_loading_leaves_it_empty_with_its_indexes()
    {
        await cli.OkAsync("stats");
        var indexes = ChildCli.Indexes(cli.Db);
        var big = await GenerateAsync();

        using (var child = ChildCli.Start("import", big, "--db", cli.Db))
        {
            await WaitForLoadingAsync(child);
            Assert.False(child.HasExited, "The import finished before it could be killed: generate a bigger district.");
            child.Kill();
        }

        Assert.Equal("ok", ChildCli.IntegrityCheck(cli.Db));
        Assert.Equal(indexes, ChildCli.Indexes(cli.Db));
        var stats = JsonNode.Parse(await cli.OkAsync("stats", "--json"))!;
        Assert.All(stats["nodes"]!.AsObject(), pair => Assert.Equal(0, (int)pair.Value!));
        Assert.All(stats["relationships"]!.AsObject(), pair => Assert.Equal(0, (int)pair.Value!));
    }

    [Fact]
    public async Task Import_killed_while_it_commits_leaves_either_the_store_before_or_the_whole_import()
    {
        await cli.OkAsync("import", new District().WriteTo(cli.Folder("small")));
        var before = await cli.SnapshotAsync();
        var big = await GenerateAsync();
        var log = cli.Db + "-wal";
        var logBefore = File.Exists(log) ? new FileInfo(log).Length : 0;

        using (var child = ChildCli.Start("import", big, "--db", cli.Db))
        {
            // The commit writes the import's pages to the log: kill as soon as the log starts to grow.
            var deadline = Stopwatch.StartNew();
            while (!child.HasExited && (!File.Exists(log) || new FileInfo(log).Length <= Math.Max(logBefore, 64 * 1024)) && deadline.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(1, TestContext.Current.CancellationToken);
            }

            Assert.False(child.HasExited, "The import finished before it could be killed: generate a bigger district.");
            child.Kill();
        }

        Assert.Equal("ok", ChildCli.IntegrityCheck(cli.Db));
        var after = await cli.SnapshotAsync();
        if (after != before)
        {
            // The kill came after the commit record: then all of the import is there.
            var stats = JsonNode.Parse(await cli.OkAsync("stats", "--json"))!;
            Assert.Equal(Persons + 6, (int)stats["nodes"]!["Person"]!);
        }
    }

    private async Task<string> GenerateAsync()
    {
        var folder = Path.Combine(cli.Root, "big");
        await cli.OkAsync("generate", "--persons", Persons.ToString(System.Globalization.CultureInfo.InvariantCulture), folder);
        return folder;
    }

    /// <summary>Waits until the child is some way into the rows: it has used over a second of processor time.</summary>
    private static async Task WaitForLoadingAsync(ChildCli child)
    {
        var deadline = Stopwatch.StartNew();
        while (!child.HasExited && child.ProcessorTime < TimeSpan.FromSeconds(1.2) && deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }
}
