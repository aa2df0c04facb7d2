namespace Patchwork.Graph.Storage.Neo4j;

/// <summary>
/// An error Neo4j reported in an answer's "errors" list (whatever the HTTP status), with its status code such as
/// Neo.ClientError.Security.Unauthorized. It is the inner exception of what the store throws.
/// </summary>
internal sealed class QueryApiException : Exception
{
    public QueryApiException(string code, string message, int httpStatus, string? statement)
        : base($"{code}: {message}")
    {
        Code = code;
        ServerMessage = message;
        HttpStatus = httpStatus;
        Statement = statement;
    }

    public QueryApiException()
    {
        Code = "";
        ServerMessage = "";
    }

    public QueryApiException(string message)
        : base(message)
    {
        Code = "";
        ServerMessage = message;
    }

    public QueryApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "";
        ServerMessage = message;
    }

    public string Code { get; }

    public string ServerMessage { get; }

    public int HttpStatus { get; }

    /// <summary>The cypher/ file whose statement failed, if any.</summary>
    public string? Statement { get; }
}
