namespace Patchwork.Graph.Governance;

/// <summary>
/// The signal of a store that announces nothing (a SQLite file): the reader of the change log simply looks again
/// once the timeout has passed.
/// </summary>
internal sealed class PollingChangeSignal : IChangeSignal
{
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        timeout <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(timeout, cancellationToken);
}
