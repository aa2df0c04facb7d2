using System.CommandLine;
using System.Text.Json.Nodes;
using Patchwork.Cli.Infrastructure;

namespace Patchwork.Cli.Stats;

/// <summary><c>stats</c>: how many nodes of each label and relationships of each type the store holds.</summary>
internal static class StatsCommand
{
    public static Command Create(CommonOptions common)
    {
        var json = CommonOptions.Json();
        var command = new Command("stats", "Count the nodes per label and the relationships per type.") { json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await common.OpenStoreAsync(parsed, cancellationToken).ConfigureAwait(false);
            var stats = await session.Store.GetStatsAsync(cancellationToken).ConfigureAwait(false);
            var output = common.Context.Output;
            if (parsed.GetValue(json))
            {
                await JsonOutput.WriteAsync(output, new JsonObject
                {
                    ["nodes"] = Counts(stats.Nodes),
                    ["relationships"] = Counts(stats.Relationships),
                }).ConfigureAwait(false);
                return Cli.Ok;
            }

            var table = new Table("KIND", "NAME", "COUNT");
            foreach (var (label, count) in stats.Nodes)
            {
                table.Add("node", label, $"{count:N0}");
            }

            foreach (var (type, count) in stats.Relationships)
            {
                table.Add("relationship", type, $"{count:N0}");
            }

            await table.WriteAsync(output).ConfigureAwait(false);
            return Cli.Ok;
        });
        return command;
    }

    private static JsonObject Counts(IReadOnlyDictionary<string, long> counts)
    {
        var json = new JsonObject();
        foreach (var (name, count) in counts)
        {
            json[name] = count;
        }

        return json;
    }
}
