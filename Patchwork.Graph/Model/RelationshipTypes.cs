namespace Patchwork.Graph.Model;

/// <summary>The value a relationship's property column carries in the bulk format.</summary>
public enum PropertyType
{
    String,
    Date,
    Boolean,
}

/// <summary>One property column of a relationship's bulk file; optional only where leaving it out says the truth.</summary>
public sealed record PropertyColumn(string Name, PropertyType Type, bool Required);

/// <summary>
/// Everything about a relationship type that the bulk format, the stores and the validator share: its type name,
/// the kinds of node at its start and end, its bulk file and that file's property columns (after the two ids).
/// </summary>
public sealed record RelationshipDescription(
    RelationshipType Type,
    string Name,
    NodeKind From,
    NodeKind To,
    string FileName,
    IReadOnlyList<PropertyColumn> Properties);

/// <summary>The one description of each relationship type.</summary>
public static class RelationshipTypes
{
    private static readonly PropertyColumn Since = new("since", PropertyType.Date, true);
    private static readonly PropertyColumn Until = new("until", PropertyType.Date, false);

    private static readonly RelationshipDescription MemberOf = new(
        RelationshipType.MemberOf, "MEMBER_OF", NodeKind.Person, NodeKind.Household, "member_of.csv", [Since, Until]);

    private static readonly RelationshipDescription Family = new(
        RelationshipType.Family, "FAMILY", NodeKind.Person, NodeKind.Person, "family.csv", [new("kind", PropertyType.String, true), Since, Until]);

    private static readonly RelationshipDescription WorksFor = new(
        RelationshipType.WorksFor, "WORKS_FOR", NodeKind.Professional, NodeKind.Agency, "works_for.csv", [new("team", PropertyType.String, false), Since, Until]);

    private static readonly RelationshipDescription InvolvedWith = new(
        RelationshipType.InvolvedWith,
        "INVOLVED_WITH",
        NodeKind.Professional,
        NodeKind.Person,
        "involved_with.csv",
        [new("role", PropertyType.String, true), new("lead", PropertyType.Boolean, true), new("sensitive", PropertyType.Boolean, true), Since, Until]);

    // From the agency responsible for the status, so the agency's numbers are the ones shown beside it.
    private static readonly RelationshipDescription Status = new(
        RelationshipType.Status, "STATUS", NodeKind.Agency, NodeKind.Person, "status.csv", [new("status", PropertyType.String, true), Since, Until]);

    /// <summary>Every relationship type, in the order an import loads them.</summary>
    public static IReadOnlyList<RelationshipDescription> All { get; } = [.. Enum.GetValues<RelationshipType>().Select(Describe)];

    public static RelationshipDescription Describe(this RelationshipType type) => type switch
    {
        RelationshipType.MemberOf => MemberOf,
        RelationshipType.Family => Family,
        RelationshipType.WorksFor => WorksFor,
        RelationshipType.InvolvedWith => InvolvedWith,
        RelationshipType.Status => Status,
    };
}
