using Patchwork.Graph.Model;
using Patchwork.Graph.Network;

namespace Patchwork.Graph.Storage.Neo4j;

internal sealed partial class Neo4jGraphStore
{
    public async Task<GraphNetwork> OpenNetworkAsync(string personId, DateOnly asOf, int depth = 1, int nodeCap = NetworkLimits.DefaultNodeCap, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckDay(asOf);
        NetworkLimits.CheckDepth(depth);
        NetworkLimits.CheckCap(nodeCap);
        var focus = new NodeRef(NodeKind.Person, personId);
        await RequireAsync(focus, cancellationToken).ConfigureAwait(false);
        var walk = new Walk(this, focus, asOf, cancellationToken);

        // The same steps as the embedded store: each step reaches, from the people of the last one, their households
        // and those households' members, and their relatives; all at the step's ring.
        List<string> everyone = [personId];
        List<string> frontier = [personId];
        for (var step = 1; step <= depth; step++)
        {
            var households = await walk.HouseholdsOfAsync(frontier, step).ConfigureAwait(false);
            var next = await walk.MembersOfAsync(households, step).ConfigureAwait(false);
            next.AddRange(await walk.RelativesOfAsync(frontier, step).ConfigureAwait(false));
            everyone.AddRange(next);
            frontier = next;
        }

        // Ties among the people of the last step are drawn too, though they lead no further.
        await walk.RelativesOfAsync(frontier, ring: null).ConfigureAwait(false);
        var professionals = await walk.TeamOfAsync(everyone, depth + 1).ConfigureAwait(false);
        await walk.AgenciesOfAsync(professionals, depth + 2).ConfigureAwait(false);
        return await walk.FinishAsync(nodeCap).ConfigureAwait(false);
    }

    public async Task<GraphNetwork> ExpandAsync(NodeRef node, DateOnly asOf, int nodeCap = NetworkLimits.DefaultExpandCap, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckDay(asOf);
        NetworkLimits.CheckCap(nodeCap);
        await RequireAsync(node, cancellationToken).ConfigureAwait(false);
        var walk = new Walk(this, node, asOf, cancellationToken);
        switch (node.Kind)
        {
            case NodeKind.Person:
                // In the embedded store's order: members of the households (ring 2) are reached before relatives
                // (ring 1), so a relative who lives in the same household stays at ring 2.
                List<string> people = [node.Id];
                var households = await walk.HouseholdsOfAsync([node.Id], 1).ConfigureAwait(false);
                people.AddRange(await walk.MembersOfAsync(households, 2).ConfigureAwait(false));
                people.AddRange(await walk.RelativesOfAsync([node.Id], 1).ConfigureAwait(false));
                await walk.TeamOfAsync([node.Id], 1).ConfigureAwait(false);
                var others = people.Skip(1).ToList();
                await walk.RelativesOfAsync(others, ring: null).ConfigureAwait(false);
                await walk.TeamOfAsync(others, ring: null).ConfigureAwait(false);
                return await walk.FinishAsync(nodeCap).ConfigureAwait(false);
            case NodeKind.Household:
                var members = await walk.MembersOfAsync([node.Id], 1).ConfigureAwait(false);
                await walk.RelativesOfAsync(members, ring: null).ConfigureAwait(false);
                await walk.TeamOfAsync(members, ring: null).ConfigureAwait(false);
                return await walk.FinishAsync(nodeCap).ConfigureAwait(false);
            case NodeKind.Professional:
                await walk.AgenciesOfAsync([node.Id], 1).ConfigureAwait(false);
                return await walk.FinishAsync(nodeCap).ConfigureAwait(false);
            default:
                // An agency is a supernode: say how many work there, show none of them.
                var staff = await ReadAsync(CypherFile.NetworkAgencyStaff, new() { ["agencyId"] = node.Id, ["asOf"] = asOf }, cancellationToken).ConfigureAwait(false);
                var count = (int)(staff.Single["staff"].AsInt64() ?? 0);
                return await walk.FinishAsync(nodeCap, count > 0 ? new Dictionary<NodeKind, int> { [NodeKind.Professional] = count } : null).ConfigureAwait(false);
        }
    }

    private async Task RequireAsync(NodeRef node, CancellationToken cancellationToken)
    {
        if (!(await ExistingAsync([node], transaction: null, cancellationToken).ConfigureAwait(false)).Contains(node))
        {
            throw new NodeNotFoundException(node);
        }
    }

    /// <summary>
    /// One walk outwards at a date: each step is one statement for all the nodes it starts from, recording the
    /// relationships it passes in the shared <see cref="NetworkReach"/> and reaching the nodes at their ring.
    /// </summary>
    private sealed class Walk(Neo4jGraphStore store, NodeRef start, DateOnly asOf, CancellationToken cancellationToken)
    {
        public NetworkReach Reach { get; } = new(start, asOf);

        public Task<List<string>> HouseholdsOfAsync(IReadOnlyCollection<string> personIds, int ring) =>
            FollowAsync(CypherFile.NetworkHouseholds, "personIds", personIds, RelationshipType.MemberOf, NodeKind.Household, ring, row => row["toId"].AsRequiredString());

        public Task<List<string>> MembersOfAsync(IReadOnlyCollection<string> householdIds, int ring) =>
            FollowAsync(CypherFile.NetworkMembers, "householdIds", householdIds, RelationshipType.MemberOf, NodeKind.Person, ring, row => row["fromId"].AsRequiredString());

        /// <summary>Relatives in either direction; with no ring, only the ties are recorded.</summary>
        public Task<List<string>> RelativesOfAsync(IReadOnlyCollection<string> personIds, int? ring) =>
            FollowAsync(CypherFile.NetworkRelatives, "personIds", personIds, RelationshipType.Family, NodeKind.Person, ring, row => row["otherId"].AsRequiredString());

        /// <summary>The professionals involved with people; any involvement makes its person a client.</summary>
        public Task<List<string>> TeamOfAsync(IReadOnlyCollection<string> personIds, int? ring) =>
            FollowAsync(CypherFile.NetworkTeam, "personIds", personIds, RelationshipType.InvolvedWith, NodeKind.Professional, ring, row =>
            {
                Reach.MarkClient(row["toId"].AsRequiredString());
                return row["fromId"].AsRequiredString();
            });

        public Task<List<string>> AgenciesOfAsync(IReadOnlyCollection<string> professionalIds, int ring) =>
            FollowAsync(CypherFile.NetworkAgencies, "professionalIds", professionalIds, RelationshipType.WorksFor, NodeKind.Agency, ring, row => row["toId"].AsRequiredString());

        /// <summary>Applies the shared cap, then reads the details of the nodes kept.</summary>
        public async Task<GraphNetwork> FinishAsync(int nodeCap, IReadOnlyDictionary<NodeKind, int>? extraOmitted = null)
        {
            var selection = Reach.Select(nodeCap);
            var refs = selection.Kept.Keys.Select(n => new Dictionary<string, object?> { ["kind"] = n.Kind.Label(), ["id"] = n.Id }).ToList();
            var result = await store.ReadAsync(CypherFile.NetworkNodes, new() { ["refs"] = refs }, cancellationToken).ConfigureAwait(false);
            var details = new Dictionary<NodeRef, Node>(selection.Kept.Count);
            foreach (var row in result.Records)
            {
                var kind = Enum.Parse<NodeKind>(row["kind"].AsRequiredString());
                var node = Neo4jValues.ReadNode(row["node"].AsNode()!, kind);
                details[node.Ref] = node;
            }

            var missing = selection.Kept.Keys.FirstOrDefault(n => !details.ContainsKey(n));
            if (missing != default)
            {
                throw new GraphStoreException($"{missing} was reached in the network but could not be read back from Neo4j.");
            }

            return Reach.Build(selection, details, extraOmitted);
        }

        /// <summary>
        /// Runs one step from <paramref name="from"/>: records each relationship row, and reaches the node
        /// <paramref name="other"/> names at <paramref name="ring"/> (when given). Returns the nodes reached for the first time.
        /// </summary>
        private async Task<List<string>> FollowAsync(string file, string parameter, IReadOnlyCollection<string> from, RelationshipType type, NodeKind otherKind, int? ring, Func<QueryRecord, string> other)
        {
            List<string> reached = [];
            if (from.Count == 0)
            {
                return reached;
            }

            var result = await store.ReadAsync(file, new() { [parameter] = from.Distinct(StringComparer.Ordinal).ToArray(), ["asOf"] = Reach.AsOf }, cancellationToken).ConfigureAwait(false);
            foreach (var row in result.Records)
            {
                var relationship = Neo4jValues.ReadRelationship(type, row["fromId"].AsRequiredString(), row["toId"].AsRequiredString(), row["relationship"].AsRelationship()!);
                Reach.AddRelationship(relationship);
                var otherId = other(row);
                if (ring is { } r && Reach.Reach(new NodeRef(otherKind, otherId), r))
                {
                    reached.Add(otherId);
                }
            }

            return reached;
        }
    }
}
