using Patchwork.Graph.Model;

namespace Patchwork.Graph.Import;

/// <summary>What one file of the bulk format holds: one node label or one relationship type.</summary>
public enum BulkFileKind
{
    Persons,
    Households,
    Professionals,
    Agencies,
    MemberOf,
    Family,
    WorksFor,
    InvolvedWith,
    Statuses,
    Contacts,
}

/// <summary>The value type a column of the bulk format carries, as neo4j-admin import names it after the colon.</summary>
internal enum ColumnType
{
    String,
    StringArray,
    Date,
    DateTime,
    Boolean,
    Id,
    StartId,
    EndId,
    Label,
    Type,
}

/// <summary>One column a file of some kind may have.</summary>
internal sealed record ColumnSpec(string Name, ColumnType Type, bool Required)
{
    /// <summary>The header cell the writer writes and the messages show, e.g. <c>since:date</c>.</summary>
    public string Header(string? idSpace) => Type switch
    {
        ColumnType.String => Name,
        ColumnType.StringArray => $"{Name}:string[]",
        ColumnType.Date => $"{Name}:date",
        ColumnType.DateTime => $"{Name}:datetime",
        ColumnType.Boolean => $"{Name}:boolean",
        ColumnType.Id => $"{Name}:ID({idSpace})",
        ColumnType.StartId or ColumnType.EndId or ColumnType.Label or ColumnType.Type => Name,
    };
}

/// <summary>
/// The neo4j-admin import CSV format of a Patchwork district: nine kinds of file, each told apart by its header.
/// Columns may come in any order. A header must have every required column, exactly once, and no column the kind
/// does not know; a column is optional only where leaving it out says the truth for every row ("no NHS number
/// recorded", "still open", "no team"), never where it would quietly turn a fact into a default (an empty family
/// name, a sensitive agency made open, a planned visit made a contact that happened). In a row, an empty field is
/// an absent value.
/// </summary>
public static class BulkFormat
{
    public const string RecordedAt = "recordedAt";
    public const string RecordedBy = "recordedBy";

    internal const string Id = "id";
    internal const string StartId = ":START_ID";
    internal const string EndId = ":END_ID";
    internal const string Label = ":LABEL";
    internal const string Type = ":TYPE";

    private static readonly ColumnSpec[] Recording =
    [
        new(RecordedAt, ColumnType.DateTime, false),
        new(RecordedBy, ColumnType.String, false),
    ];

    private static readonly Dictionary<BulkFileKind, FileSpec> Specs = new()
    {
        [BulkFileKind.Persons] = Node(
            BulkFileKind.Persons,
            NodeKind.Person,
            "persons.csv",
            new("givenName", ColumnType.String, true),
            new("familyName", ColumnType.String, true),
            new("dateOfBirth", ColumnType.Date, true),
            new("gender", ColumnType.String, true),
            new("nhsNumber", ColumnType.String, false)),
        [BulkFileKind.Households] = Node(
            BulkFileKind.Households,
            NodeKind.Household,
            "households.csv",
            new("name", ColumnType.String, true),
            new("address", ColumnType.String, false),
            new("postcode", ColumnType.String, false)),
        [BulkFileKind.Professionals] = Node(
            BulkFileKind.Professionals,
            NodeKind.Professional,
            "professionals.csv",
            new("givenName", ColumnType.String, true),
            new("familyName", ColumnType.String, true),
            new("jobTitle", ColumnType.String, true),
            new("phone", ColumnType.String, false),
            new("email", ColumnType.String, false),
            new("roles", ColumnType.StringArray, true)),
        [BulkFileKind.Agencies] = Node(
            BulkFileKind.Agencies,
            NodeKind.Agency,
            "agencies.csv",
            new("name", ColumnType.String, true),
            new("kind", ColumnType.String, true),
            new("phone", ColumnType.String, false),
            new("sensitive", ColumnType.Boolean, true),
            new("outOfHoursPhone", ColumnType.String, false)),
        [BulkFileKind.MemberOf] = Relationship(BulkFileKind.MemberOf, RelationshipType.MemberOf),
        [BulkFileKind.Family] = Relationship(BulkFileKind.Family, RelationshipType.Family),
        [BulkFileKind.WorksFor] = Relationship(BulkFileKind.WorksFor, RelationshipType.WorksFor),
        [BulkFileKind.InvolvedWith] = Relationship(BulkFileKind.InvolvedWith, RelationshipType.InvolvedWith),
        [BulkFileKind.Statuses] = Relationship(BulkFileKind.Statuses, RelationshipType.Status),
        [BulkFileKind.Contacts] = Relationship(
            BulkFileKind.Contacts,
            KindNames.ContactTypeName,
            NodeKind.Professional,
            NodeKind.Person,
            "contacts.csv",
            new("at", ColumnType.DateTime, true),
            new("kind", ColumnType.String, true),
            new("planned", ColumnType.Boolean, true),
            new("seen", ColumnType.Boolean, false),
            new("seenAlone", ColumnType.Boolean, false)),
    };

    /// <summary>Every kind of file, nodes first, in the order an import loads them.</summary>
    public static IReadOnlyList<BulkFileKind> Kinds { get; } = Enum.GetValues<BulkFileKind>();

    /// <summary>The file name the writer gives a kind, e.g. <c>persons.csv</c>.</summary>
    public static string FileName(BulkFileKind kind) => Specs[kind].FileName;

    /// <summary>The full header the writer writes for a kind, optional columns and the recording columns included.</summary>
    public static IReadOnlyList<string> Header(BulkFileKind kind) => Specs[kind].FullHeader;

    internal static FileSpec Spec(BulkFileKind kind) => Specs[kind];

    internal static IEnumerable<FileSpec> All => Specs.Values;

    private static FileSpec Node(BulkFileKind kind, NodeKind label, string fileName, params ColumnSpec[] properties) =>
        new(kind, fileName, label, null, null, label.Label(), [new(Id, ColumnType.Id, true), .. properties, new(Label, ColumnType.Label, true)]);

    /// <summary>A relationship type's file, as its one description says.</summary>
    private static FileSpec Relationship(BulkFileKind kind, RelationshipType type)
    {
        var described = type.Describe();
        return Relationship(kind, described.Name, described.From, described.To, described.FileName, [.. described.Properties.Select(Column)]);
    }

    private static ColumnSpec Column(PropertyColumn property) => new(
        property.Name,
        property.Type switch
        {
            PropertyType.String => ColumnType.String,
            PropertyType.Date => ColumnType.Date,
            PropertyType.Boolean => ColumnType.Boolean,
        },
        property.Required);

    private static FileSpec Relationship(BulkFileKind kind, string type, NodeKind start, NodeKind end, string fileName, params ColumnSpec[] properties) =>
        new(kind, fileName, null, start, end, type, [new(StartId, ColumnType.StartId, true), new(EndId, ColumnType.EndId, true), .. properties, new(Type, ColumnType.Type, true), .. Recording]);
}

/// <summary>The columns of one kind of file. <see cref="LabelOrType"/> is what its :LABEL or :TYPE fields must say.</summary>
internal sealed class FileSpec
{
    public FileSpec(BulkFileKind kind, string fileName, NodeKind? label, NodeKind? start, NodeKind? end, string labelOrType, ColumnSpec[] columns)
    {
        Kind = kind;
        FileName = fileName;
        NodeLabel = label;
        Start = start;
        End = end;
        LabelOrType = labelOrType;
        Columns = columns;
        FullHeader = [.. columns.Select(c => c.Header(c.Type == ColumnType.Id ? label?.Label() : null))];
        if (start is { } s && end is { } e)
        {
            FullHeader = [.. FullHeader.Select(h => h == BulkFormat.StartId ? $"{h}({s.Label()})" : h == BulkFormat.EndId ? $"{h}({e.Label()})" : h)];
        }
    }

    public BulkFileKind Kind { get; }

    public string FileName { get; }

    public NodeKind? NodeLabel { get; }

    public NodeKind? Start { get; }

    public NodeKind? End { get; }

    public bool IsNodeFile => NodeLabel is not null;

    public string LabelOrType { get; }

    public IReadOnlyList<ColumnSpec> Columns { get; }

    public IReadOnlyList<string> FullHeader { get; }

    /// <summary>The index of a column in <see cref="Columns"/>, by name.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }
}
