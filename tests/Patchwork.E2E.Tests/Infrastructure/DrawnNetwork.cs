using Patchwork.Graph.Access;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;

namespace Patchwork.E2E.Tests.Infrastructure;

/// <summary>
/// What the network page should draw, worked out from the store the app reads: the nodes and ties of the
/// network on the day plus what each step out added, and the ties that ended in the 30 days before.
/// </summary>
internal sealed record DrawnNetwork(IReadOnlyList<Node> Nodes, IReadOnlyList<Relationship> Edges)
{
    /// <summary>
    /// How many lines the diagram draws: one per tie, except that each person who lives in a household on screen
    /// is drawn inside one household's outline, and that membership is the outline rather than a line.
    /// </summary>
    public int Links => Edges.Count - Edges.OfType<Membership>().Where(m => !Ended.Contains(m.Key)).Select(m => m.PersonId).Distinct().Count();

    private IReadOnlySet<RelationshipKey> Ended { get; init; } = new HashSet<RelationshipKey>();

    /// <summary>The start of a node's accessible name: its kind and what its label shows.</summary>
    public static string Label(Node node) => node switch
    {
        Household { Address.Length: > 0 } household => $"Household: {household.Address}",
        _ => $"{node.Kind.Label()}: {node.DisplayName}",
    };

    public IEnumerable<string> Labels => Nodes.Select(Label);

    public Node? Find(NodeRef node) => Nodes.FirstOrDefault(n => n.Ref == node);

    /// <summary>The nodes joined to <paramref name="node"/> by a tie on screen.</summary>
    public IEnumerable<Node> Neighbours(NodeRef node) => Edges
        .Where(e => e.From == node || e.To == node)
        .Select(e => e.From == node ? e.To : e.From)
        .Distinct()
        .Select(n => Find(n)!);

    public static async Task<DrawnNetwork> OfAsync(NetworkService network, Viewer viewer, string personId, DateOnly asOf, int depth = 1, params NodeRef[] steps)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var picture = await network.OpenAsync(viewer, personId, asOf, depth, cancellationToken);
        var nodes = picture.Network.Nodes.Select(n => n.Node).ToList();
        var edges = picture.Network.Edges.ToList();
        foreach (var step in steps)
        {
            var added = await network.ExpandAsync(viewer, personId, step, asOf, cancellationToken);
            nodes.AddRange(added.Nodes.Select(n => n.Node));
            edges.AddRange(added.Edges);
        }

        nodes.AddRange(picture.RecentlyEndedNodes.Select(n => n.Node));
        edges.AddRange(picture.RecentlyEnded);
        return new DrawnNetwork([.. nodes.DistinctBy(n => n.Ref)], [.. edges.DistinctBy(e => e.Key)])
        {
            Ended = picture.RecentlyEnded.Select(e => e.Key).ToHashSet(),
        };
    }
}
