using Microsoft.Data.Sqlite;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;
using static Patchwork.Graph.Storage.Sqlite.SqliteRows;

namespace Patchwork.Graph.Storage.Sqlite;

internal sealed partial class SqliteGraphStore
{
    /// <summary>
    /// One walk outwards from a node at a date: each step is an index lookup from one node, recording the
    /// relationships it passes and the nodes it reaches. Keys stay inside the store; answers carry ids. Each lookup
    /// reads the reached node's columns in the same row, so the answer needs no second query per node.
    /// </summary>
    private sealed class Walk : INetworkWalk<long>
    {
        private readonly SqliteSession session;
        private readonly int asOf;
        private readonly Dictionary<NodeKind, Dictionary<long, string>> ids = new()
        {
            [NodeKind.Person] = [],
            [NodeKind.Household] = [],
            [NodeKind.Professional] = [],
            [NodeKind.Agency] = [],
        };

        private readonly Dictionary<NodeRef, Node> details = [];

        public Walk(SqliteSession session, NodeRef start, DateOnly asOf)
        {
            this.session = session;
            this.asOf = Day(asOf);
            Reach = new NetworkReach(start, asOf);
        }

        public NetworkReach Reach { get; }

        public long? KeyOf(NodeRef node)
        {
            using var reader = session.Command($"SELECT key, {ColumnsOf(node.Kind)} FROM {TableOf(node.Kind)} WHERE id = $id").With("$id", node.Id).ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            var key = reader.GetInt64(0);
            ids[node.Kind][key] = node.Id;
            details[node] = ReadNode(reader, node.Kind, 1);
            return key;
        }

        public List<long> HouseholdsOf(long person, int ring)
        {
            var personId = ids[NodeKind.Person][person];
            return Follow(
                $"SELECT m.household, h.id, m.since, m.until, m.recorded_at, m.recorded_by, {Prefixed("h", HouseholdColumns)} FROM member_of m JOIN household h ON h.key = m.household WHERE m.person = $key AND {Active("m")}",
                6,
                person,
                NodeKind.Household,
                ring,
                (r, id) => new Membership(personId, id, r.PeriodAt(2), r.RecordedAt(4)));
        }

        public List<long> MembersOf(long household, int ring)
        {
            var householdId = ids[NodeKind.Household][household];
            return Follow(
                $"SELECT m.person, p.id, m.since, m.until, m.recorded_at, m.recorded_by, {Prefixed("p", PersonColumns)} FROM member_of m JOIN person p ON p.key = m.person WHERE m.household = $key AND {Active("m")}",
                6,
                household,
                NodeKind.Person,
                ring,
                (r, id) => new Membership(id, householdId, r.PeriodAt(2), r.RecordedAt(4)));
        }

        /// <summary>Relatives in either direction; with no ring, only the ties are recorded.</summary>
        public List<long> RelativesOf(long person, int? ring)
        {
            var personId = ids[NodeKind.Person][person];
            return Follow(
                $"""
                SELECT f.to_person, p.id, f.since, f.until, f.recorded_at, f.recorded_by, f.kind, 1, {Prefixed("p", PersonColumns)} FROM family f JOIN person p ON p.key = f.to_person
                WHERE f.from_person = $key AND {Active("f")}
                UNION ALL
                SELECT f.from_person, p.id, f.since, f.until, f.recorded_at, f.recorded_by, f.kind, 0, {Prefixed("p", PersonColumns)} FROM family f JOIN person p ON p.key = f.from_person
                WHERE f.to_person = $key AND {Active("f")}
                """,
                8,
                person,
                NodeKind.Person,
                ring,
                (r, id) => r.GetInt32(7) == 1
                    ? new FamilyTie(personId, id, (FamilyKind)r.GetInt32(6), r.PeriodAt(2), r.RecordedAt(4))
                    : new FamilyTie(id, personId, (FamilyKind)r.GetInt32(6), r.PeriodAt(2), r.RecordedAt(4)));
        }

        /// <summary>The professionals involved with a person; any involvement makes the person a client.</summary>
        public List<long> TeamOf(long person, int? ring)
        {
            var personId = ids[NodeKind.Person][person];
            var reached = Follow(
                $"SELECT i.professional, pr.id, i.since, i.until, i.recorded_at, i.recorded_by, i.role, i.lead, i.sensitive, {Prefixed("pr", ProfessionalColumns)} FROM involved_with i JOIN professional pr ON pr.key = i.professional WHERE i.person = $key AND {Active("i")}",
                9,
                person,
                NodeKind.Professional,
                ring,
                (r, id) =>
                {
                    Reach.MarkClient(personId);
                    return new Involvement(id, personId, r.GetString(6), r.GetInt64(7) != 0, r.GetInt64(8) != 0, r.PeriodAt(2), r.RecordedAt(4));
                });
            return reached;
        }

        public List<long> AgenciesOf(long professional, int ring)
        {
            var professionalId = ids[NodeKind.Professional][professional];
            return Follow(
                $"SELECT w.agency, a.id, w.since, w.until, w.recorded_at, w.recorded_by, w.team, {Prefixed("a", AgencyColumns)} FROM works_for w JOIN agency a ON a.key = w.agency WHERE w.professional = $key AND {Active("w")}",
                7,
                professional,
                NodeKind.Agency,
                ring,
                (r, id) => new Employment(professionalId, id, r.OptionalTextAt(6), r.PeriodAt(2), r.RecordedAt(4)));
        }

        public GraphNetwork Finish(int nodeCap, IReadOnlyDictionary<NodeKind, int>? extraOmitted = null)
        {
            return Reach.Build(Reach.Select(nodeCap), details, extraOmitted);
        }

        /// <summary>
        /// Runs one lookup whose rows are (other key, other id, relationship columns..., the other node's columns from
        /// <paramref name="detailAt"/>), records each relationship, and reaches each other node at <paramref name="ring"/>
        /// (when given). Returns the nodes reached for the first time.
        /// </summary>
        private List<long> Follow(string sql, int detailAt, long key, NodeKind otherKind, int? ring, Func<SqliteDataReader, string, Relationship> relationship)
        {
            List<long> reached = [];
            using var reader = session.Command(sql).With("$key", key).With("$asOf", asOf).ExecuteReader();
            while (reader.Read())
            {
                var otherKey = reader.GetInt64(0);
                var otherId = reader.GetString(1);
                Reach.AddRelationship(relationship(reader, otherId));
                var other = new NodeRef(otherKind, otherId);
                if (ring is { } r && Reach.Reach(other, r))
                {
                    ids[otherKind][otherKey] = otherId;
                    details[other] = ReadNode(reader, otherKind, detailAt);
                    reached.Add(otherKey);
                }
            }

            return reached;
        }
    }
}
