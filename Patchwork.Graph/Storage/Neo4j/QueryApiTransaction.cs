using Microsoft.Extensions.Logging;
using Patchwork.Graph.Model;

namespace Patchwork.Graph.Storage.Neo4j;

/// <summary>
/// An explicit transaction of the Query API: POST .../tx opens it with its first statement, POST .../tx/{id} runs
/// more, POST .../tx/{id}/commit commits, DELETE .../tx/{id} rolls back. Every request after the first sends back
/// the neo4j-cluster-affinity header the server gave. A failed statement rolls the transaction back; disposing an
/// uncommitted transaction does too.
/// </summary>
internal sealed partial class QueryApiTransaction(QueryApiClient client, Neo4jBookmarks bookmarks) : IAsyncDisposable
{
    private IReadOnlyList<string> sentBookmarks = [];
    private string? affinity;
    private bool finished;

    /// <summary>The server's id of the transaction, once the first statement opened it.</summary>
    public string? Id { get; private set; }

    public async Task<QueryResult> RunAsync(CypherStatement statement, CancellationToken cancellationToken)
    {
        if (finished)
        {
            throw new InvalidOperationException("This Neo4j transaction is already committed or rolled back.");
        }

        try
        {
            QueryAnswer answer;
            if (Id is null)
            {
                sentBookmarks = bookmarks.Current;
                answer = await client.SendAsync(HttpMethod.Post, client.QueryPath + "/tx", statement, sentBookmarks, affinity: null, retryable: false, readAccess: false, cancellationToken).ConfigureAwait(false);
                Id = answer.Result.TransactionId ?? throw new GraphStoreException(
                    $"Neo4j ran '{statement.Name}' but opened no transaction. Patchwork needs Neo4j 5.26 or later, where the Query API has explicit transactions.");
            }
            else
            {
                answer = await client.SendAsync(HttpMethod.Post, $"{client.QueryPath}/tx/{Uri.EscapeDataString(Id)}", statement, [], affinity, retryable: false, readAccess: false, cancellationToken).ConfigureAwait(false);
            }

            affinity = answer.Affinity;
            return answer.Result;
        }
        catch
        {
            await RollbackQuietlyAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (finished)
        {
            throw new InvalidOperationException("This Neo4j transaction is already committed or rolled back.");
        }

        finished = true;
        if (Id is null)
        {
            return;
        }

        var answer = await client.SendAsync(HttpMethod.Post, $"{client.QueryPath}/tx/{Uri.EscapeDataString(Id)}/commit", statement: null, [], affinity, retryable: false, readAccess: false, cancellationToken).ConfigureAwait(false);
        bookmarks.Advance(sentBookmarks, answer.Result.Bookmarks);
    }

    public async Task RollbackAsync(CancellationToken cancellationToken)
    {
        if (finished)
        {
            return;
        }

        finished = true;
        if (Id is null)
        {
            return;
        }

        await client.SendAsync(HttpMethod.Delete, $"{client.QueryPath}/tx/{Uri.EscapeDataString(Id)}", statement: null, [], affinity, retryable: false, readAccess: false, cancellationToken).ConfigureAwait(false);
        LogRolledBack(client.Logger, Id);
    }

    public async ValueTask DisposeAsync() => await RollbackQuietlyAsync().ConfigureAwait(false);

    /// <summary>
    /// Rolls back after a failure. The server has usually closed the transaction already, and it would expire on its
    /// own anyway, so a failure here is logged rather than hiding the first one.
    /// </summary>
    private async Task RollbackQuietlyAsync()
    {
        try
        {
            await RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is GraphStoreException or GraphRuleException)
        {
            LogRollbackFailed(client.Logger, exception, Id);
        }
    }

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Rolled back Neo4j transaction {TransactionId}")]
    private static partial void LogRolledBack(ILogger logger, string transactionId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Rolling back Neo4j transaction {TransactionId} failed; the server rolls it back when it expires")]
    private static partial void LogRollbackFailed(ILogger logger, Exception exception, string? transactionId);
}
