using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Patchwork.Graph.Model;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Patchwork.Graph.Storage.Neo4j;

/// <summary>
/// A typed client of Neo4j's HTTP Query API v2 (Neo4j 5.26 or later, and Aura): runs statements in implicit
/// (auto-commit) transactions or in explicit ones, signs in with basic or bearer authentication, carries the store's
/// bookmarks, and turns every failure into <see cref="GraphStoreException"/> or <see cref="GraphRuleException"/>.
/// Its HttpClient comes from IHttpClientFactory with the standard resilience handler.
/// </summary>
internal sealed partial class QueryApiClient(HttpClient http, IOptions<Neo4jStoreOptions> options, Neo4jBookmarks bookmarks, ILogger<QueryApiClient> logger)
{
    /// <summary>Names the cluster member that holds an explicit transaction; sent back on every later request of it.</summary>
    public const string AffinityHeader = "neo4j-cluster-affinity";

    /// <summary>Marks a request that may be sent again after a timeout or a 5xx: reads, and idempotent schema statements.</summary>
    public static readonly HttpRequestOptionsKey<bool> RetryableOption = new("Patchwork.Neo4j.Retryable");

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public Neo4jStoreOptions Settings { get; } = options.Value;

    internal ILogger Logger => logger;

    internal string QueryPath => $"db/{Uri.EscapeDataString(Settings.Database)}/query/v2";

    /// <summary>Runs one statement in an implicit transaction, after the store's last known writes.</summary>
    public async Task<QueryResult> RunAsync(CypherStatement statement, CancellationToken cancellationToken)
    {
        var sent = bookmarks.Current;
        var answer = await SendAsync(HttpMethod.Post, QueryPath, statement, sent, affinity: null, retryable: statement.ReadOnly || statement.Retryable, readAccess: statement.ReadOnly, cancellationToken).ConfigureAwait(false);
        bookmarks.Advance(sent, answer.Result.Bookmarks);
        return answer.Result;
    }

    /// <summary>An explicit transaction, opened by its first statement; dispose it to roll back unless committed.</summary>
    public QueryApiTransaction BeginTransaction() => new(this, bookmarks);

    internal async Task<QueryAnswer> SendAsync(
        HttpMethod method,
        string path,
        CypherStatement? statement,
        IReadOnlyList<string> sentBookmarks,
        string? affinity,
        bool retryable,
        bool readAccess,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(Settings.BaseUri, path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = Authorization(Settings);
        if (affinity is not null)
        {
            request.Headers.TryAddWithoutValidation(AffinityHeader, affinity);
        }

        if (method != HttpMethod.Delete)
        {
            request.Content = new ByteArrayContent(QueryApiJson.Body(statement, sentBookmarks, readAccess));
            request.Content.Headers.ContentType = Json;
        }

        request.Options.Set(RetryableOption, retryable);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var result = Parse(response, body, statement?.Name);
            var answeredAffinity = response.Headers.TryGetValues(AffinityHeader, out var values) ? values.FirstOrDefault() : null;
            return new QueryAnswer(result, answeredAffinity ?? affinity);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or TimeoutRejectedException or BrokenCircuitException or TimeoutException or IOException)
        {
            LogTransportFailure(logger, exception, method.Method, path);
            throw Neo4jErrors.FromTransport(exception, Settings);
        }
    }

    internal static AuthenticationHeaderValue? Authorization(Neo4jStoreOptions settings)
    {
        if (!string.IsNullOrEmpty(settings.Token))
        {
            return new AuthenticationHeaderValue("Bearer", settings.Token);
        }

        if (!string.IsNullOrEmpty(settings.User))
        {
            var pair = Encoding.UTF8.GetBytes($"{settings.User}:{settings.Password}");
            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(pair));
        }

        return null;
    }

    /// <summary>
    /// Reads an answer. Neo4j answers 202 whether or not the statement succeeded (401 for authentication, and from
    /// 2025.11 a status that follows the error), so the "errors" list is read whatever the status.
    /// </summary>
    private QueryResult Parse(HttpResponseMessage response, byte[] body, string? statement)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.Length == 0 ? "{}"u8.ToArray() : body);
        }
        catch (JsonException exception)
        {
            throw Neo4jErrors.FromHttpStatus(response.IsSuccessStatusCode ? System.Net.HttpStatusCode.UnsupportedMediaType : response.StatusCode, Settings, exception);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Neo4jErrors.FromHttpStatus(response.IsSuccessStatusCode ? System.Net.HttpStatusCode.UnsupportedMediaType : response.StatusCode, Settings);
            }

            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                var first = errors[0];
                var code = first.TryGetProperty("code", out var c) ? c.GetString() ?? "" : "";
                var message = string.Join(" ", errors.EnumerateArray().Select(e => e.TryGetProperty("message", out var m) ? m.GetString() : null).Where(m => !string.IsNullOrEmpty(m)));
                var error = new QueryApiException(code, message, (int)response.StatusCode, statement);
                LogServerError(logger, statement, code, message);
                throw Neo4jErrors.FromServer(error, Settings);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw Neo4jErrors.FromHttpStatus(response.StatusCode, Settings);
            }

            return ReadResult(root);
        }
    }

    internal static QueryResult ReadResult(JsonElement root)
    {
        var fields = new List<string>();
        var records = new List<QueryRecord>();
        if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
        {
            if (data.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Array)
            {
                fields.AddRange(f.EnumerateArray().Select(e => e.GetString() ?? ""));
            }

            var index = fields.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
            if (data.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Array)
            {
                foreach (var row in values.EnumerateArray())
                {
                    // A row is an array in field order. A one-field answer is also read when its rows are bare values,
                    // as the manual's routing example shows them.
                    JsonElement[] cells = row.ValueKind == JsonValueKind.Array && (fields.Count != 1 || row.GetArrayLength() == 1)
                        ? [.. row.EnumerateArray().Select(v => v.Clone())]
                        : [row.Clone()];
                    if (cells.Length != fields.Count)
                    {
                        throw AnswerShape.Unexpected($"it returned a row of {cells.Length} values for {fields.Count} fields.");
                    }

                    records.Add(new QueryRecord(index, cells));
                }
            }
        }

        IReadOnlyList<string> bookmarks = root.TryGetProperty("bookmarks", out var b) && b.ValueKind == JsonValueKind.Array
            ? [.. b.EnumerateArray().Select(e => e.GetString()).OfType<string>()]
            : [];
        string? transactionId = null;
        DateTimeOffset? expires = null;
        if (root.TryGetProperty("transaction", out var transaction) && transaction.ValueKind == JsonValueKind.Object)
        {
            transactionId = transaction.TryGetProperty("id", out var id) ? id.GetString() : null;
            expires = transaction.TryGetProperty("expires", out var e) ? QueryValue.ParseDateTime(e.GetString()) : null;
        }

        return new QueryResult(fields, records, bookmarks, transactionId, expires);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Neo4j answered {Statement} with {Code}: {ServerMessage}")]
    private static partial void LogServerError(ILogger logger, string? statement, string code, string serverMessage);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Neo4j request {Method} {Path} got no answer")]
    private static partial void LogTransportFailure(ILogger logger, Exception exception, string method, string path);
}

/// <summary>An answer and the cluster member that gave it (for explicit transactions).</summary>
internal sealed record QueryAnswer(QueryResult Result, string? Affinity);
