using System.Text.Json.Nodes;
using Patchwork.Cli.Infrastructure;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;

namespace Patchwork.Cli.Queries;

/// <summary>A network as JSON for scripts or as two tables (nodes, then edges) for people.</summary>
internal static class NetworkOutput
{
    public static Task WriteAsync(TextWriter output, GraphNetwork network, bool json) =>
        json ? JsonOutput.WriteAsync(output, ToJson(network)) : WriteTablesAsync(output, network);

    public static JsonObject ToJson(GraphNetwork network)
    {
        var nodes = new JsonArray();
        foreach (var node in network.Nodes)
        {
            nodes.Add(Node(node, network.AsOf));
        }

        var edges = new JsonArray();
        foreach (var edge in network.Edges)
        {
            edges.Add(Edge(edge));
        }

        var omitted = new JsonObject();
        foreach (var kind in Enum.GetValues<NodeKind>())
        {
            omitted[kind.Name()] = network.Omitted.GetValueOrDefault(kind);
        }

        return new JsonObject
        {
            ["focus"] = new JsonObject { ["kind"] = network.Focus.Kind.Name(), ["id"] = network.Focus.Id },
            ["asOf"] = BulkValuesText.Date(network.AsOf),
            ["nodes"] = nodes,
            ["edges"] = edges,
            ["omitted"] = omitted,
        };
    }

    private static JsonObject Node(NetworkNode entry, DateOnly asOf)
    {
        var json = new JsonObject
        {
            ["id"] = entry.Node.Id,
            ["kind"] = entry.Node.Kind.Name(),
            ["name"] = entry.Node.DisplayName,
            ["ring"] = entry.Ring,
        };
        switch (entry.Node)
        {
            case Person p:
                json["dateOfBirth"] = p.DateOfBirth is { } born ? BulkValuesText.Date(born) : null;
                json["age"] = p.AgeAt(asOf);
                json["gender"] = p.Gender == Gender.Unknown ? null : p.Gender.Name();
                json["client"] = entry.IsClient;
                break;
            case Household h:
                json["address"] = h.Address;
                json["postcode"] = h.Postcode;
                break;
            case Professional p:
                json["jobTitle"] = p.JobTitle;
                json["phone"] = p.Phone;
                json["email"] = p.Email;
                break;
            case Agency a:
                json["agencyKind"] = a.AgencyKind;
                json["sensitive"] = a.Sensitive;
                break;
        }

        return json;
    }

    private static JsonObject Edge(Relationship edge)
    {
        var json = new JsonObject
        {
            ["type"] = edge.Type.TypeName(),
            ["from"] = edge.FromId,
            ["to"] = edge.ToId,
            ["since"] = BulkValuesText.Date(edge.Period.Since),
            ["until"] = edge.Period.Until is { } until ? BulkValuesText.Date(until) : null,
        };
        switch (edge)
        {
            case FamilyTie f:
                json["kind"] = f.Kind.Name();
                break;
            case Involvement i:
                json["role"] = i.Role;
                json["lead"] = i.Lead;
                json["sensitive"] = i.Sensitive;
                break;
            case Employment e:
                json["team"] = e.Team;
                break;
        }

        return json;
    }

    private static async Task WriteTablesAsync(TextWriter output, GraphNetwork network)
    {
        var focus = network.Find(network.Focus);
        await output.WriteLineAsync($"{network.Focus.Kind.Label()} {network.Focus.Id}{(focus is null ? "" : $" ({focus.Node.DisplayName})")} on {BulkValuesText.Date(network.AsOf)}: {network.Nodes.Count} nodes, {network.Edges.Count} relationships").ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        var nodes = new Table("RING", "KIND", "ID", "NAME", "DETAIL");
        foreach (var entry in network.Nodes)
        {
            nodes.Add($"{entry.Ring}", entry.Node.Kind.Name(), entry.Node.Id, entry.Node.DisplayName, Detail(entry, network.AsOf));
        }

        await nodes.WriteAsync(output).ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        var edges = new Table("TYPE", "FROM", "TO", "SINCE", "UNTIL", "DETAIL");
        foreach (var edge in network.Edges)
        {
            edges.Add(edge.Type.TypeName(), edge.FromId, edge.ToId, BulkValuesText.Date(edge.Period.Since), edge.Period.Until is { } until ? BulkValuesText.Date(until) : "", Detail(edge));
        }

        await edges.WriteAsync(output).ConfigureAwait(false);
        if (network.OmittedCount > 0)
        {
            var parts = network.Omitted.Where(o => o.Value > 0).OrderBy(o => o.Key).Select(o => $"{o.Value} {(o.Value == 1 ? o.Key.Name() : o.Key == NodeKind.Agency ? "agencies" : o.Key.Name() + "s")}");
            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteLineAsync($"Not shown (over the cap): {string.Join(", ", parts)}.").ConfigureAwait(false);
        }
    }

    private static string Detail(NetworkNode entry, DateOnly asOf) => entry.Node switch
    {
        Person p => string.Join(", ", new[]
        {
            p.AgeAt(asOf) is { } age ? $"age {age}" : null,
            p.Gender == Gender.Unknown ? null : p.Gender.Name(),
            entry.IsClient ? "client" : null,
        }.Where(s => s is not null)),
        Household h => string.Join(", ", new[] { h.Address, h.Postcode }.Where(s => !string.IsNullOrEmpty(s))),
        Professional p => string.Join(", ", new[] { p.JobTitle, p.Phone, p.Email }.Where(s => !string.IsNullOrEmpty(s))),
        Agency a => a.Sensitive ? $"{a.AgencyKind}, sensitive" : a.AgencyKind,
        _ => "",
    };

    private static string Detail(Relationship edge) => edge switch
    {
        FamilyTie f => f.Kind.Name(),
        Involvement i => string.Join(", ", new[] { i.Role, i.Lead ? "lead" : null, i.Sensitive ? "sensitive" : null }.Where(s => s is not null)),
        Employment e => e.Team ?? "",
        _ => "",
    };
}
