using Patchwork.Graph.Model;
using Patchwork.Graph.Network;
using static Patchwork.Neo4j.Tests.Neo4jJson;

namespace Patchwork.Neo4j.Tests.Store;

// Every answer of the fake in these tests is the plain JSON of the Query API manual, "Result formats & Data types"
// ({"data": {"fields", "values"}} with nodes and relationships as its type mapping shows them; see Neo4jJson), and
// inside a transaction as "Run transactions" shows it.
public sealed class Neo4jGraphStoreReadTests
{
    private static readonly DateOnly Today = new(2024, 6, 15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] TeamFields = ["professional", "involvement", "agency", "team", "lastAt", "lastKind", "lastSeen", "lastSeenAlone", "nextAt", "nextKind"];

    [Fact]
    public async Task GetTeam_reads_each_member_with_agency_last_contact_and_next_visit_and_orders_lead_first()
    {
        var fake = new FakeQueryApi().On(
            "team",
            TeamFields,
            [Professional("x2", "Priya", "Shah"), Open("INVOLVED_WITH", new { role = "Nurse", lead = false, sensitive = true }), null, null, null, null, null, null, "2024-06-19T11:00Z", "meeting"],
            [Professional("x1", "Sam", "Adeyemi"), Open("INVOLVED_WITH", new { role = "Social worker", lead = true, sensitive = false }), Agency("a1"), "Child Protection", "2024-06-12T14:30Z", "visit", true, false, null, null]);

        var team = await fake.Store().GetTeamAsync("p1", Today, Ct);

        Assert.Equal(["x1", "x2"], team.Select(m => m.Professional.Id));
        Assert.Equal(("a1", "Child Protection"), (team[0].Agency?.Id, team[0].Team));
        Assert.Equal(new ContactSummary(new DateTimeOffset(2024, 6, 12, 14, 30, 0, TimeSpan.Zero), ContactKind.Visit, Seen: true, SeenAlone: false), team[0].LastContact);
        Assert.Equal(new ContactSummary(new DateTimeOffset(2024, 6, 19, 11, 0, 0, TimeSpan.Zero), ContactKind.Meeting), team[1].NextVisit);
        Assert.True(team[1].IsSensitive);
        Assert.Equal("2024-06-15T00:00:00.000Z", fake.Requests[0].Parameters.GetProperty("dayStart").GetString());
        Assert.Equal("2024-06-16T00:00:00.000Z", fake.Requests[0].Parameters.GetProperty("nextDayStart").GetString());
    }

    [Fact]
    public async Task GetTeam_person_without_professionals_has_an_empty_team_and_an_unknown_person_is_refused()
    {
        var fake = new FakeQueryApi().On("team", TeamFields, new object?[] { null, null, null, null, null, null, null, null, null, null }).On("team", TeamFields);
        var store = fake.Store();

        Assert.Empty(await store.GetTeamAsync("p3", Today, Ct));
        Assert.Equal("Person p9", (await Assert.ThrowsAsync<NodeNotFoundException>(() => store.GetTeamAsync("p9", Today, Ct))).Node?.ToString());
    }

    [Fact]
    public async Task Search_by_name_sends_the_escaped_prefix_query_and_ranks_like_the_embedded_store()
    {
        var fake = new FakeQueryApi().On(
            "search-names",
            ["node"],
            [Node("Agency", new { id = "a1", name = "Turning Point", kind = "substance-misuse", sensitive = false })],
            [Person("p3", "Chloe", "Turner")],
            [Node("Household", new { id = "h1", name = "Turner household" })]);

        var hits = await fake.Store().SearchAsync("tur", 2, Ct);

        Assert.Equal("tur*", fake.Requests[0].Parameters.GetProperty("query").GetString());
        Assert.Equal(200, fake.Requests[0].Parameters.GetProperty("window").GetInt32());
        // Names that start with what was typed come first, then by kind: as SearchQuery.Rank orders the embedded store's.
        Assert.Equal([new SearchHit(new NodeRef(NodeKind.Household, "h1"), "Turner household", null), new SearchHit(new NodeRef(NodeKind.Agency, "a1"), "Turning Point", "substance-misuse")], hits);
    }

    [Fact]
    public async Task Search_by_date_of_birth_asks_for_people_born_that_day()
    {
        var fake = new FakeQueryApi().On("search-date-of-birth", ["person"], [Node("Person", new { id = "p2", givenName = "Zoë", familyName = "Ávila", dateOfBirth = "2010-03-05" })]);

        var hit = Assert.Single(await fake.Store().SearchAsync("05/03/2010", cancellationToken: Ct));

        Assert.Equal("2010-03-05", fake.Requests[0].Parameters.GetProperty("dateOfBirth").GetString());
        Assert.Equal(new SearchHit(new NodeRef(NodeKind.Person, "p2"), "Zoë Ávila", "born 5 Mar 2010"), hit);
    }

    [Theory]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("\"")]
    public async Task Search_with_no_words_asks_nothing(string text)
    {
        var fake = new FakeQueryApi();

        Assert.Empty(await fake.Store().SearchAsync(text, cancellationToken: Ct));
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task ClientsWithoutLead_reads_a_page_and_its_total()
    {
        var fake = new FakeQueryApi()
            .On("clients-without-lead", ["person", "involvements", "agencies"], [Node("Person", new { id = "p1", givenName = "Ava", familyName = "Turner", dateOfBirth = "2014-03-14" }), 3, 1])
            .On("count-clients-without-lead", ["clients"], [7]);

        var page = await fake.Store().ClientsWithoutLeadAsync(Today, skip: 4, take: 1, Ct);

        Assert.Equal(new ClientSummary("p1", "Ava Turner", new DateOnly(2014, 3, 14), 3, 1), Assert.Single(page.Items));
        Assert.Equal((7, 4, 1), (page.TotalCount, page.Skip, page.Take));
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(0, 0)]
    public async Task ClientsWithoutLead_bad_page_is_refused_before_asking_neo4j(int skip, int take)
    {
        var fake = new FakeQueryApi();

        await Assert.ThrowsAsync<GraphRuleException>(() => fake.Store().ClientsWithoutLeadAsync(Today, skip, take, Ct));
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task GetStatuses_sends_the_people_and_the_date_and_reads_each_status_with_its_agency()
    {
        var fake = new FakeQueryApi().On(
            "statuses",
            ["personId", "status", "agency"],
            ["p1", Open("STATUS", new { status = "child-protection-plan" }), Agency("a1")]);

        var status = Assert.Single(await fake.Store().GetStatusesAsync(["p1", "p1", "p2"], Today, Ct));

        Assert.Equal(new ChildStatus("a1", "p1", CareStatus.ChildProtectionPlan, new Period(new DateOnly(2020, 1, 1)), status.Status.Recorded), status.Status);
        Assert.Equal("a1", status.Agency.Id);
        Assert.Equal(["p1", "p2"], fake.Requests[0].Parameters.GetProperty("personIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("2024-06-15", fake.Requests[0].Parameters.GetProperty("asOf").GetString());
        Assert.Empty(await new FakeQueryApi().Store().GetStatusesAsync([], Today, Ct));
    }

    [Fact]
    public async Task GetStats_names_labels_and_types_as_the_bulk_format_does()
    {
        var fake = new FakeQueryApi().On(
            "stats",
            ["persons", "households", "professionals", "agencies", "memberOf", "family", "worksFor", "involvedWith", "statuses", "contacts"],
            [120, 44, 40, 12, 132, 189, 41, 82, 4, 180]);

        var stats = await fake.Store().GetStatsAsync(Ct);

        Assert.Equal(120, stats.Nodes["Person"]);
        Assert.Equal(12, stats.Nodes["Agency"]);
        Assert.Equal(189, stats.Relationships["FAMILY"]);
        Assert.Equal(180, stats.Relationships["CONTACT"]);
        Assert.Equal(4, stats.Relationships["STATUS"]);
    }

    [Fact]
    public async Task FindNode_asks_for_the_kind_and_id_and_FindProfessionalByEmail_trims()
    {
        var fake = new FakeQueryApi()
            .On("find-node", ["node"])
            .On("find-professional-by-email", ["professional"], [Node("Professional", new { id = "x1", givenName = "Sam", familyName = "Adeyemi", email = "Sam.Adeyemi@Northvale.gov.uk" })]);
        var store = fake.Store();

        Assert.Null(await store.FindNodeAsync(new NodeRef(NodeKind.Household, "p1"), Ct));
        Assert.Equal("x1", (await store.FindProfessionalByEmailAsync("  sam.adeyemi@NORTHVALE.gov.uk ", Ct))?.Id);

        Assert.Equal("""{"kind":"Household","id":"p1"}""", fake.Requests[0].Parameters.GetRawText());
        Assert.Equal("sam.adeyemi@NORTHVALE.gov.uk", fake.Requests[1].Parameters.GetProperty("email").GetString());
    }

    [Fact]
    public async Task FindPersonByNhsNumber_asks_for_the_ten_digits()
    {
        var fake = new FakeQueryApi().On("find-person-by-nhs-number", ["person"]);
        var store = fake.Store();

        Assert.Null(await store.FindPersonByNhsNumberAsync(NhsNumber.Parse("943 476 5919"), Ct));

        Assert.Equal("9434765919", fake.Requests[0].Parameters.GetProperty("nhsNumber").GetString());
    }

    [Fact]
    public async Task InitializeAsync_applies_every_statement_of_schema_cypher_one_by_one()
    {
        var fake = new FakeQueryApi();
        var statements = Patchwork.Graph.Storage.Neo4j.CypherCatalog.Statements("schema");
        foreach (var _ in statements)
        {
            fake.Answer("""{"data": {"fields": [], "values": []}}""");
        }

        await fake.Store().InitializeAsync(Ct);

        Assert.Equal(statements, fake.Requests.Select(r => r.Statement));
        Assert.All(fake.Requests, r => Assert.False(r.Json.TryGetProperty("accessMode", out _)));
    }
}
