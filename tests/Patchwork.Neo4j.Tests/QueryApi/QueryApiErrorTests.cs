using System.Net;
using System.Net.Sockets;
using Patchwork.Graph.Model;
using Patchwork.Graph.Storage.Neo4j;

namespace Patchwork.Neo4j.Tests.QueryApi;

/// <summary>
/// Every failure becomes a <see cref="GraphStoreException"/> or a <see cref="GraphRuleException"/> whose message says
/// what to do, with the original error inside. Error bodies: {"errors": [{"code", "message"}]} as the Query API manual
/// shows them; codes from Neo4j's "List of Neo4j error codes".
/// </summary>
public sealed class QueryApiErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<Exception> FailAsync(FakeQueryApi fake, Action<Neo4jStoreOptions>? configure = null) =>
        await Assert.ThrowsAnyAsync<Exception>(() =>
            fake.Client(configure).RunAsync(new CypherStatement("add-person", "CREATE (n:Person)", new Dictionary<string, object?>(), ReadOnly: false), Ct));

    private static string Error(string code, string message) => $$"""{"errors": [{"code": "{{code}}", "message": "{{message}}"}]}""";

    // "Authorize requests", Errors, "Incorrect authentication": 401 with Neo.ClientError.Security.Unauthorized.
    [Fact]
    public async Task Unauthorized_says_which_settings_hold_the_credentials()
    {
        var error = await FailAsync(new FakeQueryApi().Answer(Error("Neo.ClientError.Security.Unauthorized", "Invalid username or password."), HttpStatusCode.Unauthorized));

        var store = Assert.IsType<GraphStoreException>(error);
        Assert.Contains("refused Patchwork's credentials", store.Message, StringComparison.Ordinal);
        Assert.Contains("Patchwork:Neo4j:User", store.Message, StringComparison.Ordinal);
        Assert.Equal("Neo.ClientError.Security.Unauthorized", Assert.IsType<QueryApiException>(store.InnerException).Code);
    }

    // "Authorize requests", Errors, "Missing authorization".
    [Fact]
    public async Task Missing_authorization_is_unauthorized_too()
    {
        var error = await FailAsync(
            new FakeQueryApi().Answer(Error("Neo.ClientError.Security.Unauthorized", "No authentication header supplied."), HttpStatusCode.Unauthorized),
            o => (o.User, o.Password) = (null, null));

        Assert.Contains("No authentication header supplied", Assert.IsType<GraphStoreException>(error).Message, StringComparison.Ordinal);
    }

    // "Authorize requests", Errors, "Invalid authentication": Neo.ClientError.Request.InvalidFormat with 401.
    [Fact]
    public async Task Badly_formed_authorization_is_a_store_error()
    {
        var error = await FailAsync(new FakeQueryApi().Answer(Error("Neo.ClientError.Request.InvalidFormat", "Invalid authentication header."), HttpStatusCode.Unauthorized));

        Assert.Contains("Invalid authentication header", Assert.IsType<GraphStoreException>(error).Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> StoreErrors => new()
    {
        { "Neo.ClientError.Security.AuthenticationRateLimit", "The client has provided incorrect authentication details too many times in a row.", "locked out user 'neo4j'" },
        { "Neo.ClientError.Security.CredentialsExpired", "The credentials you provided were valid, but must be changed before you can use this instance.", "has expired" },
        { "Neo.ClientError.Security.Forbidden", "Write operations are not allowed for user 'neo4j' with roles [reader].", "Grant the user read and write access" },
        { "Neo.ClientError.Database.DatabaseNotFound", "Database does not exist. Database name: 'county'.", "has no database 'neo4j'" },
        { "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase", "Writing to a read-only database is not allowed.", "is read-only" },
        { "Neo.ClientError.Schema.ConstraintCreationFailed", "Unable to create Constraint( name='person_id' ...)", "correct the data" },
        { "Neo.ClientError.Statement.SyntaxError", "Invalid input 'T': expected <init> (line 1, column 1 (offset: 0))", "needs Neo4j 5.26 or later" },
        { "Neo.ClientError.Statement.ParameterMissing", "Expected parameter(s): id", "rejected the statement 'add-person'" },
        { "Neo.ClientError.Procedure.ProcedureCallFailed", "There is no such fulltext schema index: patchwork_names", "full-text index may be missing" },
        { "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration", "The transaction has been terminated.", "db.transaction.timeout" },
        { "Neo.TransientError.Transaction.DeadlockDetected", "ForsetiClient[1] can't acquire ExclusiveLock", "try again in a moment" },
        { "Neo.TransientError.General.DatabaseUnavailable", "Database 'neo4j' is unavailable.", "try again in a moment" },
        { "Neo.TransientError.Cluster.NotALeader", "No write operations are allowed on this database.", "try again in a moment" },
        { "Neo.DatabaseError.General.UnknownError", "An unknown error occurred.", "debug.log" },
        { "Neo.ClientError.Something.New", "A code this version does not know.", "Neo.ClientError.Something.New" },
    };

    // Error body as "Authorize requests" and "Run transactions" show it; each code and a message as Neo4j's
    // "List of Neo4j error codes" (Status Codes manual) describes it.
    [Theory]
    [MemberData(nameof(StoreErrors))]
    public async Task Neo4j_error_code_becomes_a_store_error_that_says_what_to_do(string code, string message, string advice)
    {
        var error = await FailAsync(new FakeQueryApi().Answer(Error(code, message)));

        var store = Assert.IsType<GraphStoreException>(error);
        Assert.Contains(advice, store.Message, StringComparison.Ordinal);
        Assert.Equal(code, Assert.IsType<QueryApiException>(store.InnerException).Code);
    }

    // Error body as in "Run transactions"; Neo.ClientError.Schema.ConstraintValidationFailed from "List of Neo4j error codes".
    [Fact]
    public async Task Constraint_validation_failure_is_a_broken_rule_and_nothing_changed()
    {
        var error = await FailAsync(new FakeQueryApi().Answer(Error(
            "Neo.ClientError.Schema.ConstraintValidationFailed", "Node(0) already exists with label `Person` and property `id` = 'p1'")));

        var rule = Assert.IsType<GraphRuleException>(error);
        Assert.Contains("Nothing was changed", rule.Message, StringComparison.Ordinal);
        Assert.Equal("Neo.ClientError.Schema.ConstraintValidationFailed", Assert.IsType<QueryApiException>(rule.InnerException).Code);
    }

    // "Run transactions", "Transaction expiration and keep alive": an expired transaction is Neo.ClientError.Request.Invalid.
    [Fact]
    public async Task Expired_transaction_says_nothing_of_it_was_kept()
    {
        var error = await FailAsync(new FakeQueryApi().Answer(Error(
            "Neo.ClientError.Request.Invalid",
            "Transaction with Id: \\\"lyU\\\" was not found. It may have timed out and therefore rolled back or the routing header 'neo4j-cluster-affinity' was not provided.")));

        Assert.Contains("Nothing of it was kept", Assert.IsType<GraphStoreException>(error).Message, StringComparison.Ordinal);
    }

    // From Neo4j 2025.11 the HTTP status follows the error (Query API changelog): the errors are read whatever it is.
    [Theory]
    [InlineData(HttpStatusCode.Accepted)]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task Errors_are_read_whatever_the_http_status(HttpStatusCode status)
    {
        var error = await FailAsync(new FakeQueryApi().Answer(Error("Neo.TransientError.General.DatabaseUnavailable", "Database 'neo4j' is unavailable."), status));

        Assert.Equal("Neo.TransientError.General.DatabaseUnavailable", Assert.IsType<QueryApiException>(error.InnerException).Code);
    }

    // No JSON at all: the request never reached a server.
    [Fact]
    public async Task Refused_connection_asks_whether_the_server_runs_at_the_configured_url()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (localhost:7474)", new SocketException((int)SocketError.ConnectionRefused));

        var error = await FailAsync(new FakeQueryApi().Throw(refused));

        var store = Assert.IsType<GraphStoreException>(error);
        Assert.Contains("Cannot reach Neo4j at http://localhost:7474: the connection was refused", store.Message, StringComparison.Ordinal);
        Assert.Same(refused, store.InnerException);
    }

    // No JSON at all: the host name did not resolve.
    [Fact]
    public async Task Unknown_host_names_the_host()
    {
        var error = await FailAsync(
            new FakeQueryApi().Throw(new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known (neo4j:7474)", new SocketException((int)SocketError.HostNotFound))),
            o => o.Url = "http://neo4j:7474");

        Assert.Contains("the host name 'neo4j' is unknown", Assert.IsType<GraphStoreException>(error).Message, StringComparison.Ordinal);
    }

    // No JSON at all: the HttpClient gave up waiting.
    [Fact]
    public async Task Timeout_says_a_write_may_or_may_not_have_been_made()
    {
        var error = await FailAsync(new FakeQueryApi().Throw(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout")));

        var store = Assert.IsType<GraphStoreException>(error);
        Assert.Contains("did not answer within 30 seconds", store.Message, StringComparison.Ordinal);
        Assert.Contains("may or may not have been made", store.Message, StringComparison.Ordinal);
    }

    // No JSON at all: the resilience handler's timeout or circuit breaker stopped the request.
    [Fact]
    public async Task Resilience_timeout_and_open_circuit_are_store_errors()
    {
        var timeout = await FailAsync(new FakeQueryApi().Throw(new Polly.Timeout.TimeoutRejectedException()));
        var circuit = await FailAsync(new FakeQueryApi().Throw(new Polly.CircuitBreaker.BrokenCircuitException("The circuit is now open")));

        Assert.Contains("did not answer within", Assert.IsType<GraphStoreException>(timeout).Message, StringComparison.Ordinal);
        Assert.Contains("paused", Assert.IsType<GraphStoreException>(circuit).Message, StringComparison.Ordinal);
    }

    // No JSON at all: the caller cancelled.
    [Fact]
    public async Task Cancellation_by_the_caller_is_not_an_error()
    {
        using var cancel = new CancellationTokenSource();
        var fake = new FakeQueryApi().Answer(_ =>
        {
            cancel.Cancel();
            throw new TaskCanceledException();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            fake.Client().RunAsync(new CypherStatement("stats", "RETURN 1", new Dictionary<string, object?>(), ReadOnly: true), cancel.Token));
    }

    // "Endpoints": the Query API lives at /db/<databaseName>/query/v2 from Neo4j 5.19 (on by default from 5.25).
    [Fact]
    public async Task Missing_query_api_says_which_neo4j_is_needed()
    {
        var error = await FailAsync(new FakeQueryApi().Answer(_ => new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("<html>Not Found</html>") }));

        Assert.Contains("Neo4j 5.26 or later", Assert.IsType<GraphStoreException>(error).Message, StringComparison.Ordinal);
    }

    // An HTML page where "Result formats & Data types" promises JSON: the URL points at something else.
    [Fact]
    public async Task Answer_that_is_not_the_query_api_says_to_check_the_url()
    {
        var error = await FailAsync(new FakeQueryApi().Answer(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>Welcome to nginx</html>") }));

        Assert.Contains("did not answer like the Neo4j Query API", Assert.IsType<GraphStoreException>(error).Message, StringComparison.Ordinal);
    }

    // An empty 502 from a proxy, with none of the "errors" the Query API pages show.
    [Fact]
    public async Task Server_failure_without_a_neo4j_error_is_a_store_error()
    {
        var error = await FailAsync(new FakeQueryApi().Answer("", HttpStatusCode.BadGateway));

        Assert.Contains("HTTP 502", Assert.IsType<GraphStoreException>(error).Message, StringComparison.Ordinal);
    }

    // "Authorize requests", Errors, "Incorrect authentication", then a refused connection.
    [Fact]
    public async Task No_message_ever_shows_the_password()
    {
        var answers = new FakeQueryApi()
            .Answer(Error("Neo.ClientError.Security.Unauthorized", "Invalid username or password."), HttpStatusCode.Unauthorized)
            .Throw(new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused)));
        var client = answers.Client(o => o.Password = "s3cret-Pa55");
        var statement = new CypherStatement("stats", "RETURN 1", new Dictionary<string, object?>(), ReadOnly: true);

        var first = await Assert.ThrowsAsync<GraphStoreException>(() => client.RunAsync(statement, Ct));
        var second = await Assert.ThrowsAsync<GraphStoreException>(() => client.RunAsync(statement, Ct));

        Assert.DoesNotContain("s3cret", first.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", second.ToString(), StringComparison.Ordinal);
    }
}
