using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Patchwork.Graph.Model;

namespace Patchwork.Graph.Storage.Neo4j;

/// <summary>One answer of the Query API: its fields, its rows, and the bookmarks and transaction it reports.</summary>
internal sealed class QueryResult(IReadOnlyList<string> fields, IReadOnlyList<QueryRecord> records, IReadOnlyList<string> bookmarks, string? transactionId, DateTimeOffset? transactionExpires)
{
    public static readonly QueryResult Empty = new([], [], [], null, null);

    public IReadOnlyList<string> Fields { get; } = fields;

    public IReadOnlyList<QueryRecord> Records { get; } = records;

    public IReadOnlyList<string> Bookmarks { get; } = bookmarks;

    /// <summary>The explicit transaction this answer belongs to, while it is open; null once the server closed it.</summary>
    public string? TransactionId { get; } = transactionId;

    public DateTimeOffset? TransactionExpires { get; } = transactionExpires;

    /// <summary>The one row a statement answers with.</summary>
    public QueryRecord Single => Records.Count == 1
        ? Records[0]
        : throw new InvalidOperationException($"Expected one row from Neo4j, got {Records.Count}.");
}

/// <summary>One row: values by field name.</summary>
internal sealed class QueryRecord(IReadOnlyDictionary<string, int> index, JsonElement[] values)
{
    public QueryValue this[string field] => index.TryGetValue(field, out var i)
        ? new QueryValue(values[i])
        : throw AnswerShape.Unexpected($"it returned no field '{field}', only {string.Join(", ", index.Keys)}.");
}

/// <summary>
/// A value in plain JSON (the Query API's default format): temporal values come as ISO-8601 strings, nodes,
/// relationships and paths as objects; see the Query API manual, "Result formats &amp; Data types".
/// </summary>
internal readonly partial struct QueryValue(JsonElement element)
{
    public JsonElement Element { get; } = element;

    public bool IsNull => Element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;

    public string? AsString() => IsNull ? null : Element.ValueKind == JsonValueKind.String ? Element.GetString() : Element.GetRawText();

    public string AsRequiredString() => AsString() ?? throw Unexpected("a string");

    public bool? AsBoolean() => IsNull ? null : Element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when bool.TryParse(Element.GetString(), out var b) => b,
        _ => throw Unexpected("a boolean"),
    };

    public long? AsInt64() => IsNull ? null : Element.ValueKind switch
    {
        JsonValueKind.Number when Element.TryGetInt64(out var n) => n,
        JsonValueKind.String when long.TryParse(Element.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        _ => throw Unexpected("an integer"),
    };

    public DateOnly? AsDate() => IsNull ? null : DateOnly.TryParseExact(Element.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
        ? d
        : throw Unexpected("a date (yyyy-MM-dd)");

    public DateTimeOffset? AsDateTime() => IsNull ? null : ParseDateTime(Element.GetString()) ?? throw Unexpected("a datetime");

    public IReadOnlyList<QueryValue> AsList() => IsNull ? [] : Element.ValueKind == JsonValueKind.Array
        ? [.. Element.EnumerateArray().Select(e => new QueryValue(e))]
        : throw Unexpected("a list");

    public GraphNodeValue? AsNode() => IsNull ? null : GraphNodeValue.From(Element);

    public GraphRelationshipValue? AsRelationship() => IsNull ? null : GraphRelationshipValue.From(Element);

    /// <summary>A path: nodes and relationships alternate, starting and ending with a node.</summary>
    public GraphPathValue? AsPath()
    {
        if (IsNull)
        {
            return null;
        }

        if (Element.ValueKind != JsonValueKind.Array)
        {
            throw Unexpected("a path");
        }

        var nodes = new List<GraphNodeValue>();
        var relationships = new List<GraphRelationshipValue>();
        foreach (var (item, i) in Element.EnumerateArray().Select((e, i) => (e, i)))
        {
            if (i % 2 == 0)
            {
                nodes.Add(GraphNodeValue.From(item));
            }
            else
            {
                relationships.Add(GraphRelationshipValue.From(item));
            }
        }

        return nodes.Count == relationships.Count + 1 ? new GraphPathValue(nodes, relationships) : throw Unexpected("a path");
    }

    public override string ToString() => Element.GetRawText();

    /// <summary>
    /// An ISO-8601 instant as Neo4j writes one: seconds and fraction optional (it drops ":00"), up to nine fraction
    /// digits, an offset or Z, and perhaps a zone name in brackets. Without an offset it is read as UTC.
    /// </summary>
    internal static DateTimeOffset? ParseDateTime(string? text)
    {
        var m = text is null ? null : DateTimePattern().Match(text);
        if (m is null || !m.Success)
        {
            return null;
        }

        var date = DateOnly.ParseExact(m.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        var second = m.Groups["s"].Success ? int.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        var fraction = m.Groups["f"].Success ? m.Groups["f"].Value.PadRight(7, '0')[..7] : "0";
        var offset = TimeSpan.Zero;
        if (m.Groups["oh"].Success)
        {
            offset = new TimeSpan(int.Parse(m.Groups["oh"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["om"].Value, CultureInfo.InvariantCulture), 0);
            if (m.Groups["sign"].Value == "-")
            {
                offset = -offset;
            }
        }

        var local = date.ToDateTime(new TimeOnly(hour, minute, second)).AddTicks(long.Parse(fraction, CultureInfo.InvariantCulture));
        return new DateTimeOffset(local, offset);
    }

    private GraphStoreException Unexpected(string expected) =>
        AnswerShape.Unexpected($"it returned {Shorten(Element.GetRawText())} where {expected} was expected.");

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "...";

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})T(?<h>\d{2}):(?<m>\d{2})(:(?<s>\d{2})(\.(?<f>\d{1,9}))?)?(Z|(?<sign>[+-])(?<oh>\d{2}):?(?<om>\d{2})(:\d{2})?)?(\[[^\]]+\])?$")]
    private static partial Regex DateTimePattern();
}

/// <summary>A node's properties by name; a property that is not set reads as null.</summary>
internal sealed class PropertyBag(IReadOnlyDictionary<string, JsonElement> properties)
{
    public QueryValue this[string name] => new(properties.TryGetValue(name, out var value) ? value : default);

    public IEnumerable<string> Names => properties.Keys;

    internal static PropertyBag From(JsonElement element) =>
        new(element.ValueKind == JsonValueKind.Object
            ? element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal)
            : new Dictionary<string, JsonElement>(StringComparer.Ordinal));
}

internal sealed record GraphNodeValue(string ElementId, IReadOnlyList<string> Labels, PropertyBag Properties)
{
    internal static GraphNodeValue From(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("labels", out var labels))
        {
            throw AnswerShape.Unexpected($"it returned {element.GetRawText()} where a node was expected.");
        }

        return new GraphNodeValue(
            element.TryGetProperty("elementId", out var id) ? id.GetString() ?? "" : "",
            [.. labels.EnumerateArray().Select(l => l.GetString() ?? "")],
            PropertyBag.From(element.TryGetProperty("properties", out var p) ? p : default));
    }
}

internal sealed record GraphRelationshipValue(string ElementId, string StartNodeElementId, string EndNodeElementId, string Type, PropertyBag Properties)
{
    internal static GraphRelationshipValue From(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("type", out var type))
        {
            throw AnswerShape.Unexpected($"it returned {element.GetRawText()} where a relationship was expected.");
        }

        string Text(string name) => element.TryGetProperty(name, out var v) ? v.GetString() ?? "" : "";
        return new GraphRelationshipValue(
            Text("elementId"),
            Text("startNodeElementId"),
            Text("endNodeElementId"),
            type.GetString() ?? "",
            PropertyBag.From(element.TryGetProperty("properties", out var p) ? p : default));
    }
}

internal sealed record GraphPathValue(IReadOnlyList<GraphNodeValue> Nodes, IReadOnlyList<GraphRelationshipValue> Relationships);

/// <summary>
/// An answer of another shape than Patchwork expects (a field missing, a string where a date should be): a store
/// error, marked so the model readers can add which node or relationship it was.
/// </summary>
internal static class AnswerShape
{
    private const string Marker = "Patchwork.Neo4j.AnswerShape";

    public static GraphStoreException Unexpected(string problem)
    {
        var exception = new GraphStoreException(
            $"Neo4j answered in a shape Patchwork does not expect: {problem} Patchwork needs Neo4j 5.26 or later; on such a server this is a defect in Patchwork.");
        exception.Data[Marker] = true;
        return exception;
    }

    public static bool Is(Exception exception) => exception is GraphStoreException && exception.Data.Contains(Marker);
}
