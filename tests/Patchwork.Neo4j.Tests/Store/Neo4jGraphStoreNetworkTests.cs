using Patchwork.Graph.Model;
using Patchwork.Graph.Network;
using static Patchwork.Neo4j.Tests.Neo4jJson;
using static Patchwork.Neo4j.Tests.Store.StoreFakes;

namespace Patchwork.Neo4j.Tests.Store;

/// <summary>
/// Networks are walked with the embedded store's steps and capped by the shared NetworkReach. The contract suite
/// checks the answers on a live Neo4j; here the fake answers each step, as Neo4j would for a small family.
/// </summary>
// Every answer of the fake in these tests is the plain JSON of the Query API manual, "Result formats & Data types"
// ({"data": {"fields", "values"}} with nodes and relationships as its type mapping shows them; see Neo4jJson), and
// inside a transaction as "Run transactions" shows it.
public sealed class Neo4jGraphStoreNetworkTests
{
    private static readonly DateOnly Today = new(2024, 6, 15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Ava (p1) lives in h1 with Chloe (p2); her father Liam (p3) is Chloe's partner; Sam (x1, a1) is her lead.</summary>
    private static FakeQueryApi Family() => new FakeQueryApi()
        .On("existing-nodes", Exists, ["Person", "p1"])
        .On("network-households", Step, ["p1", "h1", Open("MEMBER_OF")])
        .On("network-members", Step, ["p1", "h1", Open("MEMBER_OF")], ["p2", "h1", Open("MEMBER_OF")])
        .On("network-relatives", Relatives, ["p3", "p1", "p3", Open("FAMILY", new { kind = "parent" })])
        .On("network-relatives", Relatives, ["p3", "p1", "p1", Open("FAMILY", new { kind = "parent" })], ["p2", "p3", "p3", Open("FAMILY", new { kind = "partner" })], ["p2", "p3", "p2", Open("FAMILY", new { kind = "partner" })])
        .On("network-team", Step, ["x1", "p1", Open("INVOLVED_WITH", new { role = "Social worker", lead = true, sensitive = false })])
        .On("network-agencies", Step, ["x1", "a1", Open("WORKS_FOR", new { team = "Child Protection" })])
        .On("network-nodes", Nodes, ["Person", Person("p1", "Ava", "Turner")], ["Household", Household("h1")], ["Person", Person("p2", "Chloe", "Turner")], ["Person", Person("p3", "Liam", "Turner")], ["Professional", Professional("x1", "Sam", "Adeyemi")], ["Agency", Agency("a1")]);

    private static string[] NodesOf(GraphNetwork network) =>
        [.. network.Nodes.Select(n => $"{n.Ref.Kind} {n.Ref.Id}@{n.Ring}")];

    private static string[] EdgesOf(GraphNetwork network) =>
        [.. network.Edges.Select(e => $"{e.Type.TypeName()} {e.FromId}->{e.ToId}")];

    [Fact]
    public async Task OpenNetwork_walks_the_steps_of_the_embedded_store_and_orders_as_NetworkReach_does()
    {
        var fake = Family();

        var network = await fake.Store().OpenNetworkAsync("p1", Today, depth: 1, cancellationToken: Ct);

        Assert.Equal(
            ["existing-nodes", "network-households", "network-members", "network-relatives", "network-relatives", "network-team", "network-agencies", "network-nodes"],
            fake.Files);
        Assert.Equal(["Person p1@0", "Household h1@1", "Person p2@1", "Person p3@1", "Professional x1@2", "Agency a1@3"], NodesOf(network));
        Assert.Equal(["MEMBER_OF p1->h1", "MEMBER_OF p2->h1", "FAMILY p2->p3", "FAMILY p3->p1", "WORKS_FOR x1->a1", "INVOLVED_WITH x1->p1"], EdgesOf(network));
        Assert.Equal(["p1"], network.Nodes.Where(n => n.IsClient).Select(n => n.Ref.Id));
        Assert.Equal(new Person("p2", "Chloe", "Turner"), network.Find(new NodeRef(NodeKind.Person, "p2"))?.Node);
        Assert.Equal(FamilyKind.Partner, network.Edges.OfType<FamilyTie>().Single(t => t.FromId == "p2").Kind);
    }

    [Fact]
    public async Task OpenNetwork_passes_each_step_the_ids_it_starts_from_and_the_date()
    {
        var fake = Family();

        await fake.Store().OpenNetworkAsync("p1", Today, depth: 1, cancellationToken: Ct);

        string Ids(int request, string parameter) => string.Join(",", fake.Requests[request].Parameters.GetProperty(parameter).EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("p1", Ids(1, "personIds"));
        Assert.Equal("h1", Ids(2, "householdIds"));
        Assert.Equal("p1", Ids(3, "personIds"));
        Assert.Equal("p2,p3", Ids(4, "personIds"));
        Assert.Equal("p1,p2,p3", Ids(5, "personIds"));
        Assert.Equal("x1", Ids(6, "professionalIds"));
        Assert.All(fake.Requests.Skip(1).SkipLast(1), r => Assert.Equal("2024-06-15", r.Parameters.GetProperty("asOf").GetString()));
        Assert.All(fake.Requests, r => Assert.Equal("Read", r.Json.GetProperty("accessMode").GetString()));
    }

    [Fact]
    public async Task OpenNetwork_cap_is_applied_before_the_details_are_read()
    {
        var fake = Family();

        var network = await fake.Store().OpenNetworkAsync("p1", Today, depth: 1, nodeCap: 3, cancellationToken: Ct);

        Assert.Equal(["Person p1@0", "Household h1@1", "Person p2@1"], NodesOf(network));
        Assert.Equal(["MEMBER_OF p1->h1", "MEMBER_OF p2->h1"], EdgesOf(network));
        Assert.Equal(new Dictionary<NodeKind, int> { [NodeKind.Person] = 1, [NodeKind.Professional] = 1, [NodeKind.Agency] = 1 }, network.Omitted);
        Assert.Equal(3, fake.Requests[^1].Parameters.GetProperty("refs").GetArrayLength());
    }

    [Fact]
    public async Task OpenNetwork_unknown_person_is_refused()
    {
        var fake = new FakeQueryApi().On("existing-nodes", Exists);

        var refused = await Assert.ThrowsAsync<NodeNotFoundException>(() => fake.Store().OpenNetworkAsync("p9", Today, cancellationToken: Ct));

        Assert.Equal(new NodeRef(NodeKind.Person, "p9"), refused.Node);
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(5, 10)]
    [InlineData(1, 0)]
    public async Task OpenNetwork_depth_or_cap_out_of_range_is_refused_before_asking_neo4j(int depth, int cap)
    {
        var fake = new FakeQueryApi();

        await Assert.ThrowsAnyAsync<GraphRuleException>(() => fake.Store().OpenNetworkAsync("p1", Today, depth, cap, Ct));

        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task Expand_agency_reads_only_how_many_work_there()
    {
        var fake = new FakeQueryApi()
            .On("existing-nodes", Exists, ["Agency", "a1"])
            .On("network-agency-staff", ["staff"], [2])
            .On("network-nodes", Nodes, ["Agency", Agency("a1")]);

        var network = await fake.Store().ExpandAsync(new NodeRef(NodeKind.Agency, "a1"), Today, cancellationToken: Ct);

        Assert.Equal(["Agency a1@0"], NodesOf(network));
        Assert.Equal(2, network.Omitted[NodeKind.Professional]);
        Assert.DoesNotContain("network-team", fake.Files);
    }

    [Fact]
    public async Task Expand_professional_reads_only_its_agencies_never_its_caseload()
    {
        var fake = new FakeQueryApi()
            .On("existing-nodes", Exists, ["Professional", "x1"])
            .On("network-agencies", Step, ["x1", "a1", Open("WORKS_FOR")])
            .On("network-nodes", Nodes, ["Professional", Professional("x1", "Sam", "Adeyemi")], ["Agency", Agency("a1")]);

        var network = await fake.Store().ExpandAsync(new NodeRef(NodeKind.Professional, "x1"), Today, cancellationToken: Ct);

        Assert.Equal(["Professional x1@0", "Agency a1@1"], NodesOf(network));
        Assert.Equal(["existing-nodes", "network-agencies", "network-nodes"], fake.Files);
    }

    // The embedded store reaches household members (ring 2) before relatives (ring 1): a relative in the household stays at 2.
    [Fact]
    public async Task Expand_person_reaches_household_members_before_relatives_as_the_embedded_store_does()
    {
        var fake = new FakeQueryApi()
            .On("existing-nodes", Exists, ["Person", "p2"])
            .On("network-households", Step, ["p2", "h1", Open("MEMBER_OF")])
            .On("network-members", Step, ["p1", "h1", Open("MEMBER_OF")], ["p2", "h1", Open("MEMBER_OF")])
            .On("network-relatives", Relatives, ["p2", "p1", "p1", Open("FAMILY", new { kind = "parent" })])
            .On("network-team", Step)
            .On("network-relatives", Relatives, ["p2", "p1", "p2", Open("FAMILY", new { kind = "parent" })])
            .On("network-team", Step)
            .On("network-nodes", Nodes, ["Person", Person("p1", "Ava", "Turner")], ["Person", Person("p2", "Chloe", "Turner")], ["Household", Household("h1")]);

        var network = await fake.Store().ExpandAsync(new NodeRef(NodeKind.Person, "p2"), Today, cancellationToken: Ct);

        Assert.Equal(["Person p2@0", "Household h1@1", "Person p1@2"], NodesOf(network));
    }
}
