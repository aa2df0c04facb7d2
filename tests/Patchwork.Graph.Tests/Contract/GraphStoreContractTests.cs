using Patchwork.Graph.Model;
using Patchwork.Graph.Network;
using Patchwork.Graph.Storage;

namespace Patchwork.Graph.Tests.Contract;

/// <summary>
/// What every store adapter must answer, written once. A subclass per adapter supplies the fixture; everything
/// adapter-specific lives there. Each test builds its own small district through the port's writes.
/// </summary>
public abstract partial class GraphStoreContractTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : class, IGraphStoreFixture
{
    /// <summary>The date most questions are asked at.</summary>
    protected static readonly DateOnly Today = new(2024, 6, 15);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected static NodeRef PersonRef(string id) => new(NodeKind.Person, id);

    protected static NodeRef HouseholdRef(string id) => new(NodeKind.Household, id);

    protected static NodeRef ProfessionalRef(string id) => new(NodeKind.Professional, id);

    protected static NodeRef AgencyRef(string id) => new(NodeKind.Agency, id);

    /// <summary>A fresh, empty store of the adapter under test, with <paramref name="district"/> written into it.</summary>
    protected async Task<IGraphStore> NewStoreAsync(District? district = null)
    {
        // SkipWhen checks its reason for null even when it does not skip, so the reason must never be null.
        Assert.SkipWhen(fixture.SkipReason is not null, fixture.SkipReason ?? "");
        var store = await fixture.CreateEmptyStoreAsync(Ct);
        if (district is not null)
        {
            await district.WriteToAsync(store, Ct);
        }

        return store;
    }

    /// <summary>Nodes as "Kind id@ring", sorted, so a failure shows the whole picture.</summary>
    protected static string[] NodesOf(GraphNetwork network) =>
        [.. network.Nodes.Select(n => $"{n.Ref.Kind} {n.Ref.Id}@{n.Ring}").Order(StringComparer.Ordinal)];

    protected static string[] IdsOf(GraphNetwork network, NodeKind kind) =>
        [.. network.Nodes.Where(n => n.Ref.Kind == kind).Select(n => n.Ref.Id).Order(StringComparer.Ordinal)];

    /// <summary>Edges as "TYPE from->to", sorted.</summary>
    protected static string[] EdgesOf(GraphNetwork network) =>
        [.. network.Edges.Select(e => $"{e.Type.TypeName()} {e.FromId}->{e.ToId}").Order(StringComparer.Ordinal)];

    protected static int OmittedOf(GraphNetwork network, NodeKind kind) => network.Omitted.GetValueOrDefault(kind);

    /// <summary>Every edge joins two nodes of the answer and was active on its date.</summary>
    protected static void AssertEdgesAmongNodes(GraphNetwork network)
    {
        var nodes = network.Nodes.Select(n => n.Ref).ToHashSet();
        Assert.All(network.Edges, e =>
        {
            Assert.Contains(e.From, nodes);
            Assert.Contains(e.To, nodes);
            Assert.True(e.IsActiveAt(network.AsOf), $"{e.Key} is not active at {network.AsOf:yyyy-MM-dd}");
        });
    }

    /// <summary>What a caller can see of a store, to show that a refused write or import changed nothing.</summary>
    protected static async Task<string> SnapshotAsync(IGraphStore store)
    {
        var stats = await store.GetStatsAsync(Ct);
        var lines = new List<string>();
        lines.AddRange(stats.Nodes.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        lines.AddRange(stats.Relationships.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        await foreach (var element in store.ExportAsync(Ct))
        {
            lines.Add(element.ToString());
        }

        return string.Join('\n', lines);
    }

    protected static long NodeCount(GraphStats stats, NodeKind kind) => stats.Nodes.GetValueOrDefault(kind.Label());

    protected static long RelationshipCount(GraphStats stats, string typeName) => stats.Relationships.GetValueOrDefault(typeName);

    [Fact]
    public async Task InitializeAsync_run_again_on_a_store_keeps_its_data()
    {
        var store = await NewStoreAsync(new District().Person("p1", "Ava", "Turner"));

        await store.InitializeAsync(Ct);

        Assert.Equal(new Person("p1", "Ava", "Turner"), await store.FindNodeAsync(PersonRef("p1"), Ct));
    }

    [Fact]
    public async Task GetStats_empty_store_counts_zero_of_everything()
    {
        var store = await NewStoreAsync();

        var stats = await store.GetStatsAsync(Ct);

        Assert.All(Enum.GetValues<NodeKind>(), kind => Assert.Equal(0, NodeCount(stats, kind)));
        Assert.All(Enum.GetValues<RelationshipType>(), type => Assert.Equal(0, RelationshipCount(stats, type.TypeName())));
        Assert.Equal(0, RelationshipCount(stats, KindNames.ContactTypeName));
    }

    [Fact]
    public async Task GetStats_counts_every_node_and_relationship_written_including_ended_ones()
    {
        var store = await NewStoreAsync(new District()
            .Person("p1", "Ava", "Turner").Person("p2", "Chloe", "Turner").Person("p3", "Liam", "Turner")
            .Household("h1").Household("h2")
            .Professional("x1", "Sam", "Adeyemi").Professional("x2", "Priya", "Shah")
            .Agency("a1")
            .LivesIn("p1", "h1").LivesIn("p2", "h1").LivesIn("p1", "h2", until: Today)
            .Family("p2", "p1").Family("p2", "p3")
            .WorksFor("x1", "a1").WorksFor("x2", "a1", until: Today)
            .Involved("x1", "p1", lead: true)
            .Contact("x1", "p1", new DateTimeOffset(2024, 6, 1, 10, 0, 0, TimeSpan.Zero))
            .Contact("x1", "p1", new DateTimeOffset(2024, 7, 1, 10, 0, 0, TimeSpan.Zero), planned: true));

        var stats = await store.GetStatsAsync(Ct);

        Assert.Equal(3, NodeCount(stats, NodeKind.Person));
        Assert.Equal(2, NodeCount(stats, NodeKind.Household));
        Assert.Equal(2, NodeCount(stats, NodeKind.Professional));
        Assert.Equal(1, NodeCount(stats, NodeKind.Agency));
        Assert.Equal(3, RelationshipCount(stats, "MEMBER_OF"));
        Assert.Equal(2, RelationshipCount(stats, "FAMILY"));
        Assert.Equal(2, RelationshipCount(stats, "WORKS_FOR"));
        Assert.Equal(1, RelationshipCount(stats, "INVOLVED_WITH"));
        Assert.Equal(2, RelationshipCount(stats, "CONTACT"));
    }

    [Fact]
    public async Task FindNode_returns_each_kind_as_it_was_written()
    {
        var nhs = NhsNumber.Parse("943 476 5919");
        Node[] written =
        [
            new Person("p1", "Zoë", "O'Brien", new DateOnly(2014, 3, 14), Gender.Female, nhs),
            new Household("h1", "Turner household", "14 Elm Road", "NV1 2AB"),
            new Professional("x1", "Sam", "Adeyemi", "Social Worker", "01632 960001", "sam.adeyemi@northvale.gov.uk", [ProfessionalRole.Practitioner, ProfessionalRole.Coordinator]),
            new Agency("a1", "Northvale Refuge", "domestic-abuse", "01632 960100", Sensitive: true),
        ];
        var store = await NewStoreAsync();
        foreach (var node in written)
        {
            await store.AddNodeAsync(node, Ct);
        }

        foreach (var node in written)
        {
            Assert.Equal(node, await store.FindNodeAsync(node.Ref, Ct));
        }
    }

    [Fact]
    public async Task FindNode_unknown_id_or_id_of_another_kind_returns_null()
    {
        var store = await NewStoreAsync(new District().Person("p1", "Ava", "Turner"));

        Assert.Null(await store.FindNodeAsync(PersonRef("p2"), Ct));
        Assert.Null(await store.FindNodeAsync(HouseholdRef("p1"), Ct));
        Assert.Null(await store.FindNodeAsync(ProfessionalRef("p1"), Ct));
        Assert.Null(await store.FindNodeAsync(AgencyRef("p1"), Ct));
    }

    [Fact]
    public async Task FindProfessionalByEmail_ignores_case_and_surrounding_spaces()
    {
        var store = await NewStoreAsync(new District()
            .Professional("x1", "Sam", "Adeyemi", email: "Sam.Adeyemi@Northvale.gov.uk")
            .Professional("x2", "Priya", "Shah", email: "priya.shah@nhs.example"));

        var found = await store.FindProfessionalByEmailAsync("  sam.adeyemi@NORTHVALE.gov.uk ", Ct);

        Assert.Equal("x1", found?.Id);
    }

    [Fact]
    public async Task FindProfessionalByEmail_unknown_email_returns_null()
    {
        var store = await NewStoreAsync(new District().Professional("x1", "Sam", "Adeyemi", email: "sam@northvale.gov.uk"));

        Assert.Null(await store.FindProfessionalByEmailAsync("sam@northvale.gov", Ct));
    }

    [Fact]
    public async Task FindPersonByNhsNumber_finds_the_person_with_that_number_and_no_one_for_another()
    {
        var store = await NewStoreAsync(new District()
            .Person("p1", "Ava", "Turner", nhsNumber: NhsNumber.Parse("9434765919"))
            .Person("p2", "Leo", "Turner"));

        Assert.Equal("p1", (await store.FindPersonByNhsNumberAsync(NhsNumber.Parse("943 476 5919"), Ct))?.Id);
        Assert.Null(await store.FindPersonByNhsNumberAsync(NhsNumber.Parse("9999222218"), Ct));
    }

    [Fact]
    public async Task Export_returns_everything_written_nodes_first()
    {
        var district = new District()
            .Person("p1", "Ava", "Turner", new DateOnly(2014, 3, 14), Gender.Female, NhsNumber.Parse("9434765919"))
            .Person("p2", "Chloe", "Turner")
            .Household("h1", "Turner household", "14 Elm Road", "NV1 2AB")
            .Professional("x1", "Sam", "Adeyemi", "Social Worker", "01632 960001", "sam@northvale.gov.uk")
            .Agency("a1", "Northvale Children's Services", phone: "01632 960100")
            .LivesIn("p1", "h1").LivesIn("p2", "h1", until: new DateOnly(2023, 5, 1))
            .Family("p2", "p1", FamilyKind.Parent, since: new DateOnly(2014, 3, 14))
            .WorksFor("x1", "a1", team: "Child Protection")
            .Involved("x1", "p1", "Child protection social worker", lead: true, sensitive: true)
            .Contact("x1", "p1", new DateTimeOffset(2024, 6, 1, 23, 30, 0, TimeSpan.FromHours(-5)))
            .Contact("x1", "p1", new DateTimeOffset(2024, 7, 1, 10, 15, 0, TimeSpan.Zero), planned: true, kind: ContactKind.Phone);
        var store = await NewStoreAsync(district);
        var key = new RelationshipKey(RelationshipType.WorksFor, "x1", "a1", District.Since);
        await store.EndRelationshipAsync(key, Today, District.By, Ct);

        var exported = await store.ExportAsync(Ct).ToListAsync(Ct);

        var expected = district.Elements
            .Select(e => e is Employment employment ? employment with { Period = employment.Period.EndedOn(Today) } : e)
            .ToList();
        Assert.Equal(expected.Count, exported.Count);
        Assert.All(expected, e => Assert.Contains(e, exported));
        var lastNode = exported.FindLastIndex(e => e is Node);
        var firstOther = exported.FindIndex(e => e is not Node);
        Assert.True(lastNode < firstOther, "every node comes before every relationship and contact");
    }

    [Fact]
    public async Task Export_empty_store_returns_nothing()
    {
        var store = await NewStoreAsync();

        Assert.Empty(await store.ExportAsync(Ct).ToListAsync(Ct));
    }
}
