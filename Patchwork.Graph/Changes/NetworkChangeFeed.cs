using Microsoft.Extensions.Logging;

namespace Patchwork.Graph.Changes;

/// <summary>Someone changed a person's network (or its invitations or concerns). Carries no content: listeners ask again, through the access rules.</summary>
public sealed record NetworkChanged(string PersonId, NetworkRevision Revision);

/// <summary>
/// Tells every open view that a network changed, so it can redraw without a reload. One app server publishes to its
/// own listeners (<see cref="InProcessNetworkChangeFeed"/>); several servers need a shared channel behind this same
/// interface (see docs/architecture.md).
/// </summary>
public interface INetworkChangeFeed
{
    /// <summary>Listens until the returned handle is disposed. The handler runs off the publisher's thread.</summary>
    IDisposable Subscribe(Func<NetworkChanged, Task> handler);

    void Publish(NetworkChanged change);
}

public sealed partial class InProcessNetworkChangeFeed(ILogger<InProcessNetworkChangeFeed> logger) : INetworkChangeFeed
{
    private readonly Lock gate = new();
    private List<Func<NetworkChanged, Task>> handlers = [];

    public IDisposable Subscribe(Func<NetworkChanged, Task> handler)
    {
        lock (gate)
        {
            handlers = [.. handlers, handler];
        }

        return new Subscription(this, handler);
    }

    public void Publish(NetworkChanged change)
    {
        // Copy-on-write list: publishing never waits for a subscriber, and a slow or failing one (a closed browser
        // tab) cannot hold up the writer or the other views.
        foreach (var handler in handlers)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await handler(change).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    LogListenerFailed(logger, exception, change.PersonId);
                }
            });
        }
    }

    private void Unsubscribe(Func<NetworkChanged, Task> handler)
    {
        lock (gate)
        {
            handlers = [.. handlers.Where(h => h != handler)];
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "A view listening for changes to {PersonId} failed to refresh")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception, string personId);

    private sealed class Subscription(InProcessNetworkChangeFeed feed, Func<NetworkChanged, Task> handler) : IDisposable
    {
        public void Dispose() => feed.Unsubscribe(handler);
    }
}
