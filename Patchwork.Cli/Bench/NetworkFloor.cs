using Patchwork.Graph.Model;
using Patchwork.Graph.Network;
using Patchwork.Graph.Storage;

namespace Patchwork.Cli.Bench;

/// <summary>
/// The floor for the network questions: the same data, read once through the store's export into an in-memory
/// adjacency list, and the same walk and the same cap (<see cref="NetworkReach"/>) as the store. No store can
/// answer faster than this without changing the question, so the ratio store / floor says what the store costs.
/// </summary>
internal sealed class NetworkFloor
{
    private readonly Dictionary<NodeRef, Node> nodes = [];
    private readonly Dictionary<NodeRef, List<Relationship>> ties = [];

    private NetworkFloor()
    {
    }

    public long Relationships { get; private set; }

    public static async Task<NetworkFloor> LoadAsync(IGraphStore store, CancellationToken cancellationToken)
    {
        var floor = new NetworkFloor();
        await foreach (var element in store.ExportAsync(cancellationToken).ConfigureAwait(false))
        {
            switch (element)
            {
                case Node node:
                    floor.nodes[node.Ref] = node;
                    break;
                case Relationship relationship:
                    floor.Tie(relationship.From, relationship);
                    floor.Tie(relationship.To, relationship);
                    floor.Relationships++;
                    break;
            }
        }

        return floor;
    }

    /// <summary>What <see cref="IGraphStore.OpenNetworkAsync"/> answers, walked in the same order.</summary>
    public GraphNetwork OpenNetwork(string personId, DateOnly asOf, int depth, int nodeCap = NetworkLimits.DefaultNodeCap)
    {
        var focus = new NodeRef(NodeKind.Person, personId);
        var walk = new Walk(this, focus, asOf);
        NetworkWalkOrder.Open(walk, personId, depth);
        return walk.Finish(nodeCap);
    }

    /// <summary>What <see cref="IGraphStore.ExpandAsync"/> answers, walked in the same order.</summary>
    public GraphNetwork Expand(NodeRef node, DateOnly asOf, int nodeCap = NetworkLimits.DefaultExpandCap)
    {
        var walk = new Walk(this, node, asOf);
        switch (node.Kind)
        {
            case NodeKind.Person:
                NetworkWalkOrder.ExpandPerson(walk, node.Id);
                return walk.Finish(nodeCap);
            case NodeKind.Household:
                NetworkWalkOrder.ExpandHousehold(walk, node.Id);
                return walk.Finish(nodeCap);
            case NodeKind.Professional:
                walk.AgenciesOf(node.Id, 1);
                return walk.Finish(nodeCap);
            default:
                var staff = walk.Ties(node).OfType<Employment>().Where(e => e.IsActiveAt(asOf)).Select(e => e.ProfessionalId).Distinct(StringComparer.Ordinal).Count();
                return walk.Finish(nodeCap, staff > 0 ? new Dictionary<NodeKind, int> { [NodeKind.Professional] = staff } : null);
        }
    }

    private void Tie(NodeRef node, Relationship relationship)
    {
        if (!ties.TryGetValue(node, out var list))
        {
            ties[node] = list = new List<Relationship>(2);
        }

        list.Add(relationship);
    }

    private sealed class Walk(NetworkFloor floor, NodeRef start, DateOnly asOf) : INetworkWalk<string>
    {
        private static readonly List<Relationship> None = [];

        public NetworkReach Reach { get; } = floor.nodes.ContainsKey(start) ? new NetworkReach(start, asOf) : throw new NodeNotFoundException(start);

        public List<Relationship> Ties(NodeRef node) => floor.ties.GetValueOrDefault(node) ?? None;

        public List<string> HouseholdsOf(string person, int ring) =>
            Follow(new NodeRef(NodeKind.Person, person), ring, (Membership m, string self) => m.PersonId == self ? m.To : null);

        public List<string> MembersOf(string household, int ring) =>
            Follow(new NodeRef(NodeKind.Household, household), ring, (Membership m, string self) => m.From);

        public List<string> RelativesOf(string person, int? ring) =>
            Follow(new NodeRef(NodeKind.Person, person), ring, (FamilyTie f, string self) => f.FromPersonId == self ? f.To : f.From);

        public List<string> TeamOf(string person, int? ring) =>
            Follow(new NodeRef(NodeKind.Person, person), ring, (Involvement i, string self) =>
            {
                Reach.MarkClient(self);
                return i.From;
            });

        public List<string> AgenciesOf(string professional, int ring) =>
            Follow(new NodeRef(NodeKind.Professional, professional), ring, (Employment e, string self) => e.To);

        public GraphNetwork Finish(int nodeCap, IReadOnlyDictionary<NodeKind, int>? extraOmitted = null)
        {
            var selection = Reach.Select(nodeCap);
            var details = new Dictionary<NodeRef, Node>(selection.Kept.Count);
            foreach (var node in selection.Kept.Keys)
            {
                details[node] = floor.nodes[node];
            }

            return Reach.Build(selection, details, extraOmitted);
        }

        /// <summary>Records every active relationship of type <typeparamref name="T"/> at a node and reaches its other end.</summary>
        private List<string> Follow<T>(NodeRef self, int? ring, Func<T, string, NodeRef?> other)
            where T : Relationship
        {
            List<string> reached = [];
            foreach (var tie in Ties(self))
            {
                if (tie is not T relationship || !relationship.IsActiveAt(asOf) || other(relationship, self.Id) is not { } next)
                {
                    continue;
                }

                Reach.AddRelationship(relationship);
                if (ring is { } r && Reach.Reach(next, r))
                {
                    reached.Add(next.Id);
                }
            }

            return reached;
        }
    }
}
