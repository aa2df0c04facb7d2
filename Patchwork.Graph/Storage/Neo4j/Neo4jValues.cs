using Patchwork.Graph.Model;

namespace Patchwork.Graph.Storage.Neo4j;

/// <summary>
/// How the model is written to and read from Neo4j, in the shape the bulk format gives it (neo4j-admin import):
/// dates are DATE, instants ZONED DATETIME, kinds lower-case words, roles their names, absent values unset.
/// Data that breaks the model's rules (a hand-edited database, say) is refused with a <see cref="GraphStoreException"/>.
/// </summary>
internal static class Neo4jValues
{
    public static Dictionary<string, object?> NodeParameters(Node node) => node switch
    {
        Person p => new()
        {
            ["id"] = p.Id,
            ["givenName"] = p.GivenName,
            ["familyName"] = p.FamilyName,
            ["dateOfBirth"] = p.DateOfBirth,
            ["gender"] = Optional(p.Gender.Name()),
            ["nhsNumber"] = p.NhsNumber?.Digits,
        },
        Household h => new()
        {
            ["id"] = h.Id,
            ["name"] = h.Name,
            ["address"] = Optional(h.Address),
            ["postcode"] = Optional(h.Postcode),
        },
        Professional p => new()
        {
            ["id"] = p.Id,
            ["givenName"] = p.GivenName,
            ["familyName"] = p.FamilyName,
            ["jobTitle"] = Optional(p.JobTitle),
            ["phone"] = Optional(p.Phone),
            ["email"] = Optional(p.Email),
            ["roles"] = p.RoleList.Select(r => r.ToString()).ToArray(),
        },
        Agency a => new()
        {
            ["id"] = a.Id,
            ["name"] = a.Name,
            ["kind"] = a.AgencyKind,
            ["phone"] = Optional(a.Phone),
            ["sensitive"] = a.Sensitive,
            ["outOfHoursPhone"] = Optional(a.OutOfHoursPhone),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    /// <summary>fromId, toId, since, until, recordedAt, recordedBy and the type's own properties.</summary>
    public static Dictionary<string, object?> RelationshipParameters(Relationship relationship, Recorded recorded)
    {
        var parameters = new Dictionary<string, object?>
        {
            ["fromId"] = relationship.FromId,
            ["toId"] = relationship.ToId,
            ["since"] = relationship.Period.Since,
            ["until"] = relationship.Period.Until,
            ["recordedAt"] = recorded.At,
            ["recordedBy"] = recorded.By,
        };
        switch (relationship)
        {
            case FamilyTie f:
                parameters["kind"] = f.Kind.Name();
                break;
            case Employment e:
                parameters["team"] = Optional(e.Team);
                break;
            case Involvement i:
                parameters["role"] = i.Role;
                parameters["lead"] = i.Lead;
                parameters["sensitive"] = i.Sensitive;
                break;
            case ChildStatus c:
                parameters["status"] = c.Status.Name();
                break;
        }

        return parameters;
    }

    /// <summary>A contact as an import row: fromId (the professional), toId (the person), at, kind, planned, recorded.</summary>
    public static Dictionary<string, object?> ContactRow(Contact contact, Recorded recorded) => new()
    {
        ["fromId"] = contact.ProfessionalId,
        ["toId"] = contact.PersonId,
        ["at"] = contact.At,
        ["kind"] = contact.Kind.Name(),
        ["planned"] = contact.Planned,
        ["seen"] = contact.Seen,
        ["seenAlone"] = contact.SeenAlone,
        ["recordedAt"] = recorded.At,
        ["recordedBy"] = recorded.By,
    };

    public static NodeKind KindOf(GraphNodeValue node)
    {
        foreach (var label in node.Labels)
        {
            if (KindNames.TryParseNodeKind(label, out var kind))
            {
                return kind;
            }
        }

        throw Broken($"node {node.ElementId} has none of the labels Person, Household, Professional, Agency");
    }

    public static Node ReadNode(GraphNodeValue node, NodeKind? kind = null)
    {
        var p = node.Properties;
        var id = p["id"].AsString() ?? throw Broken($"a node {node.ElementId} has no id");
        try
        {
            return (kind ?? KindOf(node)) switch
            {
                NodeKind.Person => new Person(
                    id,
                    p["givenName"].AsString() ?? "",
                    p["familyName"].AsString() ?? "",
                    p["dateOfBirth"].AsDate(),
                    KindNames.TryParseGender(p["gender"].AsString(), out var gender) ? gender : throw Broken($"Person {id} has gender '{p["gender"]}'"),
                    p["nhsNumber"].AsString() is { Length: > 0 } nhs ? NhsNumber.Parse(nhs) : null),
                NodeKind.Household => new Household(id, p["name"].AsString() ?? "", p["address"].AsString(), p["postcode"].AsString()),
                NodeKind.Professional => new Professional(
                    id,
                    p["givenName"].AsString() ?? "",
                    p["familyName"].AsString() ?? "",
                    p["jobTitle"].AsString(),
                    p["phone"].AsString(),
                    p["email"].AsString(),
                    Roles(id, p["roles"])),
                _ => new Agency(id, p["name"].AsString() ?? "", p["kind"].AsString() ?? "", p["phone"].AsString(), p["sensitive"].AsBoolean() ?? false, p["outOfHoursPhone"].AsString()),
            };
        }
        catch (Exception exception) when (exception is GraphRuleException or InvalidDataException || AnswerShape.Is(exception))
        {
            throw Broken($"{kind ?? KindOf(node)} {id} cannot be read: {exception.Message}", exception);
        }
    }

    public static Relationship ReadRelationship(RelationshipType type, string fromId, string toId, GraphRelationshipValue relationship)
    {
        var p = relationship.Properties;
        try
        {
            var period = new Period(p["since"].AsDate() ?? throw new InvalidDataException("it has no since"), p["until"].AsDate());
            var recorded = RecordedOf(p);
            return type switch
            {
                RelationshipType.MemberOf => new Membership(fromId, toId, period, recorded),
                RelationshipType.Family => new FamilyTie(
                    fromId,
                    toId,
                    KindNames.TryParseFamilyKind(p["kind"].AsString(), out var kind) ? kind : throw new InvalidDataException($"its kind is {p["kind"]}"),
                    period,
                    recorded),
                RelationshipType.WorksFor => new Employment(fromId, toId, p["team"].AsString(), period, recorded),
                RelationshipType.InvolvedWith => new Involvement(fromId, toId, p["role"].AsString() ?? "", p["lead"].AsBoolean() ?? false, p["sensitive"].AsBoolean() ?? false, period, recorded),
                RelationshipType.Status => new ChildStatus(
                    fromId,
                    toId,
                    KindNames.TryParseCareStatus(p["status"].AsString(), out var status) ? status : throw new InvalidDataException($"its status is {p["status"]}"),
                    period,
                    recorded),
            };
        }
        catch (Exception exception) when (exception is GraphRuleException or InvalidDataException || AnswerShape.Is(exception))
        {
            throw Broken($"the {type.TypeName()} relationship {fromId} -> {toId} cannot be read: {exception.Message}", exception);
        }
    }

    public static Contact ReadContact(string professionalId, string personId, GraphRelationshipValue relationship)
    {
        var p = relationship.Properties;
        try
        {
            return new Contact(
                professionalId,
                personId,
                p["at"].AsDateTime()?.ToUniversalTime() ?? throw new InvalidDataException("it has no at"),
                ContactKindOf(p["kind"]),
                p["planned"].AsBoolean() ?? false,
                RecordedOf(p),
                p["seen"].AsBoolean(),
                p["seenAlone"].AsBoolean());
        }
        catch (Exception exception) when (exception is GraphRuleException or InvalidDataException || AnswerShape.Is(exception))
        {
            throw Broken($"the contact {professionalId} -> {personId} cannot be read: {exception.Message}", exception);
        }
    }

    public static ContactKind ContactKindOf(QueryValue value) =>
        KindNames.TryParseContactKind(value.AsString(), out var kind) ? kind : throw Broken($"a contact has kind '{value}'");

    /// <summary>Who recorded a relationship and when; rows loaded by neo4j-admin import have no such record.</summary>
    private static Recorded? RecordedOf(PropertyBag properties) =>
        properties["recordedAt"].AsDateTime() is { } at ? new Recorded(at.ToUniversalTime(), properties["recordedBy"].AsString() ?? "") : null;

    private static ProfessionalRole[] Roles(string id, QueryValue value)
    {
        // A list of names (roles:string[] in the bulk format), or the same names joined by ';' in one string.
        var names = value.Element.ValueKind == System.Text.Json.JsonValueKind.Array
            ? value.AsList().Select(v => v.AsString())
            : (value.AsString() ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return [.. names.Select(n => KindNames.TryParseRole(n, out var role) ? role : throw Broken($"Professional {id} has role '{n}'"))];
    }

    private static string? Optional(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static GraphStoreException Broken(string problem, Exception? inner = null)
    {
        var message = $"Neo4j holds data Patchwork cannot read: {problem}. Correct it in the database.";
        return inner is null ? new GraphStoreException(message) : new GraphStoreException(message, inner);
    }
}
