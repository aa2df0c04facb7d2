using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Patchwork.Graph.Storage.Neo4j;

namespace Patchwork.Neo4j.Tests;

/// <summary>
/// An in-process stand-in for Neo4j's Query API: records every request and answers with queued JSON, as the Query
/// API manual's examples show it. Every statement it receives must be given each $parameter it uses.
/// </summary>
internal sealed partial class FakeQueryApi : HttpMessageHandler
{
    private readonly Queue<Func<RecordedRequest, HttpResponseMessage>> answers = new();
    private readonly Dictionary<string, Queue<string>> byFile = new(StringComparer.Ordinal);

    public List<RecordedRequest> Requests { get; } = [];

    /// <summary>Answers the next request with <paramref name="json"/> and status 202, the Query API's usual status.</summary>
    public FakeQueryApi Answer(string json, HttpStatusCode status = HttpStatusCode.Accepted, params (string Name, string Value)[] headers)
    {
        answers.Enqueue(_ => Response(json, status, headers));
        return this;
    }

    public FakeQueryApi Answer(Func<RecordedRequest, HttpResponseMessage> answer)
    {
        answers.Enqueue(answer);
        return this;
    }

    public FakeQueryApi Throw(Exception exception)
    {
        answers.Enqueue(_ => throw exception);
        return this;
    }

    /// <summary>Answers the statements of cypher/<paramref name="file"/>.cypher with rows, in turn; used before the plain queue.</summary>
    public FakeQueryApi On(string file, string[] fields, params object?[][] rows)
    {
        if (!byFile.TryGetValue(file, out var queue))
        {
            byFile[file] = queue = new Queue<string>();
        }

        queue.Enqueue(Data(fields, rows));
        return this;
    }

    /// <summary>A Query API answer: {"data": {"fields", "values"}, "bookmarks"}.</summary>
    /// <remarks>It also names a transaction, as an answer inside an explicit transaction does; outside one it is ignored.</remarks>
    public static string Data(string[] fields, params object?[][] rows) =>
        JsonSerializer.Serialize(new
        {
            data = new { fields, values = rows },
            bookmarks = new[] { "FB:kcwQ/wTfJf8rS1WY+GiIKXsCXgmQ" },
            transaction = new { id = "lyU", expires = "2024-10-22T15:48:29Z" },
        });

    public static HttpResponseMessage Response(string json, HttpStatusCode status = HttpStatusCode.Accepted, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    /// <summary>The statements sent, by the cypher/ file each came from.</summary>
    public IEnumerable<string> Files => Requests.Where(r => r.Statement is not null).Select(r => FileOf(r.Statement!));

    public static string FileOf(string statement) =>
        CypherCatalog.Names.FirstOrDefault(n => CypherCatalog.Statements(n).Contains(statement)) ?? "(not a cypher/ file)";

    public QueryApiClient Client(Action<Neo4jStoreOptions>? configure = null, Neo4jBookmarks? bookmarks = null) =>
        new(new HttpClient(this), Options.Create(TestOptions(configure)), bookmarks ?? new Neo4jBookmarks(), NullLogger<QueryApiClient>.Instance);

    public static Neo4jStoreOptions TestOptions(Action<Neo4jStoreOptions>? configure = null)
    {
        var options = new Neo4jStoreOptions { Url = "http://localhost:7474", User = "neo4j", Password = "verysecret" };
        configure?.Invoke(options);
        return options;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, headers, body);
        Requests.Add(recorded);
        if (recorded.Statement is { } statement)
        {
            AssertEveryParameterGiven(statement, recorded.Parameters);
            if (byFile.TryGetValue(FileOf(statement), out var queue) && queue.Count > 0)
            {
                return Response(queue.Dequeue());
            }
        }

        return answers.Count > 0
            ? answers.Dequeue()(recorded)
            : throw new InvalidOperationException($"The fake Query API has no answer for {request.Method} {request.RequestUri} ({(recorded.Statement is { } s ? FileOf(s) : "no statement")}).");
    }

    private static void AssertEveryParameterGiven(string statement, JsonElement parameters)
    {
        var code = CommentsAndStrings().Replace(statement, " ");
        foreach (Match m in ParameterPattern().Matches(code))
        {
            var name = m.Groups[1].Value;
            Assert.True(
                parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty(name, out _),
                $"{FileOf(statement)} uses ${name} but the store did not pass it.");
        }
    }

    [GeneratedRegex(@"//[^\n]*|'(?:[^'\\]|\\.)*'|""(?:[^""\\]|\\.)*""")]
    private static partial Regex CommentsAndStrings();

    [GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ParameterPattern();
}

internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    public JsonElement Json => string.IsNullOrEmpty(Body) ? default : JsonDocument.Parse(Body).RootElement.Clone();

    public string? Statement => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("statement", out var s) ? s.GetString() : null;

    public JsonElement Parameters => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("parameters", out var p) ? p : default;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
