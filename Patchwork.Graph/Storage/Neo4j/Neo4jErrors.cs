using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Patchwork.Graph.Model;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Patchwork.Graph.Storage.Neo4j;

/// <summary>
/// Turns what Neo4j or the network said into the project's exceptions, with a message an administrator can act on:
/// a <see cref="GraphRuleException"/> when the data refused a change, a <see cref="GraphStoreException"/> otherwise.
/// The original error is always the inner exception. Status codes: Neo4j's "List of Neo4j error codes".
/// </summary>
internal static class Neo4jErrors
{
    public const string Unauthorized = "Neo.ClientError.Security.Unauthorized";
    public const string ConstraintValidationFailed = "Neo.ClientError.Schema.ConstraintValidationFailed";
    public const string DatabaseNotFound = "Neo.ClientError.Database.DatabaseNotFound";

    /// <summary>An error listed in a Query API answer.</summary>
    public static Exception FromServer(QueryApiException error, Neo4jStoreOptions options)
    {
        var url = Where(options);
        var db = options.Database;
        var code = error.Code;
        var said = error.ServerMessage.TrimEnd('.');
        var user = string.IsNullOrEmpty(options.User) ? "(token)" : options.User;
        return code switch
        {
            Unauthorized => Store($"Neo4j at {url} refused Patchwork's credentials ({said}). Check {Neo4jStoreOptions.Section}:User and :Password, or :Token, against the server's users.", error),
            "Neo.ClientError.Security.AuthenticationRateLimit" => Store($"Neo4j at {url} has locked out user '{user}' after too many failed sign-ins. Wait for the lock to expire (dbms.security.auth_lock_time), then check the credentials.", error),
            "Neo.ClientError.Security.CredentialsExpired" => Store($"The password of Neo4j user '{user}' has expired; a new server asks for a new one at the first sign-in. Change it (for example with ALTER CURRENT USER SET PASSWORD) and update {Neo4jStoreOptions.Section}:Password.", error),
            _ when code.StartsWith("Neo.ClientError.Security.", StringComparison.Ordinal) => Store($"Neo4j user '{user}' may not do this on database '{db}' ({said}). Grant the user read and write access to it, and index management for the schema.", error),
            DatabaseNotFound => Store($"Neo4j at {url} has no database '{db}'. Create it (CREATE DATABASE `{db}`) or set {Neo4jStoreOptions.Section}:Database to an existing one.", error),
            ConstraintValidationFailed => new GraphRuleException($"Neo4j refused the change because it breaks a rule of the data ({said}). Nothing was changed.", error),
            "Neo.ClientError.Schema.ConstraintCreationFailed" or "Neo.ClientError.Schema.IndexCreationFailed" or "Neo.DatabaseError.Schema.ConstraintCreationFailed" =>
                Store($"Neo4j could not create Patchwork's schema on database '{db}' ({said}). Data already in it breaks a constraint, for example two nodes of one kind share an id: correct the data, then start Patchwork again.", error),
            _ when code.StartsWith("Neo.ClientError.Schema.", StringComparison.Ordinal) =>
                Store($"Neo4j refused Patchwork's schema on database '{db}' ({said}). An index or constraint of another shape may hold one of its names; compare with cypher/schema.cypher.", error),
            "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase" => Store($"Database '{db}' is read-only: nothing was changed. Make it writable (ALTER DATABASE `{db}` SET ACCESS READ WRITE) or point Patchwork at a writable database.", error),
            "Neo.ClientError.Procedure.ProcedureNotFound" or "Neo.ClientError.Procedure.ProcedureCallFailed" =>
                Store($"Neo4j could not run '{error.Statement}' ({said}). The full-text index may be missing: Patchwork creates it at start-up from cypher/schema.cypher.", error),
            "Neo.ClientError.Transaction.TransactionNotFound" or "Neo.ClientError.Request.Invalid" when said.Contains("ransaction", StringComparison.Ordinal) =>
                Store($"The Neo4j transaction was lost: it was idle longer than the server allows (server.queryapi.transaction_idle_timeout) or a load balancer sent it to another cluster member. Nothing of it was kept; try again.", error),
            _ when code.StartsWith("Neo.ClientError.Transaction.TransactionTimedOut", StringComparison.Ordinal) =>
                Store($"Neo4j stopped '{error.Statement}' because it ran longer than the server allows (db.transaction.timeout). Nothing was changed.", error),
            _ when code.StartsWith("Neo.ClientError.Statement.", StringComparison.Ordinal) || code.StartsWith("Neo.ClientError.Request.", StringComparison.Ordinal) =>
                Store($"Neo4j rejected the statement '{error.Statement}' ({code}: {said}). Patchwork needs Neo4j 5.26 or later; on such a server this is a defect in Patchwork.", error),
            _ when code.StartsWith("Neo.TransientError.", StringComparison.Ordinal) =>
                Store($"Neo4j could not do this just now ({code}: {said}). Nothing was changed; try again in a moment.", error),
            _ when code.StartsWith("Neo.DatabaseError.", StringComparison.Ordinal) =>
                Store($"Neo4j failed internally ({code}: {said}). Nothing was changed; the server's debug.log says more.", error),
            _ => Store($"Neo4j answered '{error.Statement}' with an error ({code}: {said}).", error),
        };
    }

    /// <summary>A failure to get an answer at all: the network, a timeout, or something that is not the Query API.</summary>
    public static GraphStoreException FromTransport(Exception exception, Neo4jStoreOptions options)
    {
        var url = Where(options);
        return exception switch
        {
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } =>
                Store($"Cannot reach Neo4j at {url}: the host name '{options.BaseUri.Host}' is unknown. Check {Neo4jStoreOptions.Section}:Url.", exception),
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } or HttpRequestException { InnerException: AuthenticationException } =>
                Store($"Cannot reach Neo4j at {url}: the secure connection failed. The server's certificate is not trusted here, or the port does not speak HTTPS (Neo4j's HTTPS port is 7473).", exception),
            HttpRequestException e when Refused(e) =>
                Store($"Cannot reach Neo4j at {url}: the connection was refused. Is the server running, and is {Neo4jStoreOptions.Section}:Url its HTTP address (port 7474 by default)?", exception),
            HttpRequestException e =>
                Store($"Cannot reach Neo4j at {url}: {e.Message}", exception),
            TimeoutRejectedException or TaskCanceledException or TimeoutException =>
                Store($"Neo4j at {url} did not answer within {options.RequestTimeout.TotalSeconds:0} seconds: the server is overloaded or unreachable. A write may or may not have been made; look before repeating it.", exception),
            BrokenCircuitException =>
                Store($"Requests to Neo4j at {url} are paused for a few seconds after repeated failures; the first of them said: {exception.InnerException?.Message ?? exception.Message}", exception),
            _ => Store($"Talking to Neo4j at {url} failed: {exception.Message}", exception),
        };
    }

    /// <summary>An answer that carries no Neo4j error but is not the Query API's either.</summary>
    public static GraphStoreException FromHttpStatus(HttpStatusCode status, Neo4jStoreOptions options, Exception? inner = null)
    {
        var url = Where(options);
        var message = status switch
        {
            HttpStatusCode.Unauthorized => $"Neo4j at {url} refused Patchwork's credentials (HTTP 401). Check {Neo4jStoreOptions.Section}:User and :Password, or :Token.",
            HttpStatusCode.Forbidden => $"Neo4j at {url} refused access (HTTP 403). Check that the user may use database '{options.Database}'.",
            HttpStatusCode.NotFound => $"There is no Neo4j Query API at {url} for database '{options.Database}' (HTTP 404). Patchwork needs Neo4j 5.26 or later with the Query API on (server.http_enabled_modules includes QUERY_API_ENDPOINTS), and {Neo4jStoreOptions.Section}:Url must be the server's HTTP address.",
            _ when (int)status >= 500 => $"Neo4j at {url} failed (HTTP {(int)status}) without saying why. The server's logs say more; try again in a moment.",
            _ => $"The server at {url} did not answer like the Neo4j Query API (HTTP {(int)status}). Check that {Neo4jStoreOptions.Section}:Url is Neo4j's HTTP address.",
        };
        return inner is null ? new GraphStoreException(message) : new GraphStoreException(message, inner);
    }

    /// <summary>The server and database, without any credentials.</summary>
    private static string Where(Neo4jStoreOptions options) => options.BaseUri.GetLeftPart(UriPartial.Authority);

    private static bool Refused(HttpRequestException exception) =>
        exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused }
        || exception.HttpRequestError == HttpRequestError.ConnectionError && exception.InnerException is SocketException;

    private static GraphStoreException Store(string message, Exception inner) => new(message, inner);
}
