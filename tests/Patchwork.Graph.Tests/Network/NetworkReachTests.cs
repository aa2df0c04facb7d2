using Patchwork.Graph.Model;
using Patchwork.Graph.Network;

namespace Patchwork.Graph.Tests.Network;

public sealed class NetworkReachTests
{
    private static readonly DateOnly Today = new(2024, 6, 15);
    private static readonly NodeRef Focus = new(NodeKind.Person, "p1");
    private static readonly Recorded By = new(new DateTimeOffset(2024, 1, 2, 9, 30, 0, TimeSpan.Zero), "test");

    private static NodeRef P(string id) => new(NodeKind.Person, id);

    private static NodeRef H(string id) => new(NodeKind.Household, id);

    private static NodeRef X(string id) => new(NodeKind.Professional, id);

    private static NodeRef A(string id) => new(NodeKind.Agency, id);

    private static NetworkReach Reached(params (NodeRef Node, int Ring)[] nodes)
    {
        var reach = new NetworkReach(Focus, Today);
        foreach (var (node, ring) in nodes)
        {
            reach.Reach(node, ring);
        }

        return reach;
    }

    private static Dictionary<NodeRef, Node> Details(NetworkReach reach) => reach.Rings.Keys.ToDictionary(
        r => r,
        r => r.Kind switch
        {
            NodeKind.Person => (Node)new Person(r.Id, "Given", r.Id),
            NodeKind.Household => new Household(r.Id, r.Id),
            NodeKind.Professional => new Professional(r.Id, "Given", r.Id),
            _ => new Agency(r.Id, r.Id, "police"),
        });

    private static string[] Order(NetworkReach reach, int cap)
    {
        var selection = reach.Select(cap);
        return [.. reach.Build(selection, Details(reach)).Nodes.Select(n => $"{n.Ref}@{n.Ring}")];
    }

    [Fact]
    public void Select_orders_by_ring_then_household_person_professional_agency_then_id()
    {
        var reach = Reached((A("a0"), 1), (X("x0"), 1), (P("p2"), 1), (H("h9"), 1), (P("p0"), 2), (H("h0"), 2), (A("a1"), 0));

        Assert.Equal(
            ["Person p1@0", "Agency a1@0", "Household h9@1", "Person p2@1", "Professional x0@1", "Agency a0@1", "Household h0@2", "Person p0@2"],
            Order(reach, 100));
    }

    [Fact]
    public void Select_orders_ids_by_ordinal_not_by_number_or_culture()
    {
        var reach = Reached((P("p10"), 1), (P("p2"), 1), (P("P3"), 1), (P("a"), 1), (P("Z"), 1));

        Assert.Equal(["Person p1@0", "Person P3@1", "Person Z@1", "Person a@1", "Person p10@1", "Person p2@1"], Order(reach, 100));
    }

    [Fact]
    public void Select_keeps_the_first_cap_nodes_and_counts_the_rest_per_kind()
    {
        var reach = Reached((H("h1"), 1), (P("p2"), 1), (P("p3"), 1), (X("x1"), 2), (X("x2"), 2), (A("a1"), 3), (H("h2"), 2));

        var selection = reach.Select(4);

        Assert.Equal(new HashSet<NodeRef> { Focus, H("h1"), P("p2"), P("p3") }, selection.Kept.Keys.ToHashSet());
        Assert.Equal(1, selection.Omitted[NodeKind.Household]);
        Assert.Equal(2, selection.Omitted[NodeKind.Professional]);
        Assert.Equal(1, selection.Omitted[NodeKind.Agency]);
        Assert.False(selection.Omitted.ContainsKey(NodeKind.Person));
    }

    [Fact]
    public void Select_cap_at_least_the_number_reached_omits_nothing()
    {
        var reach = Reached((H("h1"), 1), (P("p2"), 1));

        var selection = reach.Select(3);

        Assert.Equal(3, selection.Kept.Count);
        Assert.Empty(selection.Omitted);
    }

    [Fact]
    public void Select_cap_of_one_keeps_the_focus_even_when_it_would_sort_later()
    {
        var reach = Reached((H("a"), 1), (A("a"), 3));

        var selection = reach.Select(1);

        Assert.Equal([Focus], selection.Kept.Keys);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Select_cap_below_one_is_refused(int cap) =>
        Assert.Throws<GraphRuleException>(() => Reached().Select(cap));

    [Fact]
    public void Reach_keeps_the_ring_a_node_was_first_reached_at()
    {
        var reach = new NetworkReach(Focus, Today);

        Assert.True(reach.Reach(P("p2"), 1));
        Assert.False(reach.Reach(P("p2"), 2));
        Assert.False(reach.Reach(Focus, 3));
        Assert.Equal(1, reach.Rings[P("p2")]);
        Assert.Equal(0, reach.Rings[Focus]);
    }

    [Fact]
    public void Reach_same_id_in_two_kinds_is_two_nodes()
    {
        var reach = Reached((H("p1"), 1), (X("p1"), 2));

        Assert.Equal(3, reach.Select(10).Kept.Count);
    }

    [Fact]
    public void Build_draws_only_edges_active_at_the_date_between_kept_nodes()
    {
        var reach = Reached((H("h1"), 1), (P("p2"), 1), (P("p3"), 1));
        reach.AddRelationship(new Membership("p1", "h1", new Period(new DateOnly(2020, 1, 1)), By));
        reach.AddRelationship(new Membership("p2", "h1", new Period(new DateOnly(2020, 1, 1), Today), By));
        reach.AddRelationship(new FamilyTie("p1", "p2", FamilyKind.Sibling, new Period(Today), By));
        reach.AddRelationship(new FamilyTie("p1", "p3", FamilyKind.Sibling, new Period(Today.AddDays(1)), By));
        reach.AddRelationship(new Membership("p3", "h1", new Period(new DateOnly(2020, 1, 1)), By));
        reach.AddRelationship(new Involvement("x9", "p1", "Nurse", false, false, new Period(new DateOnly(2020, 1, 1)), By));

        var network = reach.Build(reach.Select(3), Details(reach));

        Assert.Equal(["MEMBER_OF p1->h1", "FAMILY p1->p2"], network.Edges.Select(e => $"{e.Type.TypeName()} {e.FromId}->{e.ToId}"));
    }

    [Fact]
    public void AddRelationship_same_key_twice_is_one_edge()
    {
        var reach = Reached((H("h1"), 1));
        var membership = new Membership("p1", "h1", new Period(new DateOnly(2020, 1, 1)), By);
        reach.AddRelationship(membership);
        reach.AddRelationship(membership);

        Assert.Single(reach.Build(reach.Select(10), Details(reach)).Edges);
    }

    [Fact]
    public void Build_adds_extra_omitted_counts_to_those_of_the_cap()
    {
        var reach = Reached((X("x1"), 1), (X("x2"), 1));

        var network = reach.Build(reach.Select(2), Details(reach), new Dictionary<NodeKind, int> { [NodeKind.Professional] = 5, [NodeKind.Agency] = 2 });

        Assert.Equal(6, network.Omitted[NodeKind.Professional]);
        Assert.Equal(2, network.Omitted[NodeKind.Agency]);
        Assert.Equal(8, network.OmittedCount);
    }

    [Fact]
    public void Build_marks_as_clients_only_people_marked_so()
    {
        var reach = Reached((P("p2"), 1), (H("p2"), 1));
        reach.MarkClient("p2");

        var network = reach.Build(reach.Select(10), Details(reach));

        Assert.True(network.Find(P("p2"))?.IsClient);
        Assert.False(network.Find(H("p2"))?.IsClient);
        Assert.False(network.Find(Focus)?.IsClient);
    }

    [Fact]
    public void Build_carries_the_focus_and_date()
    {
        var reach = Reached();

        var network = reach.Build(reach.Select(1), Details(reach));

        Assert.Equal((Focus, Today), (network.Focus, network.AsOf));
    }
}
