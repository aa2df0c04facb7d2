using Patchwork.Graph.Model;

namespace Patchwork.Graph.Network;

/// <summary>
/// One node of a network. <see cref="Ring"/> is how far it lies from the focus (0 = the focus or the expanded
/// node); the layout puts low rings in the centre. <see cref="Redacted"/> marks a stand-in the
/// <see cref="Access.Redactor"/> put where something the viewer may not learn about was: screens read it, never the id.
/// </summary>
public sealed record NetworkNode(Node Node, int Ring, bool IsClient, bool Redacted = false)
{
    public NodeRef Ref => Node.Ref;
}

/// <summary>
/// The people, households, professionals and agencies around a focus at one date, with the relationships among
/// them that were active that day. <see cref="Omitted"/> counts, per kind, what the node cap left out.
/// </summary>
public sealed record GraphNetwork(
    NodeRef Focus,
    DateOnly AsOf,
    IReadOnlyList<NetworkNode> Nodes,
    IReadOnlyList<Relationship> Edges,
    IReadOnlyDictionary<NodeKind, int> Omitted)
{
    public int OmittedCount => Omitted.Values.Sum();

    public NetworkNode? Find(NodeRef node) => Nodes.FirstOrDefault(n => n.Ref == node);
}

/// <summary>How far to look and how much to show.</summary>
public static class NetworkLimits
{
    /// <summary>Default cap on the nodes of an opened network: beyond it a diagram stops being readable.</summary>
    public const int DefaultNodeCap = 300;

    /// <summary>Default cap on the nodes one step out adds: each step adds a bounded number, the rest is summarised.</summary>
    public const int DefaultExpandCap = 50;

    public const int MaxDepth = 4;

    public static void CheckDepth(int depth)
    {
        if (depth is < 0 or > MaxDepth)
        {
            throw new GraphRuleException($"Depth must be between 0 and {MaxDepth}; {depth} was asked for.");
        }
    }

    public static void CheckCap(int cap)
    {
        if (cap < 1)
        {
            throw new GraphRuleException($"The node cap must be at least 1; {cap} was asked for.");
        }
    }
}
