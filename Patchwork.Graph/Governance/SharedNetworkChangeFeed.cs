using Microsoft.Extensions.Logging;
using Patchwork.Graph.Changes;

namespace Patchwork.Graph.Governance;

/// <summary>Wakes a listener when the change log has new lines, or after <c>timeout</c> at the latest.</summary>
public interface IChangeSignal
{
    /// <summary>Returns at the next announcement or after <paramref name="timeout"/>; never throws for a lost connection (it reconnects).</summary>
    Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken);
}

/// <summary>
/// The change feed for several app servers: a change made here is appended to the shared change log, and every
/// server (this one too) tells its open views about each line it reads from the log, in the log's order. A server
/// reads from the last line it saw, so one that missed announcements (a restart of the database connection, a
/// network blip) catches up by sequence; with no announcement at all it still looks every <see cref="PollInterval"/>.
/// </summary>
public sealed partial class SharedNetworkChangeFeed : INetworkChangeFeed, IAsyncDisposable, IDisposable
{
    /// <summary>The longest a line waits to be read when its announcement was lost.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly IChangeLog log;
    private readonly IChangeSignal signal;
    private readonly ILogger logger;
    private readonly InProcessNetworkChangeFeed local;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lazy<Task> reading;
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SharedNetworkChangeFeed(IChangeLog log, IChangeSignal signal, ILogger<SharedNetworkChangeFeed> logger, ILogger<InProcessNetworkChangeFeed> localLogger)
    {
        this.log = log;
        this.signal = signal;
        this.logger = logger;
        local = new InProcessNetworkChangeFeed(localLogger);
        reading = new Lazy<Task>(() => Task.Run(() => ReadAsync(stopping.Token)));
    }

    /// <summary>Completes once this server listens and knows where the log ends: later lines all reach its views.</summary>
    public Task Ready
    {
        get
        {
            _ = reading.Value;
            return ready.Task;
        }
    }

    public IDisposable Subscribe(Func<NetworkChanged, Task> handler)
    {
        // Read only once somebody listens: the patchwork command writes to the feed and never reads it.
        _ = reading.Value;
        return local.Subscribe(handler);
    }

    public void Publish(NetworkChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        // The change itself is already saved; a line that cannot be written is logged, and the views redraw at
        // their next change or reload.
        _ = Task.Run(async () =>
        {
            try
            {
                await log.AppendChangesAsync([change], stopping.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                LogAppendFailed(logger, exception, change.PersonId);
            }
        });
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        long last = -1;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (last < 0)
                {
                    // Listening first, then the end of the log: a line written in between is read, not missed.
                    await signal.WaitAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
                    last = await log.LastChangeAsync(cancellationToken).ConfigureAwait(false);
                    ready.TrySetResult();
                }

                IReadOnlyList<ChangeLogEntry> lines;
                do
                {
                    lines = await log.ChangesAfterAsync(last, cancellationToken: cancellationToken).ConfigureAwait(false);
                    foreach (var line in lines)
                    {
                        local.Publish(line.Change);
                        last = line.Sequence;
                    }
                }
                while (lines.Count > 0);

                await signal.WaitAsync(PollInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                LogReadFailed(logger, exception);
                try
                {
                    await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        if (reading.IsValueCreated)
        {
            await reading.Value.ConfigureAwait(false);
        }

        stopping.Dispose();
    }

    /// <summary>For a container disposed synchronously: the same as <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    [LoggerMessage(EventId = 31, Level = LogLevel.Error, Message = "The change to {PersonId} was saved but could not be added to the change log, so other servers' views will not redraw for it")]
    private static partial void LogAppendFailed(ILogger logger, Exception exception, string personId);

    [LoggerMessage(EventId = 32, Level = LogLevel.Warning, Message = "The change log could not be read; trying again, from the last change seen")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);
}
