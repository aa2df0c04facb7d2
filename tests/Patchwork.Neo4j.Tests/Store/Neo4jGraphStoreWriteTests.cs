using Patchwork.Graph.Model;
using static Patchwork.Neo4j.Tests.Store.StoreFakes;

namespace Patchwork.Neo4j.Tests.Store;

/// <summary>Writes check what the embedded store's keys enforce, in its order, and refuse with its messages.</summary>
// Every answer of the fake in these tests is the plain JSON of the Query API manual, "Result formats & Data types"
// ({"data": {"fields", "values"}} with nodes and relationships as its type mapping shows them; see Neo4jJson), and
// inside a transaction as "Run transactions" shows it.
public sealed class Neo4jGraphStoreWriteTests
{
    private static readonly Recorded By = new(new DateTimeOffset(2024, 1, 2, 9, 30, 0, TimeSpan.Zero), "district-builder");
    private static readonly Period Since2020 = new(new DateOnly(2020, 1, 1));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddNode_sends_the_bulk_format_properties()
    {
        var fake = new FakeQueryApi().On("add-person", ["alreadyExists"], [false]);

        await fake.Store().AddNodeAsync(new Person("p1", "Zoë", "O'Brien", new DateOnly(2014, 3, 14), Gender.Female, NhsNumber.Parse("9434765919")), Ct);

        Assert.Equal(
            """{"id":"p1","givenName":"Zo\u00EB","familyName":"O\u0027Brien","dateOfBirth":"2014-03-14","gender":"female","nhsNumber":"9434765919"}""",
            fake.Requests[0].Parameters.GetRawText());
    }

    [Fact]
    public async Task AddNode_professional_roles_are_a_list_of_their_names_and_empty_texts_are_unset()
    {
        var fake = new FakeQueryApi().On("add-professional", ["alreadyExists"], [false]);

        await fake.Store().AddNodeAsync(new Professional("x1", "Sam", "Adeyemi", "", Roles: [ProfessionalRole.Practitioner, ProfessionalRole.Coordinator]), Ct);

        var parameters = fake.Requests[0].Parameters;
        Assert.Equal("""["Practitioner","Coordinator"]""", parameters.GetProperty("roles").GetRawText());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, parameters.GetProperty("jobTitle").ValueKind);
    }

    [Fact]
    public async Task AddNode_existing_id_is_refused_with_the_embedded_store_message()
    {
        var fake = new FakeQueryApi().On("add-household", ["alreadyExists"], [true]);

        var refused = await Assert.ThrowsAsync<GraphRuleException>(() => fake.Store().AddNodeAsync(new Household("h1", "Turner household"), Ct));

        Assert.Equal("A household with id 'h1' already exists.", refused.Message);
    }

    // Two writers racing: the uniqueness constraint of cypher/schema.cypher catches the second.
    [Fact]
    public async Task AddNode_racing_another_writer_is_refused_the_same_way()
    {
        var fake = new FakeQueryApi().Answer("""{"errors": [{"code": "Neo.ClientError.Schema.ConstraintValidationFailed", "message": "Node(7) already exists with label `Agency` and property `id` = 'a1'"}]}""");

        var refused = await Assert.ThrowsAsync<GraphRuleException>(() => fake.Store().AddNodeAsync(new Agency("a1", "Northvale Police", "police"), Ct));

        // The embedded store's wording, word for word.
        Assert.Equal("A agency with id 'a1' already exists.", refused.Message);
        Assert.NotNull(refused.InnerException);
    }

    [Fact]
    public async Task AddNode_invalid_field_is_refused_before_anything_is_sent()
    {
        var fake = new FakeQueryApi();

        var refused = await Assert.ThrowsAsync<GraphRuleException>(() => fake.Store().AddNodeAsync(new Professional("x9", "Sam", "Adeyemi", Email: "sam at northvale"), Ct));

        Assert.Contains("email", refused.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Requests);
    }

    [Theory]
    [InlineData(false, true, "Person p9")]
    [InlineData(true, false, "Household h9")]
    public async Task AddRelationship_unknown_end_is_named(bool fromFound, bool toFound, string missing)
    {
        var fake = new FakeQueryApi().On("add-member-of", ["fromFound", "toFound", "alreadyRecorded"], [fromFound, toFound, false]);

        var refused = await Assert.ThrowsAsync<NodeNotFoundException>(() =>
            fake.Store().AddRelationshipAsync(new Membership(fromFound ? "p1" : "p9", toFound ? "h1" : "h9", Since2020, By), Ct));

        Assert.Equal(missing, refused.Node?.ToString());
    }

    [Fact]
    public async Task AddRelationship_already_recorded_is_refused_naming_its_key()
    {
        var fake = new FakeQueryApi().On("add-involved-with", ["fromFound", "toFound", "alreadyRecorded"], [true, true, true]);

        var refused = await Assert.ThrowsAsync<GraphRuleException>(() =>
            fake.Store().AddRelationshipAsync(new Involvement("x1", "p1", "Nurse", false, false, Since2020, By), Ct));

        Assert.Equal("The INVOLVED_WITH x1 -> p1 since 2020-01-01 is already recorded.", refused.Message);
    }

    [Fact]
    public async Task AddRelationship_sends_the_type_properties_dates_and_who_recorded_it()
    {
        var fake = new FakeQueryApi().On("add-involved-with", ["fromFound", "toFound", "alreadyRecorded"], [true, true, false]);

        await fake.Store().AddRelationshipAsync(new Involvement("x1", "p1", "Nurse", true, false, new Period(new DateOnly(2020, 1, 1), new DateOnly(2024, 6, 15)), By), Ct);

        Assert.Equal(
            """{"fromId":"x1","toId":"p1","since":"2020-01-01","until":"2024-06-15","recordedAt":"2024-01-02T09:30:00.000Z","recordedBy":"district-builder","role":"Nurse","lead":true,"sensitive":false}""",
            fake.Requests[0].Parameters.GetRawText());
    }

    // The embedded store looks the ends up before it checks the fields: an unknown end is what the caller hears.
    [Fact]
    public async Task AddRelationship_invalid_and_to_an_unknown_node_reports_the_unknown_node()
    {
        var fake = new FakeQueryApi().On("existing-nodes", Exists);

        var refused = await Assert.ThrowsAsync<NodeNotFoundException>(() =>
            fake.Store().AddRelationshipAsync(new FamilyTie("p9", "p9", FamilyKind.Sibling, Since2020, By), Ct));

        Assert.Equal("Person p9", refused.Node?.ToString());
        Assert.Equal(["existing-nodes"], fake.Files);
    }

    [Fact]
    public async Task AddRelationship_invalid_between_known_nodes_reports_the_field_and_writes_nothing()
    {
        var fake = new FakeQueryApi().On("existing-nodes", Exists, ["Person", "p1"]);

        var refused = await Assert.ThrowsAsync<GraphRuleException>(() =>
            fake.Store().AddRelationshipAsync(new FamilyTie("p1", "p1", FamilyKind.Sibling, Since2020, By), Ct));

        Assert.Contains("two different people", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["existing-nodes"], fake.Files);
    }

    [Fact]
    public async Task AddRelationship_without_a_record_of_who_wrote_it_is_misuse()
    {
        var fake = new FakeQueryApi().On("existing-nodes", Exists, ["Person", "p1"], ["Household", "h1"]);

        await Assert.ThrowsAsync<ArgumentException>(() => fake.Store().AddRelationshipAsync(new Membership("p1", "h1", Since2020), Ct));
    }

    public static TheoryData<object?[], string> Endings => new()
    {
        { [true, true, false, null], "There is no MEMBER_OF p1 -> h1 since 2020-01-01." },
        { [true, true, true, "2024-01-01"], "The MEMBER_OF p1 -> h1 since 2020-01-01 already ended on 2024-01-01." },
        { [false, true, false, null], "There is no person with id 'p1'." },
    };

    [Theory]
    [MemberData(nameof(Endings))]
    public async Task EndRelationship_refusal_is_read_from_what_the_statement_found(object?[] row, string message)
    {
        var fake = new FakeQueryApi().On("end-member-of", ["fromFound", "toFound", "found", "previousUntil"], row);

        var refused = await Assert.ThrowsAnyAsync<GraphRuleException>(() =>
            fake.Store().EndRelationshipAsync(new RelationshipKey(RelationshipType.MemberOf, "p1", "h1", new DateOnly(2020, 1, 1)), new DateOnly(2024, 6, 15), By, Ct));

        Assert.Equal(message, refused.Message);
    }

    [Fact]
    public async Task EndRelationship_on_or_before_its_start_is_refused()
    {
        var fake = new FakeQueryApi().On("end-works-for", ["fromFound", "toFound", "found", "previousUntil"], [true, true, true, null]);

        await Assert.ThrowsAsync<GraphRuleException>(() =>
            fake.Store().EndRelationshipAsync(new RelationshipKey(RelationshipType.WorksFor, "x1", "a1", new DateOnly(2020, 1, 1)), new DateOnly(2020, 1, 1), By, Ct));
    }

    [Fact]
    public async Task EndRelationship_sends_the_end_and_who_ended_it()
    {
        var fake = new FakeQueryApi().On("end-family", ["fromFound", "toFound", "found", "previousUntil"], [true, true, true, null]);

        await fake.Store().EndRelationshipAsync(new RelationshipKey(RelationshipType.Family, "p2", "p1", new DateOnly(2020, 1, 1)), new DateOnly(2024, 6, 15), By, Ct);

        Assert.Equal(
            """{"fromId":"p2","toId":"p1","since":"2020-01-01","until":"2024-06-15","endedAt":"2024-01-02T09:30:00.000Z","endedBy":"district-builder"}""",
            fake.Requests[0].Parameters.GetRawText());
    }

    [Fact]
    public async Task RecordContact_sends_the_instant_in_utc_and_names_an_unknown_professional()
    {
        var fake = new FakeQueryApi().On("record-contact", ["fromFound", "toFound"], [false, true]);
        var contact = new Contact("x9", "p1", new DateTimeOffset(2024, 6, 20, 15, 45, 0, TimeSpan.FromHours(1)), ContactKind.Meeting, true, By);

        var refused = await Assert.ThrowsAsync<NodeNotFoundException>(() => fake.Store().RecordContactAsync(contact, Ct));

        Assert.Equal("Professional x9", refused.Node?.ToString());
        Assert.Equal("2024-06-20T14:45:00.000Z", fake.Requests[0].Parameters.GetProperty("at").GetString());
        Assert.Equal("meeting", fake.Requests[0].Parameters.GetProperty("kind").GetString());
    }
}
