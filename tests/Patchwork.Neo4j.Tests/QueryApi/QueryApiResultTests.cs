using System.Text.Json;
using Patchwork.Graph.Model;
using Patchwork.Graph.Storage.Neo4j;

namespace Patchwork.Neo4j.Tests.QueryApi;

/// <summary>How answers are read: the plain JSON of the Query API manual, "Result formats &amp; Data types".</summary>
public sealed class QueryApiResultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<QueryResult> AnswerAsync(string json)
    {
        var fake = new FakeQueryApi().Answer(json);
        return await fake.Client().RunAsync(new CypherStatement("test", "RETURN 1", new Dictionary<string, object?>(), ReadOnly: true), Ct);
    }

    private static QueryValue Value(string json) => new(JsonDocument.Parse(json).RootElement.Clone());

    // "Plain JSON", example "Return a node and a property".
    [Fact]
    public async Task Answer_with_a_node_and_a_property_is_read_by_field()
    {
        var result = await AnswerAsync("""
            {
              "data": {
                "fields": ["person", "name"],
                "values": [[
                  {"elementId": "4:ff04df25-ff2b-4b55-98f8-6888297b025e:2", "labels": ["Person"], "properties": {"name": "Phil"}},
                  "Phil"
                ]]
              },
              "bookmarks": ["FB:kcwQ/wTfJf8rS1WY+GiIKXsCXg6Q"]
            }
            """);

        Assert.Equal(["person", "name"], result.Fields);
        var row = result.Single;
        var person = row["person"].AsNode()!;
        Assert.Equal("4:ff04df25-ff2b-4b55-98f8-6888297b025e:2", person.ElementId);
        Assert.Equal(["Person"], person.Labels);
        Assert.Equal("Phil", person.Properties["name"].AsString());
        Assert.True(person.Properties["age"].IsNull);
        Assert.Equal("Phil", row["name"].AsString());
        Assert.Equal(["FB:kcwQ/wTfJf8rS1WY+GiIKXsCXg6Q"], result.Bookmarks);
    }

    // "Plain JSON", type mapping: RELATIONSHIP.
    [Fact]
    public void Relationship_is_read_with_its_type_ends_and_properties()
    {
        var relationship = Value("""
            {
              "elementId": "5:ff04df25-ff2b-4b55-98f8-6888297b025e:2",
              "startNodeElementId": "4:ff04df25-ff2b-4b55-98f8-6888297b025e:0",
              "endNodeElementId": "4:ff04df25-ff2b-4b55-98f8-6888297b025e:2",
              "type": "LIKES",
              "properties": {"since": "forever!"}
            }
            """).AsRelationship()!;

        Assert.Equal("LIKES", relationship.Type);
        Assert.Equal("4:ff04df25-ff2b-4b55-98f8-6888297b025e:0", relationship.StartNodeElementId);
        Assert.Equal("4:ff04df25-ff2b-4b55-98f8-6888297b025e:2", relationship.EndNodeElementId);
        Assert.Equal("forever!", relationship.Properties["since"].AsString());
    }

    // "Plain JSON", type mapping: PATH - nodes and relationships alternate.
    [Fact]
    public void Path_is_read_as_alternating_nodes_and_relationships()
    {
        var path = Value("""
            [
              {"elementId": "4:ff04df25-ff2b-4b55-98f8-6888297b025e:0", "labels": ["Person"], "properties": {"name": "Alice", "age": 42}},
              {"elementId": "5:ff04df25-ff2b-4b55-98f8-6888297b025e:2", "startNodeElementId": "4:ff04df25-ff2b-4b55-98f8-6888297b025e:0",
               "endNodeElementId": "4:ff04df25-ff2b-4b55-98f8-6888297b025e:2", "type": "LIKES", "properties": {"since": "forever!"}},
              {"elementId": "4:ff04df25-ff2b-4b55-98f8-6888297b025e:2", "labels": ["Person"], "properties": {"name": "Phil"}}
            ]
            """).AsPath()!;

        Assert.Equal(["Alice", "Phil"], path.Nodes.Select(n => n.Properties["name"].AsString()));
        Assert.Equal(42, path.Nodes[0].Properties["age"].AsInt64());
        Assert.Equal("LIKES", Assert.Single(path.Relationships).Type);
    }

    // "Plain JSON", type mapping: DATE as an ISO-8601 string.
    [Fact]
    public void Date_is_read_from_its_iso_string() => Assert.Equal(new DateOnly(2015, 3, 26), Value("\"2015-03-26\"").AsDate());

    // "Plain JSON", type mapping: ZONED DATETIME and LOCAL DATETIME, with the zone name Neo4j may append; Neo4j also
    // drops ":00" seconds ("2024-06-01T10:00Z") and writes up to nine fraction digits.
    [Theory]
    [InlineData("\"2015-11-21T21:40:32.142Z[Antarctica/Troll]\"", "2015-11-21T21:40:32.1420000+00:00")]
    [InlineData("\"2015-07-04T19:32:24\"", "2015-07-04T19:32:24.0000000+00:00")]
    [InlineData("\"2024-01-01T21:40:32-01:00\"", "2024-01-01T21:40:32.0000000-01:00")]
    [InlineData("\"2024-06-01T10:00Z\"", "2024-06-01T10:00:00.0000000+00:00")]
    [InlineData("\"2024-06-01T10:00:00.123456789+01:00[Europe/London]\"", "2024-06-01T10:00:00.1234567+01:00")]
    public void Datetime_is_read_from_the_strings_neo4j_writes(string json, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Value(json).AsDateTime());

    [Fact]
    public void Datetime_keeps_its_instant_and_offset()
    {
        var at = Value("\"2024-06-01T23:30:00.000-05:00\"").AsDateTime()!.Value;

        Assert.Equal(TimeSpan.FromHours(-5), at.Offset);
        Assert.Equal(new DateTimeOffset(2024, 6, 2, 4, 30, 0, TimeSpan.Zero), at);
    }

    // "Plain JSON", type mapping: NULL, BOOLEAN, INTEGER, STRING, LIST, MAP.
    [Fact]
    public async Task Scalars_lists_maps_and_nulls_are_read()
    {
        var result = await AnswerAsync("""
            {"data": {"fields": ["n", "b", "i", "s", "l", "m"], "values": [[null, true, 123, "Hello World", [123, 456], {"fieldA": "A value"}]]}}
            """);

        var row = result.Single;
        Assert.True(row["n"].IsNull);
        Assert.Null(row["n"].AsString());
        Assert.Null(row["n"].AsInt64());
        Assert.True(row["b"].AsBoolean());
        Assert.Equal(123, row["i"].AsInt64());
        Assert.Equal("Hello World", row["s"].AsString());
        Assert.Equal([123L, 456L], row["l"].AsList().Select(v => v.AsInt64()!.Value));
        Assert.Equal("A value", row["m"].Element.GetProperty("fieldA").GetString());
    }

    // "Plain JSON", type mapping: INTEGER is a JSON number; Neo4j's are 64-bit.
    [Fact]
    public void Integers_beyond_the_int_range_are_read_exactly() =>
        Assert.Equal(9_007_199_254_740_993L, Value("9007199254740993").AsInt64());

    // "Route queries to read cluster members" shows the rows of a one-field answer as bare values; they read too.
    [Fact]
    public async Task One_field_answer_with_bare_rows_is_read()
    {
        var result = await AnswerAsync("""
            {"data": {"fields": ["n"], "values": [
              {"elementId": "4:ff04df25-ff2b-4b55-98f8-6888297b025e:0", "labels": ["Person"], "properties": {"name": "Alice", "age": 42}},
              {"elementId": "4:ff04df25-ff2b-4b55-98f8-6888297b025e:1", "labels": ["Person"], "properties": {"name": "Lucy"}}
            ]}, "bookmarks": ["FB:kcwQ/wTfJf8rS1WY+GiIKXsCXguQ"]}
            """);

        Assert.Equal(["Alice", "Lucy"], result.Records.Select(r => r["n"].AsNode()!.Properties["name"].AsString()));
    }

    // "Plain JSON", output format prototype: "values" is empty when the statement matched nothing.
    [Fact]
    public async Task Answer_without_rows_has_none()
    {
        var result = await AnswerAsync("""{"data": {"fields": ["n"], "values": []}, "bookmarks": []}""");

        Assert.Empty(result.Records);
        Assert.Throws<InvalidOperationException>(() => result.Single);
    }

    // "Plain JSON", output format prototype: values are read by the names in "fields".
    [Fact]
    public async Task Field_that_was_not_returned_is_named_in_a_store_error()
    {
        var result = await AnswerAsync("""{"data": {"fields": ["a"], "values": [[1]]}}""");

        var error = Assert.Throws<GraphStoreException>(() => result.Single["b"]);
        Assert.Contains("no field 'b'", error.Message, StringComparison.Ordinal);
    }

    // "Plain JSON", type mapping: a STRING where the statement returns a DATE means another server or a defect.
    [Fact]
    public void Value_of_another_type_than_expected_is_a_store_error_naming_what_was_found() =>
        Assert.Contains("\"soon\"", Assert.Throws<GraphStoreException>(() => Value("\"soon\"").AsDate()).Message, StringComparison.Ordinal);

    // "Plain JSON", type mapping: NODE, with a Person as neo4j-admin import loads persons.csv (absent values unset).
    [Fact]
    public void Node_is_read_into_the_model_with_absent_properties_as_null()
    {
        var node = Value("""
            {"elementId": "4:x:0", "labels": ["Person"], "properties": {"id": "P001", "givenName": "Ava", "familyName": "Turner",
             "dateOfBirth": "2014-03-14", "gender": "female", "nhsNumber": "9434765919"}}
            """).AsNode()!;

        Assert.Equal(
            new Person("P001", "Ava", "Turner", new DateOnly(2014, 3, 14), Gender.Female, NhsNumber.Parse("9434765919")),
            Neo4jValues.ReadNode(node));
    }

    // Rows loaded by neo4j-admin import: roles:string[] as a list, no recordedAt on relationships.
    [Fact]
    public void Rows_loaded_by_neo4j_admin_import_read_without_a_record_of_who_wrote_them()
    {
        var professional = Value("""
            {"elementId": "4:x:1", "labels": ["Professional"], "properties": {"id": "PR040", "givenName": "Kim", "familyName": "Ross",
             "roles": ["Practitioner", "Coordinator"]}}
            """).AsNode()!;
        var membership = Value("""
            {"elementId": "5:x:1", "startNodeElementId": "4:x:2", "endNodeElementId": "4:x:3", "type": "MEMBER_OF", "properties": {"since": "2012-01-01"}}
            """).AsRelationship()!;

        Assert.Equal([ProfessionalRole.Practitioner, ProfessionalRole.Coordinator], ((Professional)Neo4jValues.ReadNode(professional)).RoleList);
        Assert.Equal(new Membership("P002", "H001", new Period(new DateOnly(2012, 1, 1))), Neo4jValues.ReadRelationship(RelationshipType.MemberOf, "P002", "H001", membership));
    }

    // "Plain JSON", type mapping: RELATIONSHIP, with an end date before its start (data edited by hand).
    [Fact]
    public void Data_that_breaks_the_model_is_refused_naming_it()
    {
        var tie = Value("""
            {"elementId": "5:x:1", "startNodeElementId": "4:x:2", "endNodeElementId": "4:x:3", "type": "FAMILY",
             "properties": {"since": "2020-01-01", "until": "2019-01-01", "kind": "parent"}}
            """).AsRelationship()!;

        var error = Assert.Throws<GraphStoreException>(() => Neo4jValues.ReadRelationship(RelationshipType.Family, "P002", "P001", tie));

        Assert.Contains("FAMILY relationship P002 -> P001", error.Message, StringComparison.Ordinal);
    }
}
