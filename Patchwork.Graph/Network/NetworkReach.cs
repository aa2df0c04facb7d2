using Patchwork.Graph.Model;

namespace Patchwork.Graph.Network;

/// <summary>
/// What a store found around a focus before the cap: every node reached, with its ring, every relationship active
/// at the date among them, and which people were clients that day. Every store fills one of these the same way;
/// <see cref="Select"/> then applies the one definition of the cap, so all stores give the same answer.
/// </summary>
internal sealed class NetworkReach(NodeRef focus, DateOnly asOf)
{
    private readonly Dictionary<NodeRef, int> rings = new() { [focus] = 0 };
    private readonly Dictionary<RelationshipKey, Relationship> relationships = [];
    private readonly HashSet<string> clients = new(StringComparer.Ordinal);

    public NodeRef Focus { get; } = focus;

    public DateOnly AsOf { get; } = asOf;

    public IReadOnlyDictionary<NodeRef, int> Rings => rings;

    public bool Contains(NodeRef node) => rings.ContainsKey(node);

    /// <summary>Adds a node at a ring, unless it was already reached (nearer or at the same distance).</summary>
    public bool Reach(NodeRef node, int ring) => rings.TryAdd(node, ring);

    public void AddRelationship(Relationship relationship) => relationships.TryAdd(relationship.Key, relationship);

    public void MarkClient(string personId) => clients.Add(personId);

    /// <summary>
    /// Keeps the first <paramref name="cap"/> nodes in the order (ring, kind, id) - the focus first, then
    /// outwards; households before people before professionals before agencies within a ring - and counts the
    /// rest per kind.
    /// </summary>
    public NetworkSelection Select(int cap)
    {
        NetworkLimits.CheckCap(cap);
        var ordered = rings
            .OrderBy(r => r.Value)
            .ThenBy(r => KindOrder(r.Key.Kind))
            .ThenBy(r => r.Key.Id, StringComparer.Ordinal)
            .ToList();
        var kept = ordered.Take(cap).ToDictionary(r => r.Key, r => r.Value);
        var omitted = ordered.Skip(cap)
            .GroupBy(r => r.Key.Kind)
            .ToDictionary(g => g.Key, g => g.Count());
        return new NetworkSelection(kept, omitted);
    }

    /// <summary>Builds the answer from the kept nodes' details; relationships to left-out nodes are dropped.</summary>
    public GraphNetwork Build(NetworkSelection selection, IReadOnlyDictionary<NodeRef, Node> details, IReadOnlyDictionary<NodeKind, int>? extraOmitted = null)
    {
        var nodes = selection.Kept
            .OrderBy(k => k.Value)
            .ThenBy(k => KindOrder(k.Key.Kind))
            .ThenBy(k => k.Key.Id, StringComparer.Ordinal)
            .Select(k => new NetworkNode(details[k.Key], k.Value, k.Key.Kind == NodeKind.Person && clients.Contains(k.Key.Id)))
            .ToList();
        var edges = relationships.Values
            .Where(r => r.IsActiveAt(AsOf) && selection.Kept.ContainsKey(r.From) && selection.Kept.ContainsKey(r.To))
            .OrderBy(r => r.Type)
            .ThenBy(r => r.FromId, StringComparer.Ordinal)
            .ThenBy(r => r.ToId, StringComparer.Ordinal)
            .ThenBy(r => r.Period.Since)
            .ToList();
        var omitted = new Dictionary<NodeKind, int>(selection.Omitted);
        foreach (var (kind, count) in extraOmitted ?? new Dictionary<NodeKind, int>())
        {
            omitted[kind] = omitted.GetValueOrDefault(kind) + count;
        }

        return new GraphNetwork(Focus, AsOf, nodes, edges, omitted);
    }

    private static int KindOrder(NodeKind kind) => kind switch
    {
        NodeKind.Household => 0,
        NodeKind.Person => 1,
        NodeKind.Professional => 2,
        NodeKind.Agency => 3,
        _ => 4,
    };
}

internal sealed record NetworkSelection(IReadOnlyDictionary<NodeRef, int> Kept, IReadOnlyDictionary<NodeKind, int> Omitted);
