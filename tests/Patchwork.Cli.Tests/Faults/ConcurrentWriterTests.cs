using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Patchwork.Graph.Model;
using Patchwork.Graph.Storage;

namespace Patchwork.Cli.Tests.Faults;

/// <summary>
/// Many writers on one store file: two <c>patchwork import</c> processes at once and writers in this process
/// through stores of their own. SQLite has one writer at a time; the others wait (busy timeout) instead of failing,
/// so no caller ever sees "database is locked", and every write lands.
/// </summary>
public sealed class ConcurrentWriterTests : IDisposable
{
    private const int Persons = 5_000;
    private const int WritesPerWriter = 60;
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task Two_import_processes_and_writers_in_process_on_one_file_all_succeed()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var first = Path.Combine(cli.Root, "first");
        await cli.OkAsync("generate", "--persons", Persons.ToString(System.Globalization.CultureInfo.InvariantCulture), first);
        var second = ChildCli.CopyWithPrefix(first, Path.Combine(cli.Root, "second"), "B");
        await cli.OkAsync("stats");

        // Two stores in this process, each with connections of its own, as two apps on one file would have.
        var context = new Infrastructure.CliContext(TextWriter.Null, TextWriter.Null, configuration: new ConfigurationBuilder().Build());
        await using var a = await Infrastructure.StoreSession.OpenAsync(context, cli.Db, cancellationToken);
        await using var b = await Infrastructure.StoreSession.OpenAsync(context, cli.Db, cancellationToken);
        IGraphStore[] stores = [a.Store, b.Store];
        using var one = ChildCli.Start("import", first, "--db", cli.Db);
        using var two = ChildCli.Start("import", second, "--db", cli.Db);
        var writers = stores.Select((store, n) => Task.Run(() => WriteAsync(store, $"W{n}-", cancellationToken), cancellationToken)).ToList();

        var results = new[] { await one.WaitAsync(cancellationToken), await two.WaitAsync(cancellationToken) };
        await Task.WhenAll(writers);

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.All(results, r => Assert.DoesNotContain("locked", r.Error, StringComparison.OrdinalIgnoreCase));
        var stats = JsonNode.Parse(await cli.OkAsync("stats", "--json"))!;
        Assert.Equal((2 * Persons) + (stores.Length * WritesPerWriter), (int)stats["nodes"]!["Person"]!);
        Assert.Equal("ok", ChildCli.IntegrityCheck(cli.Db));
    }

    /// <summary>A person and their membership of a household of their own, one transaction each, many times.</summary>
    private static async Task WriteAsync(IGraphStore store, string prefix, CancellationToken cancellationToken)
    {
        var recorded = new Recorded(DateTimeOffset.UtcNow, "test");
        for (var i = 0; i < WritesPerWriter; i++)
        {
            await store.AddNodeAsync(new Person($"{prefix}P{i}", "Concurrent", $"Writer{i}"), cancellationToken);
            await store.AddNodeAsync(new Household($"{prefix}H{i}", $"Writer {i} household"), cancellationToken);
            await store.AddRelationshipAsync(new Membership($"{prefix}P{i}", $"{prefix}H{i}", new Period(new DateOnly(2020, 1, 1)), recorded), cancellationToken);
        }
    }
}
