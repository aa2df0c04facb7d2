using Microsoft.Extensions.Logging;
using Patchwork.Graph.Changes;
using Patchwork.Graph.Model;

namespace Patchwork.Graph.Governance;

/// <summary>Wakes a listener when the change log has new lines, or after <c>timeout</c> at the latest.</summary>
public interface IChangeSignal
{
    /// <summary>Returns at the next announcement or after <paramref name="timeout"/>; never throws for a lost connection (it reconnects).</summary>
    Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken);
}

/// <summary>
/// The change feed read from the change log: the store writes each change's line to the log with the change's audit
/// record, and every server (this one too) tells its open views about each line it reads from the log, in the log's
/// order. On one server's SQLite file (<see cref="ForOneServer"/>) this server's own changes reach its views at once,
/// as they are made, and the log brings the lines other processes wrote to the file (an import by the patchwork
/// command) within <see cref="PollInterval"/>. A server reads from the last line it saw, so one that missed announcements (a restart of
/// the database connection, a network blip) catches up by sequence; with no announcement at all it still looks every
/// <see cref="PollInterval"/>. A line is written before the graph write it announces (the record comes first, so no
/// change is ever without one), so a line naming a revision the graph has not reached yet is held until it has, or
/// until <see cref="GraphWait"/> has passed (the change failed, or its server died before writing it).
/// </summary>
public sealed partial class SharedNetworkChangeFeed : INetworkChangeFeed, IAsyncDisposable, IDisposable
{
    /// <summary>The longest a line waits to be read when its announcement was lost.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>The longest a line waits for the graph to reach the revision it names.</summary>
    public static readonly TimeSpan GraphWait = TimeSpan.FromSeconds(5);

    /// <summary>How often a held line looks at the graph again.</summary>
    private static readonly TimeSpan HeldInterval = TimeSpan.FromMilliseconds(50);

    private readonly IChangeLog log;
    private readonly IChangeSignal signal;
    private readonly ILogger logger;
    private readonly InProcessNetworkChangeFeed local;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lazy<Task> reading;
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly Func<string, CancellationToken, Task<NetworkRevision>>? graphRevision;

    /// <summary>
    /// With one server, the changes it made and told its views of at once, by person and revision: their lines, read
    /// back from the log, are not told again. Null with several servers, where every change is told from the log.
    /// </summary>
    private readonly Dictionary<(string PersonId, long Revision), DateTimeOffset>? toldAtOnce;

    /// <summary>With <paramref name="graphRevision"/> (the graph's revision of a network) a line is held until the graph reaches it; without, every line passes at once.</summary>
    public SharedNetworkChangeFeed(IChangeLog log, IChangeSignal signal, ILogger<SharedNetworkChangeFeed> logger, ILogger<InProcessNetworkChangeFeed> localLogger, Func<string, CancellationToken, Task<NetworkRevision>>? graphRevision = null)
        : this(log, signal, logger, localLogger, graphRevision, tellsOwnChangesAtOnce: false)
    {
    }

    private SharedNetworkChangeFeed(IChangeLog log, IChangeSignal signal, ILogger<SharedNetworkChangeFeed> logger, ILogger<InProcessNetworkChangeFeed> localLogger, Func<string, CancellationToken, Task<NetworkRevision>>? graphRevision, bool tellsOwnChangesAtOnce)
    {
        toldAtOnce = tellsOwnChangesAtOnce ? [] : null;
        this.graphRevision = graphRevision;
        this.log = log;
        this.signal = signal;
        this.logger = logger;
        local = new InProcessNetworkChangeFeed(localLogger);
        reading = new Lazy<Task>(() => Task.Run(() => ReadAsync(stopping.Token)));
    }

    /// <summary>
    /// The feed of one server on its SQLite file: its own changes are told to its views as they are made, and the
    /// lines that other processes add to the file's change log are looked for every <see cref="PollInterval"/>.
    /// </summary>
    public static SharedNetworkChangeFeed ForOneServer(IChangeLog log, ILogger<SharedNetworkChangeFeed> logger, ILogger<InProcessNetworkChangeFeed> localLogger, Func<string, CancellationToken, Task<NetworkRevision>>? graphRevision = null) =>
        new(log, new PollingChangeSignal(), logger, localLogger, graphRevision, tellsOwnChangesAtOnce: true);

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
        // With several servers nothing is sent: the store wrote the change's line with its audit record, and this
        // server's views hear of it when the line is read back, as every other server's do.
        ArgumentNullException.ThrowIfNull(change);
        if (toldAtOnce is not null && FirstTelling(change))
        {
            local.Publish(change);
        }
    }

    /// <summary>Whether a change is told for the first time, on one server, whichever of the change and its line comes first.</summary>
    private bool FirstTelling(NetworkChanged change)
    {
        lock (toldAtOnce!)
        {
            var now = DateTimeOffset.UtcNow;
            if (toldAtOnce.Count > 1000)
            {
                foreach (var old in toldAtOnce.Where(t => t.Value < now - GraphWait - PollInterval).Select(t => t.Key).ToList())
                {
                    toldAtOnce.Remove(old);
                }
            }

            return toldAtOnce.TryAdd((change.PersonId, change.Revision.Number), now);
        }
    }

    private void Tell(ChangeLogEntry line)
    {
        if (toldAtOnce is null || FirstTelling(line.Change))
        {
            local.Publish(line.Change);
        }
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

                await ReleaseHeldAsync(cancellationToken).ConfigureAwait(false);
                IReadOnlyList<ChangeLogEntry> lines;
                do
                {
                    lines = await log.ChangesAfterAsync(last, cancellationToken: cancellationToken).ConfigureAwait(false);
                    foreach (var line in lines)
                    {
                        if (await ReachedAsync(line, cancellationToken).ConfigureAwait(false))
                        {
                            Tell(line);
                        }
                        else
                        {
                            held.Add(line);
                        }

                        last = line.Sequence;
                    }
                }
                while (lines.Count > 0);

                await signal.WaitAsync(held.Count > 0 ? HeldInterval : PollInterval, cancellationToken).ConfigureAwait(false);
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

    private readonly List<ChangeLogEntry> held = [];

    /// <summary>Tells the views of the held lines the graph has now reached, or that have waited long enough.</summary>
    private async Task ReleaseHeldAsync(CancellationToken cancellationToken)
    {
        foreach (var line in held.ToList())
        {
            if (line.LoggedAt + GraphWait <= DateTimeOffset.UtcNow || await ReachedAsync(line, cancellationToken).ConfigureAwait(false))
            {
                held.Remove(line);
                Tell(line);
            }
        }
    }

    private async Task<bool> ReachedAsync(ChangeLogEntry line, CancellationToken cancellationToken)
    {
        if (graphRevision is null)
        {
            return true;
        }

        try
        {
            return (await graphRevision(line.PersonId, cancellationToken).ConfigureAwait(false)).Number >= line.Revision.Number;
        }
        catch (NodeNotFoundException)
        {
            // A new person whose write has not landed yet.
            return false;
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
