using Patchwork.Graph.Model;
using Patchwork.Graph.Network;

namespace Patchwork.Web.Features.Network;

/// <summary>How a relationship on screen relates to the 30 days before the date shown.</summary>
public enum EdgeChange
{
    None,
    Joined,
    Ended,
}

/// <summary>One node on screen. <see cref="Ended"/> nodes are shown only for a recently ended relationship.</summary>
public sealed record SceneNode(NetworkNode Node, bool IsFocus, bool Ended, int MoreCount)
{
    public NodeRef Ref => Node.Ref;

    public string Name => Node.Node.DisplayName;
}

public sealed record SceneEdge(Relationship Relationship, EdgeChange Change)
{
    public NodeRef From => Relationship.From;

    public NodeRef To => Relationship.To;
}

/// <summary>What the diagram, the table and the legend draw: the network after expansions and filters.</summary>
public sealed class Scene(DateOnly asOf, NodeRef focus, IReadOnlyList<SceneNode> nodes, IReadOnlyList<SceneEdge> edges, int omittedFromOpen, IReadOnlyList<PersonStatus>? statuses = null)
{
    private readonly Dictionary<NodeRef, SceneNode> byRef = nodes.ToDictionary(n => n.Ref);

    public DateOnly AsOf { get; } = asOf;

    public NodeRef Focus { get; } = focus;

    public IReadOnlyList<SceneNode> Nodes { get; } = nodes;

    public IReadOnlyList<SceneEdge> Edges { get; } = edges;

    /// <summary>How many nodes the opened network's cap left out.</summary>
    public int OmittedFromOpen { get; } = omittedFromOpen;

    public SceneNode? Find(NodeRef node) => byRef.GetValueOrDefault(node);

    /// <summary>The statuses (child protection plan, looked after...) of the people in the opened network, as redacted for the viewer.</summary>
    public IReadOnlyList<PersonStatus> Statuses { get; } = statuses ?? [];

    /// <summary>A person's statuses on screen; none for anything else.</summary>
    public IEnumerable<PersonStatus> StatusesOf(NodeRef node) =>
        node.Kind == NodeKind.Person ? Statuses.Where(s => s.PersonId == node.Id) : [];

    public IEnumerable<SceneEdge> EdgesOf(NodeRef node) => Edges.Where(e => e.From == node || e.To == node);

    public IEnumerable<NodeRef> Neighbours(NodeRef node) =>
        EdgesOf(node).Select(e => e.From == node ? e.To : e.From).Distinct();

    /// <summary>The agency a professional works for on screen, for the "job title - agency" line.</summary>
    public Agency? AgencyOf(NodeRef professional) => Edges
        .Where(e => e.Relationship is Employment && e.From == professional && e.Change != EdgeChange.Ended)
        .Select(e => Find(e.To)?.Node.Node as Agency)
        .FirstOrDefault(a => a is not null);

    /// <summary>The days a tie on screen began or ended: the time bar marks them.</summary>
    public IReadOnlyList<DateOnly> ChangeDays() =>
        [.. Edges.SelectMany(e => new[] { (DateOnly?)e.Relationship.Period.Since, e.Relationship.Period.Until }).OfType<DateOnly>()];

    /// <summary>Whether a professional leads the focus person's support.</summary>
    public bool LeadsFocus(NodeRef professional) => Edges.Any(e =>
        e.Relationship is Involvement { Lead: true } && e.From == professional && e.To == Focus && e.Change != EdgeChange.Ended);

    /// <summary>
    /// The household each person is drawn inside. A child who lives in two homes is drawn in one (the nearest
    /// on screen) and linked to the other; a household whose every member is drawn elsewhere borrows one who
    /// has a second home, so every household on screen has someone inside its outline.
    /// </summary>
    public IReadOnlyDictionary<NodeRef, NodeRef> Homes()
    {
        var memberships = Edges
            .Where(e => e.Relationship is Membership && e.Change != EdgeChange.Ended && Find(e.To) is not null)
            .ToList();
        var homes = memberships
            .GroupBy(e => e.From)
            .ToDictionary(
                g => g.Key,
                g => g.Select(e => Find(e.To)!).OrderBy(h => h.Node.Ring).ThenBy(h => h.Ref.Id, StringComparer.Ordinal).First().Ref);
        foreach (var household in Nodes.Where(n => n.Ref.Kind == NodeKind.Household).Select(n => n.Ref).OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            if (homes.ContainsValue(household))
            {
                continue;
            }

            var borrowed = memberships
                .Where(e => e.To == household && homes.Values.Count(h => h == homes[e.From]) > 1)
                .Select(e => e.From)
                .OrderBy(p => p.Id, StringComparer.Ordinal)
                .FirstOrDefault();
            if (borrowed != default)
            {
                homes[borrowed] = household;
            }
        }

        return homes;
    }
}
