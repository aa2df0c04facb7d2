using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace Patchwork.Graph.Storage.Neo4j;

/// <summary>
/// One statement to run: the cypher/ file it comes from (named in errors and logs), its text and its named
/// parameters. Read-only statements are routed to a cluster's readers and may be tried again after a timeout.
/// </summary>
internal sealed record CypherStatement(string Name, string Text, IReadOnlyDictionary<string, object?> Parameters, bool ReadOnly)
{
    /// <summary>A write that is safe to send twice (an idempotent schema statement): it is tried again like a read.</summary>
    public bool Retryable { get; init; }

    public static CypherStatement Read(string file, IReadOnlyDictionary<string, object?>? parameters = null) =>
        new(file, CypherCatalog.Statement(file), parameters ?? new Dictionary<string, object?>(), ReadOnly: true);

    public static CypherStatement Write(string file, IReadOnlyDictionary<string, object?>? parameters = null) =>
        new(file, CypherCatalog.Statement(file), parameters ?? new Dictionary<string, object?>(), ReadOnly: false);
}

/// <summary>
/// Writes Query API request bodies: {"statement", "parameters", "bookmarks", "accessMode"} in that order (servers
/// before 2026.08 expect the statement first). Plain JSON carries no types, so dates and instants go as ISO-8601
/// strings and the statements convert them (date($asOf), datetime($at)).
/// </summary>
internal static class QueryApiJson
{
    public static byte[] Body(CypherStatement? statement, IReadOnlyList<string> bookmarks, bool readAccess = false)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (statement is not null)
            {
                writer.WriteString("statement", statement.Text);
                writer.WritePropertyName("parameters");
                WriteValue(writer, statement.Parameters);
            }

            if (bookmarks.Count > 0)
            {
                writer.WriteStartArray("bookmarks");
                foreach (var bookmark in bookmarks)
                {
                    writer.WriteStringValue(bookmark);
                }

                writer.WriteEndArray();
            }

            // Routes an implicit transaction to a cluster's readers; an explicit one keeps the default (write) mode.
            if (readAccess)
            {
                writer.WriteString("accessMode", "Read");
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>An instant as the statements expect it: UTC, to the millisecond, as the embedded store keeps it.</summary>
    public static string Instant(DateTimeOffset at) =>
        DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds()).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case DateOnly d:
                writer.WriteStringValue(Day(d));
                break;
            case DateTimeOffset t:
                writer.WriteStringValue(Instant(t));
                break;
            case IReadOnlyDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, item);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"A Cypher parameter cannot be a {value.GetType().Name}.", nameof(value));
        }
    }
}
