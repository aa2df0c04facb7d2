using System.Text.Json.Nodes;

namespace Patchwork.Cli.Tests;

/// <summary>
/// The smoke test of <c>patchwork bench</c>: a tiny district, few samples. It checks what a script reads (the JSON
/// shape, every figure a positive number), never how fast anything was.
/// </summary>
public sealed class BenchCommandTests : IDisposable
{
    private static readonly string[] Questions =
        ["network-depth-1", "network-depth-2", "expand", "team", "search", "no-lead-first-page", "no-lead-count", "writes"];

    private static readonly string[] WithFloor = ["network-depth-1", "network-depth-2", "expand"];

    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task Bench_json_of_a_new_store_has_every_question_with_positive_figures()
    {
        var json = JsonNode.Parse(await cli.OkAsync("bench", "--persons", "2000", "--samples", "20", "--seed", "3", "--json"))!.AsObject();

        Assert.Equal(["persons", "questions", "importRowsPerSecond", "importFloorRowsPerSecond", "storeBytes", "peakMemoryBytes"], json.Select(p => p.Key));
        Assert.Equal(2000, (long)json["persons"]!);
        var questions = json["questions"]!.AsObject();
        Assert.Equal(Questions, questions.Select(q => q.Key));
        foreach (var (name, times) in questions)
        {
            string[] expected = WithFloor.Contains(name) ? ["p50", "p95", "p99", "floorP95"] : ["p50", "p95", "p99"];
            Assert.Equal(expected, times!.AsObject().Select(t => t.Key));
            Assert.All(times.AsObject(), t => Assert.True((double)t.Value! > 0, $"{name} {t.Key} is {t.Value}"));
            Assert.True((double)times["p50"]! <= (double)times["p95"]! && (double)times["p95"]! <= (double)times["p99"]!, $"{name}: {times}");
        }

        Assert.True((double)json["importRowsPerSecond"]! > 0);
        // The floor inserts the same rows with none of the store's work, so it can only be the faster of the two.
        Assert.True((double)json["importFloorRowsPerSecond"]! > (double)json["importRowsPerSecond"]!, json.ToJsonString());
        Assert.True((long)json["storeBytes"]! > 0);
        Assert.True((long)json["peakMemoryBytes"]! > 0);
    }

    [Fact]
    public async Task Bench_table_of_an_existing_store_names_every_question()
    {
        await cli.OkAsync("bench", "--persons", "1000", "--samples", "10", "--json");

        var table = await cli.OkAsync("bench", "--persons", "1000", "--samples", "10");

        foreach (var text in new[] { "network, depth 1", "network, depth 2", "expand an agency", "team of a client", "search by name prefix", "no lead: first page of 50", "no lead: count at a past date", "write: end membership", "rows/s" })
        {
            Assert.Contains(text, table, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Warning", table, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(cli.Root, ".store.db.import-*"));
    }

    [Fact]
    public async Task Bench_without_db_is_a_usage_error()
    {
        var result = await cli.RunRawAsync("bench", "--persons", "1000");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--db", result.Error, StringComparison.Ordinal);
    }
}
