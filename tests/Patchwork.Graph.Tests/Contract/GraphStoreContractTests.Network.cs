using Patchwork.Graph.Model;
using Patchwork.Graph.Network;

namespace Patchwork.Graph.Tests.Contract;

public abstract partial class GraphStoreContractTests<TFixture>
    where TFixture : class, IGraphStoreFixture
{
    /// <summary>
    /// Ava (p1) lives with her mother Chloe (p2) in h1 and half the week with her father Liam (p3) in h2, where
    /// Liam's partner Mia (p4) lives. Grandmother Rose (p5), Chloe's mother, lives in h3 with Tom (p6). Tom's
    /// daughter Ella (p7) lives in h4: Ella is three steps from Ava, h4 four. Sam (x1, a1) leads for Ava, Priya
    /// (x2, a2) is involved with Chloe, Dan (x3, a3) with Tom; Priya also has Ella on her caseload.
    /// </summary>
    private static District Family() => new District()
        .Person("p1", "Ava", "Turner").Person("p2", "Chloe", "Turner").Person("p3", "Liam", "Turner")
        .Person("p4", "Mia", "Jones").Person("p5", "Rose", "Turner").Person("p6", "Tom", "Hill").Person("p7", "Ella", "Hill")
        .Household("h1").Household("h2").Household("h3").Household("h4")
        .Professional("x1", "Sam", "Adeyemi").Professional("x2", "Priya", "Shah").Professional("x3", "Dan", "Cole")
        .Agency("a1").Agency("a2").Agency("a3")
        .LivesIn("p1", "h1").LivesIn("p2", "h1")
        .LivesIn("p1", "h2").LivesIn("p3", "h2").LivesIn("p4", "h2")
        .LivesIn("p5", "h3").LivesIn("p6", "h3")
        .LivesIn("p7", "h4")
        .Family("p2", "p1").Family("p3", "p1").Family("p5", "p2").Family("p5", "p1", FamilyKind.Grandparent).Family("p6", "p7")
        .Family("p3", "p4", FamilyKind.Partner)
        .WorksFor("x1", "a1").WorksFor("x2", "a2").WorksFor("x3", "a3")
        .Involved("x1", "p1", lead: true).Involved("x2", "p2").Involved("x3", "p6").Involved("x2", "p7")
        .Contact("x1", "p1", new DateTimeOffset(2024, 6, 1, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task OpenNetwork_depth_0_is_the_person_their_professionals_and_those_agencies()
    {
        var store = await NewStoreAsync(Family());

        var network = await store.OpenNetworkAsync("p1", Today, depth: 0, cancellationToken: Ct);

        Assert.Equal(["Agency a1@2", "Person p1@0", "Professional x1@1"], NodesOf(network));
        Assert.Equal(["INVOLVED_WITH x1->p1", "WORKS_FOR x1->a1"], EdgesOf(network));
        Assert.Equal(PersonRef("p1"), network.Focus);
        Assert.Equal(Today, network.AsOf);
        Assert.Equal(0, network.OmittedCount);
    }

    [Fact]
    public async Task OpenNetwork_depth_1_adds_both_households_of_a_child_their_members_and_relatives()
    {
        var store = await NewStoreAsync(Family());

        var network = await store.OpenNetworkAsync("p1", Today, depth: 1, cancellationToken: Ct);

        Assert.Equal(
            [
                "Agency a1@3", "Agency a2@3",
                "Household h1@1", "Household h2@1",
                "Person p1@0", "Person p2@1", "Person p3@1", "Person p4@1", "Person p5@1",
                "Professional x1@2", "Professional x2@2",
            ],
            NodesOf(network));
    }

    [Fact]
    public async Task OpenNetwork_depth_1_draws_every_active_relationship_among_its_nodes_and_no_contacts()
    {
        var store = await NewStoreAsync(Family());

        var network = await store.OpenNetworkAsync("p1", Today, depth: 1, cancellationToken: Ct);

        Assert.Equal(
            [
                "FAMILY p2->p1", "FAMILY p3->p1", "FAMILY p3->p4", "FAMILY p5->p1", "FAMILY p5->p2",
                "INVOLVED_WITH x1->p1", "INVOLVED_WITH x2->p2",
                "MEMBER_OF p1->h1", "MEMBER_OF p1->h2", "MEMBER_OF p2->h1", "MEMBER_OF p3->h2", "MEMBER_OF p4->h2",
                "WORKS_FOR x1->a1", "WORKS_FOR x2->a2",
            ],
            EdgesOf(network));
        AssertEdgesAmongNodes(network);
    }

    [Fact]
    public async Task OpenNetwork_depth_2_reaches_the_households_of_relatives_at_ring_2()
    {
        var store = await NewStoreAsync(Family());

        var network = await store.OpenNetworkAsync("p1", Today, depth: 2, cancellationToken: Ct);

        Assert.Equal(
            [
                "Agency a1@4", "Agency a2@4", "Agency a3@4",
                "Household h1@1", "Household h2@1", "Household h3@2",
                "Person p1@0", "Person p2@1", "Person p3@1", "Person p4@1", "Person p5@1", "Person p6@2",
                "Professional x1@3", "Professional x2@3", "Professional x3@3",
            ],
            NodesOf(network));
        Assert.Contains("MEMBER_OF p6->h3", EdgesOf(network));
        Assert.Contains("INVOLVED_WITH x3->p6", EdgesOf(network));
        AssertEdgesAmongNodes(network);
    }

    [Fact]
    public async Task OpenNetwork_depth_3_reaches_three_steps_but_not_the_households_of_the_last_ring()
    {
        var store = await NewStoreAsync(Family());

        var network = await store.OpenNetworkAsync("p1", Today, depth: 3, cancellationToken: Ct);
        var depth2 = await store.OpenNetworkAsync("p1", Today, depth: 2, cancellationToken: Ct);

        Assert.Contains("Person p7@3", NodesOf(network));
        Assert.Null(network.Find(HouseholdRef("h4")));
        Assert.Contains("INVOLVED_WITH x2->p7", EdgesOf(network));
        // Priya (x2) has Ella (p7) on her caseload, but at depth 2 Ella is not in Ava's family: she must not show.
        Assert.Null(depth2.Find(PersonRef("p7")));
        Assert.DoesNotContain("INVOLVED_WITH x2->p7", EdgesOf(depth2));
    }

    [Fact]
    public async Task OpenNetwork_relatives_are_found_in_either_direction_of_the_tie()
    {
        var store = await NewStoreAsync(new District()
            .Person("p1", "Ava", "Turner").Person("p2", "Chloe", "Turner").Person("p3", "Noah", "Turner")
            .Family("p2", "p1", FamilyKind.Parent)
            .Family("p1", "p3", FamilyKind.Sibling));

        var network = await store.OpenNetworkAsync("p1", Today, depth: 1, cancellationToken: Ct);

        Assert.Equal(["Person p1@0", "Person p2@1", "Person p3@1"], NodesOf(network));
        Assert.Equal(["FAMILY p1->p3", "FAMILY p2->p1"], EdgesOf(network));
        var parent = Assert.IsType<FamilyTie>(network.Edges.Single(e => e.FromId == "p2"));
        Assert.Equal(FamilyKind.Parent, parent.Kind);
    }

    [Fact]
    public async Task OpenNetwork_draws_a_tie_between_two_people_of_the_last_ring()
    {
        var store = await NewStoreAsync(new District()
            .Person("p1", "Ava", "Turner").Person("p2", "Chloe", "Turner").Person("p3", "Liam", "Turner")
            .Family("p2", "p1").Family("p3", "p1").Family("p2", "p3", FamilyKind.Partner));

        var network = await store.OpenNetworkAsync("p1", Today, depth: 1, cancellationToken: Ct);

        Assert.Contains("FAMILY p2->p3", EdgesOf(network));
    }

    [Fact]
    public async Task OpenNetwork_professional_of_two_people_in_the_network_is_one_node_with_two_edges()
    {
        var store = await NewStoreAsync(new District()
            .Person("p1", "Ava", "Turner").Person("p2", "Chloe", "Turner").Household("h1")
            .Professional("x1", "Sam", "Adeyemi").Agency("a1")
            .LivesIn("p1", "h1").LivesIn("p2", "h1")
            .WorksFor("x1", "a1").Involved("x1", "p1").Involved("x1", "p2"));

        var network = await store.OpenNetworkAsync("p1", Today, depth: 1, cancellationToken: Ct);

        Assert.Equal(["x1"], IdsOf(network, NodeKind.Professional));
        Assert.Contains("INVOLVED_WITH x1->p1", EdgesOf(network));
        Assert.Contains("INVOLVED_WITH x1->p2", EdgesOf(network));
    }

    [Fact]
    public async Task OpenNetwork_marks_as_clients_only_people_with_an_active_involvement()
    {
        var store = await NewStoreAsync(Family()
            .Professional("x4", "Ann", "Lee").Involved("x4", "p3", until: Today).Involved("x4", "p4", since: Today.AddDays(1)));

        var network = await store.OpenNetworkAsync("p1", Today, depth: 1, cancellationToken: Ct);

        Assert.Equal(
            ["p1", "p2"],
            network.Nodes.Where(n => n.IsClient).Select(n => n.Ref.Id).Order(StringComparer.Ordinal));
        Assert.All(network.Nodes.Where(n => n.Ref.Kind != NodeKind.Person), n => Assert.False(n.IsClient));
    }

    [Fact]
    public async Task OpenNetwork_returns_the_nodes_as_written()
    {
        var store = await NewStoreAsync(new District()
            .Person("p1", "Ava", "Turner", new DateOnly(2014, 3, 14), Gender.Female)
            .Professional("x1", "Sam", "Adeyemi", "Social Worker", "01632 960001", "sam@northvale.gov.uk")
            .Agency("a1", "Northvale Children's Services", phone: "01632 960100")
            .WorksFor("x1", "a1").Involved("x1", "p1"));

        var network = await store.OpenNetworkAsync("p1", Today, depth: 0, cancellationToken: Ct);

        Assert.Equal(new Person("p1", "Ava", "Turner", new DateOnly(2014, 3, 14), Gender.Female), network.Find(PersonRef("p1"))?.Node);
        Assert.Equal(new Professional("x1", "Sam", "Adeyemi", "Social Worker", "01632 960001", "sam@northvale.gov.uk"), network.Find(ProfessionalRef("x1"))?.Node);
        Assert.Equal(new Agency("a1", "Northvale Children's Services", "children-social-care", "01632 960100"), network.Find(AgencyRef("a1"))?.Node);
    }

    /// <summary>
    /// A district where one relationship of <paramref name="type"/> joins Ava's depth-1 network to a node, for
    /// the period given; returns the node that is drawn exactly when that relationship is active.
    /// </summary>
    private static (District District, NodeRef Reached, string Edge) OneRelationship(RelationshipType type, DateOnly since, DateOnly? until)
    {
        var district = new District().Person("p1", "Ava", "Turner");
        return type switch
        {
            RelationshipType.MemberOf => (district.Household("h1").LivesIn("p1", "h1", since, until), HouseholdRef("h1"), "MEMBER_OF p1->h1"),
            RelationshipType.Family => (district.Person("p2", "Chloe", "Turner").Family("p2", "p1", since: since, until: until), PersonRef("p2"), "FAMILY p2->p1"),
            RelationshipType.InvolvedWith => (district.Professional("x1", "Sam", "Adeyemi").Involved("x1", "p1", since: since, until: until), ProfessionalRef("x1"), "INVOLVED_WITH x1->p1"),
            _ => (district.Professional("x1", "Sam", "Adeyemi").Agency("a1").Involved("x1", "p1").WorksFor("x1", "a1", since: since, until: until), AgencyRef("a1"), "WORKS_FOR x1->a1"),
        };
    }

    private async Task AssertDrawnAsync(RelationshipType type, DateOnly since, DateOnly? until, DateOnly asOf, bool drawn)
    {
        var (district, reached, edge) = OneRelationship(type, since, until);
        var store = await NewStoreAsync(district);

        var network = await store.OpenNetworkAsync("p1", asOf, depth: 1, cancellationToken: Ct);

        Assert.Equal(drawn, network.Find(reached) is not null);
        Assert.Equal(drawn, EdgesOf(network).Contains(edge));
    }

    [Theory]
    [InlineData(RelationshipType.MemberOf)]
    [InlineData(RelationshipType.Family)]
    [InlineData(RelationshipType.WorksFor)]
    [InlineData(RelationshipType.InvolvedWith)]
    public Task OpenNetwork_relationship_starting_today_is_drawn(RelationshipType type) =>
        AssertDrawnAsync(type, since: Today, until: null, asOf: Today, drawn: true);

    [Theory]
    [InlineData(RelationshipType.MemberOf)]
    [InlineData(RelationshipType.Family)]
    [InlineData(RelationshipType.WorksFor)]
    [InlineData(RelationshipType.InvolvedWith)]
    public Task OpenNetwork_relationship_the_day_before_it_starts_is_not_drawn(RelationshipType type) =>
        AssertDrawnAsync(type, since: Today, until: null, asOf: Today.AddDays(-1), drawn: false);

    [Theory]
    [InlineData(RelationshipType.MemberOf)]
    [InlineData(RelationshipType.Family)]
    [InlineData(RelationshipType.WorksFor)]
    [InlineData(RelationshipType.InvolvedWith)]
    public Task OpenNetwork_relationship_ending_today_is_not_drawn(RelationshipType type) =>
        AssertDrawnAsync(type, since: District.Since, until: Today, asOf: Today, drawn: false);

    [Theory]
    [InlineData(RelationshipType.MemberOf)]
    [InlineData(RelationshipType.Family)]
    [InlineData(RelationshipType.WorksFor)]
    [InlineData(RelationshipType.InvolvedWith)]
    public Task OpenNetwork_relationship_ending_tomorrow_is_drawn_today(RelationshipType type) =>
        AssertDrawnAsync(type, since: District.Since, until: Today.AddDays(1), asOf: Today, drawn: true);

    [Theory]
    [InlineData(RelationshipType.MemberOf)]
    [InlineData(RelationshipType.Family)]
    [InlineData(RelationshipType.WorksFor)]
    [InlineData(RelationshipType.InvolvedWith)]
    public Task OpenNetwork_relationship_starting_in_the_future_is_not_drawn_today(RelationshipType type) =>
        AssertDrawnAsync(type, since: Today.AddDays(30), until: null, asOf: Today, drawn: false);

    [Fact]
    public async Task OpenNetwork_ended_membership_no_longer_brings_the_household_or_its_members()
    {
        var store = await NewStoreAsync(Family());
        await store.EndRelationshipAsync(new RelationshipKey(RelationshipType.MemberOf, "p1", "h2", District.Since), Today, District.By, Ct);

        var network = await store.OpenNetworkAsync("p1", Today, depth: 1, cancellationToken: Ct);

        Assert.Null(network.Find(HouseholdRef("h2")));
        Assert.Null(network.Find(PersonRef("p4")));
        // Liam is still Ava's father, so he stays - without his household.
        Assert.NotNull(network.Find(PersonRef("p3")));
        Assert.DoesNotContain(network.Edges, e => e.ToId == "h2");
    }

    [Fact]
    public async Task OpenNetwork_unknown_person_is_refused()
    {
        var store = await NewStoreAsync(Family());

        var refused = await Assert.ThrowsAsync<NodeNotFoundException>(() => store.OpenNetworkAsync("p9", Today, cancellationToken: Ct));

        Assert.Equal(PersonRef("p9"), refused.Node);
    }

    [Fact]
    public async Task OpenNetwork_on_a_household_id_is_refused_because_the_focus_is_a_person()
    {
        var store = await NewStoreAsync(Family());

        await Assert.ThrowsAsync<NodeNotFoundException>(() => store.OpenNetworkAsync("h1", Today, cancellationToken: Ct));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(NetworkLimits.MaxDepth + 1)]
    public async Task OpenNetwork_depth_out_of_range_is_refused(int depth)
    {
        var store = await NewStoreAsync(Family());

        await Assert.ThrowsAnyAsync<GraphRuleException>(() => store.OpenNetworkAsync("p1", Today, depth, cancellationToken: Ct));
    }

    [Fact]
    public async Task OpenNetwork_cap_below_one_is_refused()
    {
        var store = await NewStoreAsync(Family());

        await Assert.ThrowsAnyAsync<GraphRuleException>(() => store.OpenNetworkAsync("p1", Today, 1, nodeCap: 0, cancellationToken: Ct));
    }

    [Fact]
    public async Task OpenNetwork_cap_keeps_the_first_nodes_by_ring_kind_and_id_and_counts_the_rest_per_kind()
    {
        var store = await NewStoreAsync(Family());

        // Depth 2 reaches 15 nodes: p1; h1 h2 p2 p3 p4 p5 (ring 1); h3 p6 (ring 2); x1 x2 x3 (ring 3); a1 a2 a3 (ring 4).
        var network = await store.OpenNetworkAsync("p1", Today, depth: 2, nodeCap: 8, cancellationToken: Ct);

        Assert.Equal(
            [
                "Household h1@1", "Household h2@1", "Household h3@2",
                "Person p1@0", "Person p2@1", "Person p3@1", "Person p4@1", "Person p5@1",
            ],
            NodesOf(network));
        Assert.Equal(1, OmittedOf(network, NodeKind.Person));
        Assert.Equal(3, OmittedOf(network, NodeKind.Professional));
        Assert.Equal(3, OmittedOf(network, NodeKind.Agency));
        Assert.Equal(0, OmittedOf(network, NodeKind.Household));
        Assert.Equal(7, network.OmittedCount);
    }

    [Fact]
    public async Task OpenNetwork_cap_draws_no_edge_to_a_node_it_left_out()
    {
        var store = await NewStoreAsync(Family());

        var network = await store.OpenNetworkAsync("p1", Today, depth: 2, nodeCap: 8, cancellationToken: Ct);

        AssertEdgesAmongNodes(network);
        Assert.Contains("MEMBER_OF p5->h3", EdgesOf(network));
        Assert.DoesNotContain("MEMBER_OF p6->h3", EdgesOf(network));
        Assert.DoesNotContain(network.Edges, e => e.Type is RelationshipType.InvolvedWith or RelationshipType.WorksFor);
    }

    [Fact]
    public async Task OpenNetwork_cap_of_one_keeps_only_the_focus()
    {
        var store = await NewStoreAsync(Family());

        var network = await store.OpenNetworkAsync("p1", Today, depth: 1, nodeCap: 1, cancellationToken: Ct);

        Assert.Equal(["Person p1@0"], NodesOf(network));
        Assert.Empty(network.Edges);
        Assert.Equal(10, network.OmittedCount);
    }

    [Fact]
    public async Task OpenNetwork_default_cap_is_300_nodes()
    {
        var district = new District().Person("p000", "Ava", "Turner").Household("h1").LivesIn("p000", "h1");
        for (var i = 1; i <= 300; i++)
        {
            var id = $"p{i:000}";
            district.Person(id, "Resident", $"Number {i}").LivesIn(id, "h1");
        }

        var store = await NewStoreAsync(district);

        var network = await store.OpenNetworkAsync("p000", Today, depth: 1, cancellationToken: Ct);

        Assert.Equal(NetworkLimits.DefaultNodeCap, network.Nodes.Count);
        Assert.Equal(2, OmittedOf(network, NodeKind.Person));
        Assert.NotNull(network.Find(PersonRef("p298")));
        Assert.Null(network.Find(PersonRef("p299")));
        Assert.Equal(299, network.Edges.Count);
    }

    [Fact]
    public async Task Expand_person_gives_households_their_members_relatives_and_team()
    {
        var store = await NewStoreAsync(Family());

        var network = await store.ExpandAsync(PersonRef("p2"), Today, cancellationToken: Ct);

        Assert.Equal(PersonRef("p2"), network.Focus);
        Assert.Equal(["h1"], IdsOf(network, NodeKind.Household));
        Assert.Equal(["p1", "p2", "p5"], IdsOf(network, NodeKind.Person));
        Assert.Equal(["x2"], IdsOf(network, NodeKind.Professional));
        Assert.Equal(0, network.Find(PersonRef("p2"))?.Ring);
        Assert.Contains("INVOLVED_WITH x2->p2", EdgesOf(network));
        Assert.Contains("FAMILY p5->p2", EdgesOf(network));
        Assert.Contains("MEMBER_OF p1->h1", EdgesOf(network));
        AssertEdgesAmongNodes(network);
    }

    [Fact]
    public async Task Expand_person_does_not_follow_the_households_of_household_members()
    {
        var store = await NewStoreAsync(Family());

        var network = await store.ExpandAsync(PersonRef("p2"), Today, cancellationToken: Ct);

        // Ava lives in h2 too, but expanding Chloe is one step: h2 and Liam are not hers.
        Assert.Null(network.Find(HouseholdRef("h2")));
        Assert.Null(network.Find(PersonRef("p3")));
    }

    [Fact]
    public async Task Expand_household_gives_its_members_only()
    {
        var store = await NewStoreAsync(Family());

        var network = await store.ExpandAsync(HouseholdRef("h2"), Today, cancellationToken: Ct);

        Assert.Equal(["Household h2@0", "Person p1@1", "Person p3@1", "Person p4@1"], NodesOf(network));
        Assert.Equal(["FAMILY p3->p1", "FAMILY p3->p4", "MEMBER_OF p1->h2", "MEMBER_OF p3->h2", "MEMBER_OF p4->h2"], EdgesOf(network));
        Assert.True(network.Find(PersonRef("p1"))?.IsClient);
        Assert.False(network.Find(PersonRef("p3"))?.IsClient);
    }

    [Fact]
    public async Task Expand_household_leaves_out_members_who_have_moved_out()
    {
        var store = await NewStoreAsync(Family());
        await store.EndRelationshipAsync(new RelationshipKey(RelationshipType.MemberOf, "p4", "h2", District.Since), Today, District.By, Ct);

        var network = await store.ExpandAsync(HouseholdRef("h2"), Today, cancellationToken: Ct);

        Assert.Equal(["p1", "p3"], IdsOf(network, NodeKind.Person));
    }

    [Fact]
    public async Task Expand_professional_gives_only_its_agency_never_its_caseload()
    {
        var store = await NewStoreAsync(Family());

        var network = await store.ExpandAsync(ProfessionalRef("x2"), Today, cancellationToken: Ct);

        Assert.Equal(["Agency a2@1", "Professional x2@0"], NodesOf(network));
        Assert.Equal(["WORKS_FOR x2->a2"], EdgesOf(network));
        Assert.Equal(0, network.OmittedCount);
    }

    [Fact]
    public async Task Expand_professional_gives_the_agency_of_the_date_not_a_former_one()
    {
        var store = await NewStoreAsync(Family().Agency("a9").WorksFor("x2", "a9", until: new DateOnly(2022, 1, 1)));

        var network = await store.ExpandAsync(ProfessionalRef("x2"), Today, cancellationToken: Ct);

        Assert.Equal(["a2"], IdsOf(network, NodeKind.Agency));
    }

    [Fact]
    public async Task Expand_agency_gives_nothing_but_a_count_of_its_professionals_at_the_date()
    {
        var store = await NewStoreAsync(Family()
            .Professional("x4", "Ann", "Lee").Professional("x5", "Ben", "Ray").Professional("x6", "Cal", "Fox")
            .WorksFor("x4", "a1").WorksFor("x5", "a1", until: Today).WorksFor("x6", "a1", since: Today.AddDays(1)));

        var network = await store.ExpandAsync(AgencyRef("a1"), Today, cancellationToken: Ct);

        Assert.Equal(["Agency a1@0"], NodesOf(network));
        Assert.Empty(network.Edges);
        Assert.Equal(2, OmittedOf(network, NodeKind.Professional));
        Assert.Equal(2, network.OmittedCount);
    }

    [Fact]
    public async Task Expand_unknown_node_is_refused()
    {
        var store = await NewStoreAsync(Family());

        foreach (var node in new[] { PersonRef("p9"), HouseholdRef("p1"), ProfessionalRef("x9"), AgencyRef("a9") })
        {
            var refused = await Assert.ThrowsAsync<NodeNotFoundException>(() => store.ExpandAsync(node, Today, cancellationToken: Ct));
            Assert.Equal(node, refused.Node);
        }
    }

    [Fact]
    public async Task Expand_cap_counts_the_members_it_left_out()
    {
        var store = await NewStoreAsync(Family());

        var network = await store.ExpandAsync(HouseholdRef("h2"), Today, nodeCap: 2, cancellationToken: Ct);

        Assert.Equal(["Household h2@0", "Person p1@1"], NodesOf(network));
        Assert.Equal(2, OmittedOf(network, NodeKind.Person));
        Assert.Equal(["MEMBER_OF p1->h2"], EdgesOf(network));
    }
}
