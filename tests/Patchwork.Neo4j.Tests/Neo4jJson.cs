namespace Patchwork.Neo4j.Tests;

/// <summary>Values in the shapes of the Query API manual's "Plain JSON" type mapping, for answers the fake gives.</summary>
internal static class Neo4jJson
{
    public static object Node(string label, object properties, int n = 0) =>
        new { elementId = $"4:ff04df25-ff2b-4b55-98f8-6888297b025e:{n}", labels = new[] { label }, properties };

    public static object Relationship(string type, object properties, int n = 0) =>
        new
        {
            elementId = $"5:ff04df25-ff2b-4b55-98f8-6888297b025e:{n}",
            startNodeElementId = "4:ff04df25-ff2b-4b55-98f8-6888297b025e:0",
            endNodeElementId = "4:ff04df25-ff2b-4b55-98f8-6888297b025e:2",
            type,
            properties,
        };

    public static object Person(string id, string given, string family) => Node("Person", new { id, givenName = given, familyName = family });

    public static object Household(string id) => Node("Household", new { id, name = $"{id} household" });

    public static object Professional(string id, string given, string family) => Node("Professional", new { id, givenName = given, familyName = family, roles = Array.Empty<string>() });

    public static object Agency(string id) => Node("Agency", new { id, name = $"{id} agency", kind = "children-social-care", sensitive = false });

    /// <summary>An open relationship since 2020-01-01, recorded as the district builder of the contract suite does.</summary>
    public static object Open(string type, object? extra = null)
    {
        var properties = new Dictionary<string, object?>
        {
            ["since"] = "2020-01-01",
            ["recordedAt"] = "2024-01-02T09:30Z",
            ["recordedBy"] = "district-builder",
        };
        foreach (var p in extra?.GetType().GetProperties() ?? [])
        {
            properties[p.Name] = p.GetValue(extra);
        }

        return Relationship(type, properties);
    }
}
