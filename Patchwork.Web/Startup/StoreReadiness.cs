namespace Patchwork.Web.Startup;

/// <summary>
/// Whether the store has been made ready (created or upgraded, and the demo district loaded) since the app started.
/// Until then the health check fails and every page shows that the graph database is not answering.
/// </summary>
public sealed class StoreReadiness
{
    private volatile bool ready;

    public bool IsReady => ready;

    /// <summary>Raised once, on whatever thread made the store ready.</summary>
    public event Action? BecameReady;

    internal void MarkReady()
    {
        ready = true;
        BecameReady?.Invoke();
    }
}
