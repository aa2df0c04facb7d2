using System.CommandLine;
using System.CommandLine.Parsing;
using Patchwork.Cli.Infrastructure;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;

namespace Patchwork.Cli.Queries;

/// <summary><c>query</c>: the questions the product asks of the graph, answered from the command line.</summary>
internal static class QueryCommands
{
    public static Command Create(CommonOptions common) => new("query", "Ask the store what the web app asks it.")
    {
        Network(common),
        Expand(common),
        Team(common),
        NoLead(common),
        Search(common),
    };

    private static Command Network(CommonOptions common)
    {
        var person = new Argument<string>("PERSON_ID") { Description = "The person at the centre." };
        var asOf = CommonOptions.AsOf();
        var depth = CommonOptions.Count("--depth", "How many steps of household and family to follow.", 1, 0, NetworkLimits.MaxDepth);
        var cap = CommonOptions.Count("--cap", "The most nodes to show; the rest are counted.", NetworkLimits.DefaultNodeCap, 1);
        var json = CommonOptions.Json();
        var command = new Command("network", "The network around a person on a day.") { person, asOf, depth, cap, json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await common.OpenStoreAsync(parsed, cancellationToken).ConfigureAwait(false);
            var network = await session.Store.OpenNetworkAsync(
                parsed.GetRequiredValue(person), common.AsOfOrToday(parsed, asOf), parsed.GetValue(depth), parsed.GetValue(cap), cancellationToken).ConfigureAwait(false);
            await NetworkOutput.WriteAsync(common.Context.Output, network, parsed.GetValue(json)).ConfigureAwait(false);
            return Cli.Ok;
        });
        return command;
    }

    private static Command Expand(CommonOptions common)
    {
        var kind = new Argument<NodeKind>("KIND")
        {
            Description = "person, household, professional or agency.",
            CustomParser = ParseKind,
        };
        var id = new Argument<string>("ID") { Description = "The node to step out from." };
        var asOf = CommonOptions.AsOf();
        var cap = CommonOptions.Count("--cap", "The most nodes to show; the rest are counted.", NetworkLimits.DefaultExpandCap, 1);
        var json = CommonOptions.Json();
        var command = new Command("expand", "One step out from a node on a day.") { kind, id, asOf, cap, json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await common.OpenStoreAsync(parsed, cancellationToken).ConfigureAwait(false);
            var node = new NodeRef(parsed.GetRequiredValue(kind), parsed.GetRequiredValue(id));
            var network = await session.Store.ExpandAsync(node, common.AsOfOrToday(parsed, asOf), parsed.GetValue(cap), cancellationToken).ConfigureAwait(false);
            await NetworkOutput.WriteAsync(common.Context.Output, network, parsed.GetValue(json)).ConfigureAwait(false);
            return Cli.Ok;
        });
        return command;
    }

    private static Command Team(CommonOptions common)
    {
        var person = new Argument<string>("PERSON_ID") { Description = "The person whose team to list." };
        var asOf = CommonOptions.AsOf();
        var json = CommonOptions.Json();
        var command = new Command("team", "The professionals involved with a person on a day, with last contact and next visit.") { person, asOf, json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await common.OpenStoreAsync(parsed, cancellationToken).ConfigureAwait(false);
            var team = await session.Store.GetTeamAsync(parsed.GetRequiredValue(person), common.AsOfOrToday(parsed, asOf), cancellationToken).ConfigureAwait(false);
            await ListOutput.WriteTeamAsync(common.Context.Output, team, parsed.GetValue(json)).ConfigureAwait(false);
            return Cli.Ok;
        });
        return command;
    }

    private static Command NoLead(CommonOptions common)
    {
        var asOf = CommonOptions.AsOf();
        var skip = CommonOptions.Count("--skip", "How many clients to pass over.", 0, 0);
        var take = CommonOptions.Count("--take", "How many clients to list.", 50, 1, 10_000);
        var count = new Option<bool>("--count") { Description = "Print only how many clients have no lead." };
        var json = CommonOptions.Json();
        var command = new Command("no-lead", "Clients with no lead professional on a day, by name.") { asOf, skip, take, count, json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await common.OpenStoreAsync(parsed, cancellationToken).ConfigureAwait(false);
            var day = common.AsOfOrToday(parsed, asOf);
            var output = common.Context.Output;
            if (parsed.GetValue(count))
            {
                await output.WriteLineAsync($"{await session.Store.CountClientsWithoutLeadAsync(day, cancellationToken).ConfigureAwait(false)}").ConfigureAwait(false);
                return Cli.Ok;
            }

            var page = await session.Store.ClientsWithoutLeadAsync(day, parsed.GetValue(skip), parsed.GetValue(take), cancellationToken).ConfigureAwait(false);
            await ListOutput.WriteNoLeadAsync(output, page, day, parsed.GetValue(json)).ConfigureAwait(false);
            return Cli.Ok;
        });
        return command;
    }

    private static Command Search(CommonOptions common)
    {
        var text = new Argument<string>("TEXT") { Description = "Name prefixes (\"ava tur\") or a date of birth." };
        var limit = CommonOptions.Count("--limit", "The most results to list.", 20, 1, 1000);
        var json = CommonOptions.Json();
        var command = new Command("search", "Find people, households, professionals and agencies by name, people also by date of birth.") { text, limit, json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await common.OpenStoreAsync(parsed, cancellationToken).ConfigureAwait(false);
            var hits = await session.Store.SearchAsync(parsed.GetRequiredValue(text), parsed.GetValue(limit), cancellationToken).ConfigureAwait(false);
            await ListOutput.WriteSearchAsync(common.Context.Output, hits, parsed.GetValue(json)).ConfigureAwait(false);
            return Cli.Ok;
        });
        return command;
    }

    private static NodeKind ParseKind(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (KindNames.TryParseNodeKind(text, out var kind))
        {
            return kind;
        }

        result.AddError($"unknown kind '{text}': use person, household, professional or agency.");
        return default;
    }
}
