using Npgsql;
using Patchwork.Graph.Governance;

namespace Patchwork.Graph.Storage.PostgreSql;

/// <summary>
/// Waits for <c>NOTIFY patchwork_changes</c> on a connection of its own. A lost connection is opened again at the
/// next wait; what was announced meanwhile is read from the log by sequence, so nothing depends on this arriving.
/// </summary>
internal sealed class PostgreSqlChangeSignal(PostgreSqlGovernanceStore store) : IChangeSignal, IAsyncDisposable, IDisposable
{
    private NpgsqlConnection? connection;

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            connection ??= await store.ListenAsync(cancellationToken).ConfigureAwait(false);
            if (timeout > TimeSpan.Zero)
            {
                await connection.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or IOException or Model.GraphStoreException)
        {
            await DropAsync().ConfigureAwait(false);
            // Not a busy loop against a database that is down: wait out the interval, then the caller reads the log.
            await Task.Delay(timeout, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DropAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            connection = null;
        }
    }

    public ValueTask DisposeAsync() => new(DropAsync());

    public void Dispose()
    {
        connection?.Dispose();
        connection = null;
    }
}
