using Patchwork.Graph.Model;
using Patchwork.Web.Startup;

namespace Patchwork.Web.Features.Errors;

/// <summary>
/// Whether the graph database answers, as one circuit has seen it: its components report a store that failed them
/// (after the store's own retries) and one that answered again, and <see cref="StoreBanner"/> says so on every page.
/// Until the store has been made ready at start, it is not answering for anyone.
/// </summary>
public sealed class StoreStatus : IDisposable
{
    private readonly StoreReadiness readiness;
    private bool failed;

    public StoreStatus(StoreReadiness readiness)
    {
        this.readiness = readiness;
        readiness.BecameReady += OnReady;
    }

    /// <summary>Raised when <see cref="IsFailing"/> may have changed, possibly on another thread.</summary>
    public event Action? Changed;

    public bool IsFailing => failed || !readiness.IsReady;

    /// <summary>A store call failed with a <see cref="GraphStoreException"/>: the store did not answer, or failed.</summary>
    public void Failed() => Set(true);

    /// <summary>A store call answered.</summary>
    public void Answered() => Set(false);

    public void Dispose() => readiness.BecameReady -= OnReady;

    private void Set(bool value)
    {
        if (failed != value)
        {
            failed = value;
            Changed?.Invoke();
        }
    }

    private void OnReady() => Changed?.Invoke();
}
