using Patchwork.Graph.Access;
using Patchwork.Graph.Changes;
using Patchwork.Graph.Model;
using Patchwork.Web.Features.Errors;

namespace Patchwork.Web.Features.Network;

/// <summary>Where a network view is in its life: what the page shows instead of, or as, the network.</summary>
public enum ViewState
{
    /// <summary>Nothing asked for yet, or the store is being asked.</summary>
    Opening,

    /// <summary>The store has taken longer than <see cref="NetworkView.SlowAfter"/> to answer.</summary>
    Slow,

    /// <summary>The network is on screen.</summary>
    Open,

    /// <summary>The viewer is not entitled to this network (or the id names nobody, for anyone but a coordinator).</summary>
    Denied,

    /// <summary>A coordinator asked for an id that names nobody.</summary>
    NotFound,

    /// <summary>The address asked for something the records cannot answer; <see cref="NetworkView.Problem"/> says what.</summary>
    Problem,

    /// <summary>The graph database did not answer after its own retries.</summary>
    StoreUnavailable,
}

/// <summary>
/// One network view's life, the same for the network page, meeting mode and the phone layout: opening (and saying
/// when that is slow), refusal, an id that names nobody, a store that does not answer, redrawing when someone else
/// changes the network, and the steps out taken and taken back. Pages draw <see cref="State"/> and call the
/// methods here; nothing in this class knows about Razor.
/// </summary>
public sealed class NetworkView : IDisposable
{
    /// <summary>How long opening may take before the view says it is still waiting for the store.</summary>
    public static readonly TimeSpan DefaultSlowAfter = TimeSpan.FromSeconds(3);

    private readonly NetworkExplorer explorer;
    private readonly StoreStatus store;
    private readonly CancellationTokenSource closing = new();
    private IDisposable? listening;
    private Audience audience = Audience.Viewer;
    private AddressReading? reading;

    public NetworkView(NetworkExplorer explorer, StoreStatus store, TimeSpan? slowAfter = null)
    {
        this.explorer = explorer;
        this.store = store;
        SlowAfter = slowAfter ?? DefaultSlowAfter;
    }

    public TimeSpan SlowAfter { get; }

    public ViewState State { get; private set; } = ViewState.Opening;

    public NetworkExplorer Explorer => explorer;

    /// <summary>What is drawn, while <see cref="State"/> is <see cref="ViewState.Open"/>.</summary>
    public Scene? Scene { get; private set; }

    public SceneNode? Focus { get; private set; }

    /// <summary>The nodes stepped out from, drawn as expanded.</summary>
    public IReadOnlySet<NodeRef> Expanded { get; private set; } = new HashSet<NodeRef>();

    /// <summary>The address of what is on screen, steps out included; null until a network has opened.</summary>
    public NetworkAddress? Shown { get; private set; }

    /// <summary>Why the view could not open, in words for the viewer, for <see cref="ViewState.NotFound"/> and <see cref="ViewState.Problem"/>.</summary>
    public string? Problem { get; private set; }

    /// <summary>What of the address was set aside (an unreadable date, steps out not taken).</summary>
    public IReadOnlyList<string> Notices { get; private set; } = [];

    /// <summary>Who changed the network on screen, and when, after a live redraw; cleared by the next open.</summary>
    public string? LiveNote { get; private set; }

    /// <summary>The last thing to read out to a screen reader: a step out, a step back, a refusal.</summary>
    public string? Announcement { get; set; }

    /// <summary>Raised after the view changed by itself (slow, a live redraw): the page draws again.</summary>
    public event Func<Task>? Changed;

    /// <summary>Raised after every open and refresh that drew a network, so the page can load what goes with it.</summary>
    public event Func<Task>? Loaded;

    /// <summary>
    /// Redraws when someone (here or in another window) changes a network with a person on screen. The feed calls
    /// back on its own thread: <paramref name="dispatch"/> brings the work onto the page's (a component's InvokeAsync).
    /// </summary>
    public void Listen(INetworkChangeFeed feed, Func<Func<Task>, Task> dispatch)
    {
        ArgumentNullException.ThrowIfNull(feed);
        listening?.Dispose();
        listening = feed.Subscribe(change => dispatch(() => ChangedElsewhereAsync(change)));
    }

    /// <summary>Whether the address is what is already on screen (a page's parameters set again with the same link).</summary>
    public bool IsShowing(NetworkAddress address) =>
        Shown is not null && Shown.ToUrl(explorer.Today) == address.ToUrl(explorer.Today);

    /// <summary>Opens the network an address names, for an audience, replaying its steps out.</summary>
    public async Task OpenAsync(AddressReading address, Audience shownTo)
    {
        ArgumentNullException.ThrowIfNull(address);
        reading = address;
        audience = shownTo;
        var target = address.Address;
        Problem = null;
        State = ViewState.Opening;
        try
        {
            var opening = explorer.OpenAsync(target.PersonId, target.AsOf, target.Depth, target.Expansions, shownTo, closing.Token);
            if (await Task.WhenAny(opening, Task.Delay(SlowAfter, closing.Token)) != opening && !closing.IsCancellationRequested)
            {
                State = ViewState.Slow;
                await RaiseAsync(Changed);
            }

            var notTaken = await opening;
            store.Answered();
            Notices = [.. address.Notices, .. NetworkAddress.StepsNotShown(address.UnreadSteps + notTaken) is { } steps ? [steps] : Array.Empty<string>()];
            Shown = target;
            LiveNote = null;
            await DrawAsync();
        }
        catch (GraphStoreException)
        {
            // The store has already tried again with growing waits; the banner tells the viewer.
            Close(ViewState.StoreUnavailable);
            store.Failed();
        }
        catch (OperationCanceledException) when (closing.IsCancellationRequested)
        {
            // The page was left before the network opened.
        }
        catch (NodeNotFoundException)
        {
            // Only a coordinator hears this: anyone else is refused alike for an id that names nobody.
            Close(ViewState.NotFound);
            Problem = $"There is no person with the id '{Formats.Echo(target.PersonId)}'.";
        }
        catch (AccessDeniedException)
        {
            Close(ViewState.Denied);
        }
        catch (GraphRuleException exception)
        {
            // The address asked for something the records cannot answer; say what, rather than fail the page.
            Close(ViewState.Problem);
            Problem = exception.Message;
        }
    }

    /// <summary>Opens the last address again (after a refusal was answered, or the store came back).</summary>
    public Task ReopenAsync() =>
        reading is null ? Task.CompletedTask : OpenAsync(reading, audience);

    /// <summary>
    /// Opens the same view again for another audience (meeting mode showing or hiding contact details), keeping
    /// the steps out taken and the notices of the address it came from.
    /// </summary>
    public Task ShowToAsync(Audience shownTo)
    {
        var address = Shown ?? reading?.Address;
        return address is null ? Task.CompletedTask : OpenAsync(new AddressReading(address, Notices, 0), shownTo);
    }

    /// <summary>Opens the network again, same steps out, same audience: after a change made here or elsewhere.</summary>
    public async Task RefreshAsync()
    {
        try
        {
            await explorer.RefreshAsync(closing.Token);
            store.Answered();
            LiveNote = null;
            await DrawAsync();
        }
        catch (GraphStoreException)
        {
            Close(ViewState.StoreUnavailable);
            store.Failed();
        }
        catch (AccessDeniedException)
        {
            // The change took this viewer off the team: say so rather than keep showing what they may no longer see.
            Close(ViewState.Denied);
        }
        catch (OperationCanceledException) when (closing.IsCancellationRequested)
        {
            // The page was left while the network was being opened again.
        }
    }

    /// <summary>Steps out from a node. Returns whether anything was added; says why not when it was refused.</summary>
    public async Task<bool> StepOutAsync(NodeRef node)
    {
        bool added;
        try
        {
            added = await explorer.ExpandAsync(node, closing.Token);
            store.Answered();
        }
        catch (GraphStoreException)
        {
            // The network on screen stays as it was; the banner says why the step out did not happen.
            store.Failed();
            return false;
        }
        catch (GraphRuleException exception) when (exception is not AccessDeniedException)
        {
            // A sensitive service's placeholder, say: the network stays as it was, and the reason is read out.
            Announcement = exception.Message;
            return false;
        }

        if (!added)
        {
            return false;
        }

        var before = Scene?.Nodes.Count ?? 0;
        DrawStep();
        Announcement = $"Stepped out from {Scene!.Find(node)?.Name}: {Scene.Nodes.Count - before} added.";
        return true;
    }

    /// <summary>Takes back a node's step out (and the steps only it made possible).</summary>
    public bool StepBack(NodeRef node)
    {
        if (!explorer.Collapse(node))
        {
            return false;
        }

        DrawStep();
        Announcement = $"Stepped back from {Scene!.Find(node)?.Name}.";
        return true;
    }

    /// <summary>Takes back the last step out. Returns the node it was taken from, for focus to go back to.</summary>
    public NodeRef? Undo()
    {
        var last = explorer.Steps.Count > 0 ? explorer.Steps[^1].Node : (NodeRef?)null;
        if (!explorer.Undo())
        {
            return null;
        }

        DrawStep();
        Announcement = "Took back the last step out.";
        return last;
    }

    /// <summary>Draws again from the explorer as it stands (after a filter changed).</summary>
    public void Redraw()
    {
        if (explorer.Picture is not null)
        {
            Draw();
        }
    }

    /// <summary>The address of the view as it now stands, steps out included (for the address bar).</summary>
    public NetworkAddress Current() =>
        new(explorer.FocusId ?? Shown?.PersonId ?? "", explorer.AsOf, explorer.Depth, [.. explorer.Steps.Select(s => s.Node)]);

    /// <summary>The network page's address of the view as it now stands (for the address bar to follow the steps out).</summary>
    public string CurrentUrl() => Current().ToUrl(explorer.Today);

    /// <summary>
    /// The network page's address of a person's network with the steps out taken here, on another day or to another
    /// depth: where the time bar and the depth control go.
    /// </summary>
    public string UrlFor(string personId, DateOnly? asOf = null, int? depth = null)
    {
        var current = Current();
        return (current with { PersonId = personId, AsOf = asOf ?? current.AsOf, Depth = depth ?? current.Depth }).ToUrl(explorer.Today);
    }

    public void Dispose()
    {
        listening?.Dispose();
        closing.Cancel();
        closing.Dispose();
    }

    private async Task ChangedElsewhereAsync(NetworkChanged changed)
    {
        var picture = explorer.Picture;
        if (State != ViewState.Open || picture is null || Scene?.Find(new NodeRef(NodeKind.Person, changed.PersonId)) is null)
        {
            return;
        }

        if (changed.PersonId == explorer.FocusId && changed.Revision.Number <= picture.Revision.Number && changed.Revision.Number > 0)
        {
            // Already showing this change (this window made it and has redrawn): only what goes with it is loaded again.
            try
            {
                await RaiseAsync(Loaded);
            }
            catch (GraphStoreException)
            {
                store.Failed();
            }

            await RaiseAsync(Changed);
            return;
        }

        await RefreshAsync();
        if (State == ViewState.Open && changed.Revision.ChangedBy is { } by && changed.Revision.ChangedAt is { } at)
        {
            LiveNote = $"Updated: {by} changed this network at {Formats.LocalTime(at):HH:mm}.";
        }

        await RaiseAsync(Changed);
    }

    private async Task DrawAsync()
    {
        Draw();
        await RaiseAsync(Loaded);
    }

    private void Draw()
    {
        Scene = explorer.BuildScene();
        Focus = Scene.Find(Scene.Focus);
        Expanded = explorer.Steps.Select(s => s.Node).ToHashSet();
        State = ViewState.Open;
    }

    /// <summary>After a step out or back: what is on screen is now the address with the steps as they stand.</summary>
    private void DrawStep()
    {
        Draw();
        Shown = Current();
    }

    private void Close(ViewState state)
    {
        State = state;
        Scene = null;
        Focus = null;
    }

    private static async Task RaiseAsync(Func<Task>? handlers)
    {
        foreach (var handler in handlers?.GetInvocationList().Cast<Func<Task>>() ?? [])
        {
            await handler();
        }
    }
}
