using Patchwork.Graph.Model;
using Patchwork.Graph.Storage;

namespace Patchwork.Graph.Tests.Contract;

public abstract partial class GraphStoreContractTests<TFixture>
    where TFixture : class, IGraphStoreFixture
{
    /// <summary>A district every refused write is tried against: the store must look the same afterwards.</summary>
    private static District Turners() => new District()
        .Person("p1", "Ava", "Turner").Person("p2", "Chloe", "Turner")
        .Household("h1")
        .Professional("x1", "Sam", "Adeyemi")
        .Agency("a1")
        .LivesIn("p1", "h1")
        .Family("p2", "p1")
        .WorksFor("x1", "a1")
        .Involved("x1", "p1", lead: true)
        .Contact("x1", "p1", new DateTimeOffset(2024, 6, 1, 10, 0, 0, TimeSpan.Zero));

    private async Task<T> AssertRefusedAndUnchangedAsync<T>(Func<IGraphStore, Task> write)
        where T : GraphRuleException
    {
        var store = await NewStoreAsync(Turners());
        var before = await SnapshotAsync(store);

        var refused = await Assert.ThrowsAnyAsync<T>(() => write(store));

        Assert.False(string.IsNullOrWhiteSpace(refused.Message));
        Assert.Equal(before, await SnapshotAsync(store));
        return refused;
    }

    [Fact]
    public async Task AddNode_same_id_in_each_kind_is_allowed_because_each_kind_has_its_own_ids()
    {
        var store = await NewStoreAsync(new District()
            .Person("n1", "Ava", "Turner").Household("n1").Professional("n1", "Sam", "Adeyemi").Agency("n1"));

        foreach (var kind in Enum.GetValues<NodeKind>())
        {
            Assert.Equal(kind, (await store.FindNodeAsync(new NodeRef(kind, "n1"), Ct))?.Kind);
        }
    }

    [Theory]
    [InlineData(NodeKind.Person)]
    [InlineData(NodeKind.Household)]
    [InlineData(NodeKind.Professional)]
    [InlineData(NodeKind.Agency)]
    public async Task AddNode_duplicate_id_is_refused_and_the_first_is_kept(NodeKind kind)
    {
        Node duplicate = kind switch
        {
            NodeKind.Person => new Person("p1", "Someone", "Else"),
            NodeKind.Household => new Household("h1", "Another household"),
            NodeKind.Professional => new Professional("x1", "Someone", "Else"),
            _ => new Agency("a1", "Another agency", "police"),
        };

        var refused = await AssertRefusedAndUnchangedAsync<GraphRuleException>(store => store.AddNodeAsync(duplicate, Ct));

        Assert.Contains($"'{duplicate.Id}'", refused.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, Node> InvalidNodes => new()
    {
        { "id", new Person("", "Ava", "Turner") },
        { "id", new Person("p 9", "Ava", "Turner") },
        { "name", new Person("p9", " ", "") },
        { "givenName", new Person("p9", new string('a', GraphValidator.MaxNameLength + 1), "Turner") },
        { "familyName", new Person("p9", "Ava", "Tur\nner") },
        { "dateOfBirth", new Person("p9", "Ava", "Turner", new DateOnly(1899, 12, 31)) },
        { "name", new Household("h9", "") },
        { "postcode", new Household("h9", "Flat", Postcode: "NV1 2AB 123456") },
        { "familyName", new Professional("x9", "Sam", "") },
        { "phone", new Professional("x9", "Sam", "Adeyemi", Phone: "call me") },
        { "email", new Professional("x9", "Sam", "Adeyemi", Email: "sam at northvale") },
        { "kind", new Agency("a9", "Northvale Police", "") },
        { "phone", new Agency("a9", "Northvale Police", "police", Phone: "999!") },
    };

    [Theory]
    [MemberData(nameof(InvalidNodes))]
    public async Task AddNode_invalid_field_is_refused_naming_the_field_and_nothing_is_written(string field, Node node)
    {
        var refused = await AssertRefusedAndUnchangedAsync<GraphRuleException>(store => store.AddNodeAsync(node, Ct));

        Assert.Contains(field, refused.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, Relationship> RelationshipsToUnknownNodes => new()
    {
        { "Person p9", new Membership("p9", "h1", new Period(District.Since), District.By) },
        { "Household h9", new Membership("p1", "h9", new Period(District.Since), District.By) },
        { "Person p9", new FamilyTie("p9", "p1", FamilyKind.Parent, new Period(District.Since), District.By) },
        { "Person p9", new FamilyTie("p1", "p9", FamilyKind.Sibling, new Period(District.Since), District.By) },
        { "Professional x9", new Employment("x9", "a1", null, new Period(District.Since), District.By) },
        { "Agency a9", new Employment("x1", "a9", null, new Period(District.Since), District.By) },
        { "Professional x9", new Involvement("x9", "p1", "Nurse", false, false, new Period(District.Since), District.By) },
        { "Person p9", new Involvement("x1", "p9", "Nurse", false, false, new Period(District.Since), District.By) },
        // Ids live in their kind's space: a person's id does not name a household.
        { "Household p1", new Membership("p1", "p1", new Period(District.Since), District.By) },
    };

    [Theory]
    [MemberData(nameof(RelationshipsToUnknownNodes))]
    public async Task AddRelationship_naming_an_unknown_node_is_refused_and_nothing_is_written(string missing, Relationship relationship)
    {
        var refused = await AssertRefusedAndUnchangedAsync<NodeNotFoundException>(store => store.AddRelationshipAsync(relationship, Ct));

        Assert.Equal(missing, refused.Node?.ToString());
    }

    [Fact]
    public async Task AddRelationship_same_type_ends_and_start_twice_is_refused()
    {
        await AssertRefusedAndUnchangedAsync<GraphRuleException>(store =>
            store.AddRelationshipAsync(new Involvement("x1", "p1", "Another role", false, false, new Period(District.Since), District.By), Ct));
    }

    [Fact]
    public async Task AddRelationship_same_ends_with_a_later_start_is_a_second_relationship()
    {
        var store = await NewStoreAsync(Turners());

        await store.AddRelationshipAsync(new Membership("p1", "h1", new Period(new DateOnly(2023, 1, 1)), District.By), Ct);

        Assert.Equal(2, RelationshipCount(await store.GetStatsAsync(Ct), "MEMBER_OF"));
    }

    [Fact]
    public async Task AddRelationship_family_tie_to_oneself_is_refused()
    {
        await AssertRefusedAndUnchangedAsync<GraphRuleException>(store =>
            store.AddRelationshipAsync(new FamilyTie("p1", "p1", FamilyKind.Sibling, new Period(District.Since), District.By), Ct));
    }

    [Fact]
    public async Task AddRelationship_involvement_without_a_role_is_refused_naming_role()
    {
        var refused = await AssertRefusedAndUnchangedAsync<GraphRuleException>(store =>
            store.AddRelationshipAsync(new Involvement("x1", "p2", " ", false, false, new Period(District.Since), District.By), Ct));

        Assert.Contains("role", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRelationship_starting_before_1900_is_refused_naming_since()
    {
        var refused = await AssertRefusedAndUnchangedAsync<GraphRuleException>(store =>
            store.AddRelationshipAsync(new Membership("p2", "h1", new Period(new DateOnly(1899, 12, 31)), District.By), Ct));

        Assert.Contains("since", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndRelationship_sets_until_so_it_is_drawn_the_day_before_and_not_on_the_day()
    {
        var store = await NewStoreAsync(Turners());
        var ends = new DateOnly(2024, 6, 10);

        await store.EndRelationshipAsync(new RelationshipKey(RelationshipType.MemberOf, "p1", "h1", District.Since), ends, District.By, Ct);

        var before = await store.OpenNetworkAsync("p1", ends.AddDays(-1), cancellationToken: Ct);
        var onTheDay = await store.OpenNetworkAsync("p1", ends, cancellationToken: Ct);
        Assert.Contains("MEMBER_OF p1->h1", EdgesOf(before));
        Assert.DoesNotContain("MEMBER_OF p1->h1", EdgesOf(onTheDay));
        Assert.Null(onTheDay.Find(HouseholdRef("h1")));
        var exported = await store.ExportAsync(Ct).OfType<Membership>().SingleAsync(Ct);
        Assert.Equal(new Period(District.Since, ends), exported.Period);
    }

    [Fact]
    public async Task EndRelationship_keeps_the_history_visible_at_earlier_dates()
    {
        var store = await NewStoreAsync(Turners());

        await store.EndRelationshipAsync(new RelationshipKey(RelationshipType.InvolvedWith, "x1", "p1", District.Since), Today, District.By, Ct);

        Assert.Empty(await store.GetTeamAsync("p1", Today, Ct));
        Assert.Equal("x1", Assert.Single(await store.GetTeamAsync("p1", Today.AddDays(-1), Ct)).Professional.Id);
        Assert.Equal(1, RelationshipCount(await store.GetStatsAsync(Ct), "INVOLVED_WITH"));
    }

    [Theory]
    [InlineData(RelationshipType.MemberOf, "p1", "h1")]
    [InlineData(RelationshipType.Family, "p2", "p1")]
    [InlineData(RelationshipType.WorksFor, "x1", "a1")]
    [InlineData(RelationshipType.InvolvedWith, "x1", "p1")]
    public async Task EndRelationship_works_for_every_type(RelationshipType type, string from, string to)
    {
        var store = await NewStoreAsync(Turners());

        await store.EndRelationshipAsync(new RelationshipKey(type, from, to, District.Since), Today, District.By, Ct);

        var ended = await store.ExportAsync(Ct).OfType<Relationship>().SingleAsync(r => r.Type == type, Ct);
        Assert.Equal(Today, ended.Period.Until);
    }

    public static TheoryData<string, RelationshipKey, DateOnly> BadEndings => new()
    {
        { "unknown start date", new RelationshipKey(RelationshipType.MemberOf, "p1", "h1", new DateOnly(2021, 1, 1)), Today },
        { "no such tie", new RelationshipKey(RelationshipType.Family, "p1", "p2", District.Since), Today },
        { "unknown node", new RelationshipKey(RelationshipType.InvolvedWith, "x9", "p1", District.Since), Today },
        { "until equals since", new RelationshipKey(RelationshipType.MemberOf, "p1", "h1", District.Since), District.Since },
        { "until before since", new RelationshipKey(RelationshipType.WorksFor, "x1", "a1", District.Since), District.Since.AddDays(-1) },
    };

    [Theory]
    [MemberData(nameof(BadEndings))]
    public async Task EndRelationship_bad_request_is_refused_and_nothing_changes(string why, RelationshipKey key, DateOnly until)
    {
        Assert.NotEmpty(why);

        await AssertRefusedAndUnchangedAsync<GraphRuleException>(store => store.EndRelationshipAsync(key, until, District.By, Ct));
    }

    [Fact]
    public async Task EndRelationship_already_ended_is_refused_and_keeps_the_first_end()
    {
        var store = await NewStoreAsync(Turners());
        var key = new RelationshipKey(RelationshipType.MemberOf, "p1", "h1", District.Since);
        await store.EndRelationshipAsync(key, new DateOnly(2024, 1, 1), District.By, Ct);
        var before = await SnapshotAsync(store);

        await Assert.ThrowsAnyAsync<GraphRuleException>(() => store.EndRelationshipAsync(key, Today, District.By, Ct));

        Assert.Equal(before, await SnapshotAsync(store));
    }

    [Fact]
    public async Task EndRelationship_written_with_an_end_is_already_ended()
    {
        var store = await NewStoreAsync(Turners().Person("p3", "Liam", "Turner").LivesIn("p3", "h1", until: Today));
        var before = await SnapshotAsync(store);

        await Assert.ThrowsAnyAsync<GraphRuleException>(() =>
            store.EndRelationshipAsync(new RelationshipKey(RelationshipType.MemberOf, "p3", "h1", District.Since), Today.AddDays(1), District.By, Ct));

        Assert.Equal(before, await SnapshotAsync(store));
    }

    [Theory]
    [InlineData("x9", "p1")]
    [InlineData("x1", "p9")]
    [InlineData("p1", "x1")]
    public async Task RecordContact_with_an_unknown_end_is_refused_and_nothing_is_written(string professionalId, string personId)
    {
        await AssertRefusedAndUnchangedAsync<NodeNotFoundException>(store =>
            store.RecordContactAsync(new Contact(professionalId, personId, new DateTimeOffset(2024, 6, 2, 9, 0, 0, TimeSpan.Zero), ContactKind.Visit, false, District.By), Ct));
    }

    [Fact]
    public async Task RecordContact_is_counted_and_exported()
    {
        var store = await NewStoreAsync(Turners());
        var contact = new Contact("x1", "p2", new DateTimeOffset(2024, 6, 20, 15, 45, 0, TimeSpan.FromHours(1)), ContactKind.Meeting, true, District.By);

        await store.RecordContactAsync(contact, Ct);

        Assert.Equal(2, RelationshipCount(await store.GetStatsAsync(Ct), "CONTACT"));
        Assert.Contains(contact, await store.ExportAsync(Ct).ToListAsync(Ct));
    }
}
