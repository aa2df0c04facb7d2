using Patchwork.Graph.Access;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;
using Patchwork.Web.Auth;

namespace Patchwork.Web.Features.Network;

/// <summary>One step out: the node expanded, what it added, and the statuses of the people it added.</summary>
public sealed record ExpansionStep(NodeRef Node, GraphNetwork Result, IReadOnlyList<PersonStatus> Statuses);

/// <summary>
/// The state of one network view: the focus, the date, the depth, the steps out in the order taken, and the
/// filters. The diagram and the table are drawn from <see cref="BuildScene"/>; nothing here knows about Razor.
/// </summary>
public sealed class NetworkExplorer(NetworkService network, CurrentViewer viewer)
{
    private readonly List<ExpansionStep> steps = [];

    public NetworkPicture? Picture { get; private set; }

    public string? FocusId { get; private set; }

    public DateOnly AsOf { get; private set; }

    public int Depth { get; private set; } = 1;

    public IReadOnlyList<ExpansionStep> Steps => steps;

    public ExplorerFilter Filter { get; } = new();

    public DateOnly Today => network.Today;

    public bool CanUndo => steps.Count > 0;

    /// <summary>Who the network is shown to: the viewer alone, or a meeting on a shared screen.</summary>
    public Audience Audience { get; private set; } = Audience.Viewer;

    /// <summary>
    /// Opens a person's network at a date and replays the given steps out (from a bookmarked link). Returns how
    /// many of those steps could not be taken: a node not in this network, or one that cannot be stepped out from.
    /// </summary>
    public Task<int> OpenAsync(string personId, DateOnly asOf, int depth, IEnumerable<NodeRef> expansions, CancellationToken cancellationToken = default) =>
        OpenAsync(personId, asOf, depth, expansions, Audience.Viewer, cancellationToken);

    /// <summary>Opens a person's network for an audience; its steps out are shown to the same audience. Returns the steps not taken.</summary>
    public async Task<int> OpenAsync(string personId, DateOnly asOf, int depth, IEnumerable<NodeRef> expansions, Audience audience, CancellationToken cancellationToken = default)
    {
        Picture = await network.OpenAsync(await viewer.GetRequiredAsync(cancellationToken), personId, asOf, depth, audience, cancellationToken);
        Audience = audience;
        FocusId = personId;
        AsOf = asOf;
        Depth = depth;
        steps.Clear();
        var notTaken = 0;
        foreach (var node in expansions)
        {
            try
            {
                if (!await ExpandAsync(node, cancellationToken) && !IsExpanded(node))
                {
                    notTaken++;
                }
            }
            catch (GraphRuleException exception) when (exception is not AccessDeniedException)
            {
                // A link can name anything: a node this network does not hold, or a sensitive service's
                // placeholder, which cannot be stepped out from. The rest of the view is still worth showing.
                notTaken++;
            }
        }

        return notTaken;
    }

    /// <summary>
    /// Opens the same network again, with the same steps out and for the same audience: after someone changed it.
    /// A meeting's shared screen stays redacted for the meeting.
    /// </summary>
    public Task RefreshAsync(CancellationToken cancellationToken = default) =>
        FocusId is null ? Task.CompletedTask : OpenAsync(FocusId, AsOf, Depth, [.. steps.Select(s => s.Node)], Audience, cancellationToken);

    /// <summary>Steps out from a node on screen. Returns false when it was already expanded or is not on screen.</summary>
    public async Task<bool> ExpandAsync(NodeRef node, CancellationToken cancellationToken = default)
    {
        if (Picture is null || IsExpanded(node) || !IsLoaded(node))
        {
            return false;
        }

        var step = await network.StepAsync(await viewer.GetRequiredAsync(cancellationToken), FocusId!, node, AsOf, Audience, cancellationToken);
        steps.Add(new ExpansionStep(node, step.Network, step.Statuses));
        return true;
    }

    public bool IsExpanded(NodeRef node) => steps.Any(s => s.Node == node);

    /// <summary>Takes back the last step out.</summary>
    public bool Undo()
    {
        if (steps.Count == 0)
        {
            return false;
        }

        steps.RemoveAt(steps.Count - 1);
        return true;
    }

    /// <summary>Takes back a node's step out, and any later steps from nodes only that step brought in.</summary>
    public bool Collapse(NodeRef node)
    {
        var index = steps.FindIndex(s => s.Node == node);
        if (index < 0)
        {
            return false;
        }

        steps.RemoveAt(index);
        // A later step from a node that is no longer on screen would leave an island behind. Each step was taken
        // from a node the open network or an earlier step brought in (never counting the step's own result, which
        // always holds the node it was taken from), so one pass in order finds every step still anchored.
        var loaded = Picture!.Network.Nodes.Select(n => n.Ref).ToHashSet();
        var anchored = new List<ExpansionStep>();
        foreach (var step in steps.Where(s => loaded.Contains(s.Node)))
        {
            anchored.Add(step);
            loaded.UnionWith(step.Result.Nodes.Select(n => n.Ref));
        }

        steps.Clear();
        steps.AddRange(anchored);
        return true;
    }

    public Scene BuildScene() => SceneOf(Picture ?? throw new InvalidOperationException("Open a network first."), steps);

    /// <summary>
    /// The view on screen as a file takes it: the domain opens it again, redacts it for the same audience and
    /// records the export; the same filters then make the same scene of it.
    /// </summary>
    public async Task<(Scene Scene, ExportMarking Marking)> ExportAsync(string what, CancellationToken cancellationToken = default)
    {
        var request = new NetworkExportRequest(FocusId ?? throw new InvalidOperationException("Open a network first."), AsOf, Depth, [.. steps.Select(s => s.Node)], Audience, what);
        var export = await network.ExportAsync(await viewer.GetRequiredAsync(cancellationToken), request, cancellationToken);
        return (SceneOf(export.Picture, [.. export.Steps.Select(s => new ExpansionStep(s.Node, s.Result, s.Statuses))]), export.Marking);
    }

    private Scene SceneOf(NetworkPicture picture, IReadOnlyList<ExpansionStep> steps)
    {
        var focus = picture.Network.Focus;
        var nodes = new Dictionary<NodeRef, (NetworkNode Node, bool Ended)>();
        foreach (var node in picture.Network.Nodes.Concat(steps.SelectMany(s => s.Result.Nodes)))
        {
            nodes.TryAdd(node.Ref, (node, false));
        }

        var edges = new Dictionary<RelationshipKey, SceneEdge>();
        foreach (var edge in picture.Network.Edges.Concat(steps.SelectMany(s => s.Result.Edges)))
        {
            edges.TryAdd(edge.Key, new SceneEdge(edge, picture.Joined.Contains(edge.Key) ? EdgeChange.Joined : EdgeChange.None));
        }

        if (Filter.ShowEnded)
        {
            foreach (var node in picture.RecentlyEndedNodes)
            {
                nodes.TryAdd(node.Ref, (node, true));
            }

            foreach (var edge in picture.RecentlyEnded)
            {
                edges.TryAdd(edge.Key, new SceneEdge(edge, EdgeChange.Ended));
            }
        }

        var hidden = HiddenByFilter(nodes.Values.Select(n => n.Node), edges.Values);
        var visibleEdges = edges.Values
            .Where(e => !Filter.HiddenTypes.Contains(e.Relationship.Type) && !hidden.Contains(e.From) && !hidden.Contains(e.To))
            .ToList();
        var connected = ReachableFrom(focus, visibleEdges);
        var more = steps.ToDictionary(s => s.Node, s => s.Result.OmittedCount);
        var visibleNodes = nodes.Values
            .Where(n => n.Node.Ref == focus || (!hidden.Contains(n.Node.Ref) && connected.Contains(n.Node.Ref)))
            .Select(n => new SceneNode(n.Node, n.Node.Ref == focus, n.Ended, more.GetValueOrDefault(n.Node.Ref)))
            .ToList();
        var present = visibleNodes.Select(n => n.Ref).ToHashSet();
        // A person reached by stepping out shows their status as one in the first circle does; each once.
        var statuses = picture.Statuses.Concat(steps.SelectMany(s => s.Statuses))
            .DistinctBy(s => (s.PersonId, s.Status.Status, s.Status.Period, s.Redacted ? "" : s.Agency.Id))
            .ToList();
        return new Scene(AsOf, focus, visibleNodes, [.. visibleEdges.Where(e => present.Contains(e.From) && present.Contains(e.To))], picture.Network.OmittedCount, statuses);
    }

    /// <summary>Every agency kind on screen, for the filter chips.</summary>
    public IReadOnlyList<string> AgencyKinds() =>
        [.. (Picture?.Network.Nodes ?? []).Concat(steps.SelectMany(s => s.Result.Nodes))
            .Select(n => n.Node).OfType<Agency>().Select(a => a.AgencyKind)
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];

    /// <summary>
    /// The nodes linked to the focus through what is drawn. A filter can cut a professional and their agency off
    /// from the family (hide involvements); they are then not drawn either, rather than left floating.
    /// </summary>
    private static HashSet<NodeRef> ReachableFrom(NodeRef focus, IReadOnlyList<SceneEdge> edges)
    {
        var neighbours = edges
            .SelectMany(e => new[] { (e.From, e.To), (From: e.To, To: e.From) })
            .ToLookup(p => p.From, p => p.To);
        var reached = new HashSet<NodeRef> { focus };
        var queue = new Queue<NodeRef>([focus]);
        while (queue.TryDequeue(out var node))
        {
            foreach (var next in neighbours[node].Where(reached.Add))
            {
                queue.Enqueue(next);
            }
        }

        return reached;
    }

    private bool IsLoaded(NodeRef node) =>
        Picture!.Network.Nodes.Any(n => n.Ref == node) || steps.Any(s => s.Result.Nodes.Any(n => n.Ref == node));

    /// <summary>Agencies of a hidden kind, and professionals who work only for hidden agencies.</summary>
    private HashSet<NodeRef> HiddenByFilter(IEnumerable<NetworkNode> nodes, IEnumerable<SceneEdge> edges)
    {
        var hidden = nodes
            .Where(n => n.Node is Agency a && Filter.HiddenAgencyKinds.Contains(a.AgencyKind))
            .Select(n => n.Ref)
            .ToHashSet();
        if (hidden.Count == 0)
        {
            return hidden;
        }

        var employers = edges.Where(e => e.Relationship is Employment).GroupBy(e => e.From);
        foreach (var employer in employers)
        {
            if (employer.All(e => hidden.Contains(e.To)))
            {
                hidden.Add(employer.Key);
            }
        }

        return hidden;
    }
}
