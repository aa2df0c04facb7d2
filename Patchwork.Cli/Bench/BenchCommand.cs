using System.CommandLine;
using Patchwork.Cli.Generate;
using Patchwork.Cli.Infrastructure;

namespace Patchwork.Cli.Bench;

/// <summary>
/// <c>bench</c>: how fast the store answers the product's questions for a district of a given size, against the
/// in-memory floor, with import throughput, the store's size on disk and the peak memory of the process.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(CommonOptions common)
    {
        var persons = CommonOptions.Count("--persons", "How many people the generated district has (used when the store is missing or empty, and for the timed import).", 10_000, 1, 50_000_000);
        var seed = new Option<int>("--seed") { Description = "The seed for the district and for the focuses drawn: the same seed asks the same questions.", HelpName = "S", DefaultValueFactory = _ => 1 };
        var samples = CommonOptions.Count("--samples", "Timed samples per question (as many again warm up first).", 200, 1);
        var asOf = CommonOptions.AsOf();
        asOf.Description = $"The day to ask about, YYYY-MM-DD (default: the generated district's reference day, {DistrictGenerator.ReferenceDay:yyyy-MM-dd}).";
        var json = CommonOptions.Json();
        var save = new Option<string?>("--save") { Description = "Also write the JSON to this file (for bench/plot).", HelpName = "FILE" };
        var command = new Command("bench", "Time every question of the store over random focuses, with the in-memory floor; generate and import a district first when --db is missing or empty. It writes a few people of its own to the store.")
        {
            persons, seed, samples, asOf, json, save,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var db = parsed.GetValue(common.Db);
            if (string.IsNullOrWhiteSpace(db))
            {
                throw new UsageException("bench needs --db PATH: it writes to the store, so name a store made for benchmarking.");
            }

            var options = new BenchOptions(db, parsed.GetValue(persons), parsed.GetValue(seed), parsed.GetValue(samples), parsed.GetValue(asOf) ?? DistrictGenerator.ReferenceDay);
            var result = await new StoreBenchmark(common.Context, options).RunAsync(cancellationToken).ConfigureAwait(false);
            if (parsed.GetValue(save) is { } file)
            {
                await File.WriteAllTextAsync(file, result.ToJson().ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n", cancellationToken).ConfigureAwait(false);
            }

            if (parsed.GetValue(json))
            {
                await JsonOutput.WriteAsync(common.Context.Output, result.ToJson()).ConfigureAwait(false);
            }
            else
            {
                await result.WriteTableAsync(common.Context.Output).ConfigureAwait(false);
            }

            return Cli.Ok;
        });
        return command;
    }
}
