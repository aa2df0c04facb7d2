using Blazor.Diagrams;
using Blazor.Diagrams.Core.Behaviors;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using Blazor.Diagrams.Core.PathGenerators;
using Blazor.Diagrams.Core.Routers;
using Blazor.Diagrams.Options;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Patchwork.Graph.Model;

namespace Patchwork.Web.Features.Network.Diagram;

/// <summary>
/// The ecomap canvas: keeps a Blazor.Diagrams diagram in step with a <see cref="Network.Scene"/>. Nodes keep their
/// places as the scene grows; <see cref="Tidy"/> lays everything out afresh. Keys on a node: Enter steps
/// out, Delete or Backspace collapses, arrows move to the nearest connected node in that direction.
/// </summary>
public sealed partial class NetworkDiagram : INetworkDiagramActions, IDisposable
{
    private readonly Dictionary<NodeRef, SceneNodeModel> nodes = [];
    private readonly Dictionary<NodeRef, HouseholdGroupModel> households = [];
    private Scene? drawn;
    private HashSet<NodeRef> highlighted = [];

    public NetworkDiagram()
    {
        var options = new BlazorDiagramOptions
        {
            AllowMultiSelection = false,
            GridSize = null,
            Zoom = { Enabled = true, Minimum = 0.15, Maximum = 2.5 },
            Links =
            {
                DefaultRouter = new NormalRouter(),
                DefaultPathGenerator = new StraightPathGenerator(),
                RequireTarget = true,
            },
            Groups = { Enabled = false },
            Virtualization = { Enabled = false },
            Constraints =
            {
                // Nothing on the canvas is deleted by a key press: the network is changed through dialogs only.
                ShouldDeleteNode = _ => ValueTask.FromResult(false),
                ShouldDeleteLink = _ => ValueTask.FromResult(false),
                ShouldDeleteGroup = _ => ValueTask.FromResult(false),
            },
        };
        Diagram = new BlazorDiagram(options);
        Diagram.UnregisterBehavior<KeyboardShortcutsBehavior>();
        Diagram.RegisterComponent<SceneNodeModel, SceneNodeWidget>();
        Diagram.RegisterComponent<HouseholdGroupModel, HouseholdWidget>();
        Diagram.RegisterComponent<TieLinkModel, TieLinkWidget>();
        Diagram.PointerDoubleClick += OnDoubleClick;
        Diagram.PointerClick += OnClick;
        Diagram.ContainerChanged += OnContainerChanged;
    }

    public BlazorDiagram Diagram { get; }

    [Parameter, EditorRequired]
    public required Scene Scene { get; set; }

    /// <summary>Nodes whose step out is open: their widgets say so.</summary>
    [Parameter]
    public IReadOnlySet<NodeRef> Expanded { get; set; } = new HashSet<NodeRef>();

    /// <summary>Nodes drawn highlighted, such as the professionals in the room in a meeting.</summary>
    [Parameter]
    public IReadOnlySet<NodeRef> Highlighted { get; set; } = new HashSet<NodeRef>();

    /// <summary>Where the diagram is read: in a meeting its words are drawn larger, and must stay so.</summary>
    [Parameter]
    public DiagramSetting Setting { get; set; } = DiagramSetting.Desk;

    [Parameter]
    public EventCallback<NodeRef> OnExpand { get; set; }

    [Parameter]
    public EventCallback<NodeRef> OnCollapse { get; set; }

    [Parameter]
    public EventCallback<NodeRef> OnSelect { get; set; }

    /// <summary>Words to read out through the page's live region: who an arrow key moved to, and what they are.</summary>
    [Parameter]
    public EventCallback<string> OnAnnounce { get; set; }

    /// <summary>
    /// Asked in a meeting when the network cannot be fitted with its words large enough for the room: answers whether
    /// the page will hand over a smaller picture (and tidy it), so this fit is not the one to read.
    /// </summary>
    [Parameter]
    public Func<bool>? OnCrowded { get; set; }

    [Inject]
    private IJSRuntime Js { get; set; } = null!;

    private string? svgName;

    /// <summary>The height of the browser's window, which sets how large a meeting's words must be.</summary>
    private double? screenHeight;

    Scene? INetworkDiagramActions.Scene => drawn;

    public bool IsExpanded(NodeRef node) => Expanded.Contains(node);

    public bool IsHighlighted(NodeRef node) => Highlighted.Contains(node);

    /// <summary>Lays the whole network out afresh and fits it to the screen.</summary>
    public void Tidy()
    {
        Draw(Scene, relayout: true);
        FitToScreen();
    }

    /// <summary>
    /// Fits the network to the canvas, but never smaller than its words can be read at where it is read
    /// (<see cref="DiagramFit"/>): a network larger than that is centred and can be panned.
    /// </summary>
    public void FitToScreen()
    {
        if (Diagram.Container is not { Width: > 0, Height: > 0 } canvas || nodes.Count == 0)
        {
            return;
        }

        var (left, top, right, bottom) = ContentBounds();
        var view = DiagramFit.View(Setting, left, top, right - left, bottom - top, canvas.Width, canvas.Height, screenHeight ?? canvas.Height);
        Diagram.SetZoom(view.Zoom);
        Diagram.SetPan(view.PanX, view.PanY);
        // The room's sizes depend on the screen's height, known once the browser has told it.
        var crowded = Setting == DiagramSetting.Room && screenHeight is { } screen
            && !DiagramFit.Fits(Setting, right - left, bottom - top, canvas.Width, canvas.Height, screen);
        if (!(crowded && OnCrowded?.Invoke() == true))
        {
            _ = Js.InvokeVoidAsync("patchwork.diagramFitted", view.Zoom);
        }
    }

    /// <summary>The box round every node drawn, households' outlines included, in diagram units.</summary>
    private (double Left, double Top, double Right, double Bottom) ContentBounds()
    {
        var boxes = nodes.Values.Cast<NodeModel>().Select(n => (n.Position.X, n.Position.Y, Width: n.Size?.Width ?? 0, Height: n.Size?.Height ?? 0)).ToList();
        var pad = EcomapLayout.GroupPadding;
        // A household's label can run past its outline (a household of one is narrow): its width is reckoned
        // from its length, at the size the setting draws it.
        var labelFont = Setting == DiagramSetting.Room ? DiagramFit.RoomNameFont : DiagramFit.DeskNameFont;
        var labels = households.Values
            .Where(h => h.Children.Count > 0)
            .Select(h => h.Children.Min(c => c.Position.X) - pad + EcomapLayout.LabelWidth(NodeDescriptions.Caption(h.Household), labelFont));
        return (boxes.Min(b => b.X) - pad, boxes.Min(b => b.Y) - pad - 14, boxes.Select(b => b.X + b.Width).Concat(labels).Max() + pad, boxes.Max(b => b.Y + b.Height) + pad);
    }

    public void ZoomBy(double factor) => Diagram.SetZoom(Math.Clamp(Diagram.Zoom * factor, 0.15, 2.5));

    public ValueTask FocusAsync(NodeRef node) => Js.InvokeVoidAsync("patchwork.focusNode", DiagramIds.Of(node));

    public async Task KeyDownAsync(NodeRef node, string key)
    {
        switch (key)
        {
            case "Enter":
                await OnExpand.InvokeAsync(node);
                break;
            case "Delete" or "Backspace":
                await OnCollapse.InvokeAsync(node);
                break;
            case " ":
                await OnSelect.InvokeAsync(node);
                break;
            case "ArrowUp" or "ArrowDown" or "ArrowLeft" or "ArrowRight":
                if (NeighbourToward(node, key) is { } next && drawn is not null)
                {
                    await FocusAsync(next);
                    await OnAnnounce.InvokeAsync(NetworkWords.Arrived(next, node, drawn));
                }

                break;
        }
    }

    /// <summary>
    /// Focus alone never selects (that would swap the panel beside the diagram at every Tab): it shows the words on
    /// the focused node's lines.
    /// </summary>
    public Task FocusedAsync(NodeRef node)
    {
        foreach (var link in Diagram.Links.OfType<TieLinkModel>())
        {
            var active = link.Edge.From == node || link.Edge.To == node;
            if (link.Active != active)
            {
                link.Active = active;
                link.Refresh();
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The id of the diagram's long description; one diagram is drawn per page.</summary>
    public const string DescriptionId = "pw-diagram-description";

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // The library draws the lines in an SVG of its own, with no name; it is named here once it is in the page,
        // and again when the focus changes, as an image described by the paragraph beside it.
        var name = $"Network diagram of {Scene.Find(Scene.Focus)?.Name}";
        if (name != svgName)
        {
            svgName = name;
            await Js.InvokeVoidAsync("patchwork.nameDiagram", name, DescriptionId);
        }
    }

    public void Dispose()
    {
        Diagram.PointerDoubleClick -= OnDoubleClick;
        Diagram.PointerClick -= OnClick;
        Diagram.ContainerChanged -= OnContainerChanged;
    }

    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(drawn, Scene))
        {
            Draw(Scene, relayout: false);
        }

        if (!highlighted.SetEquals(Highlighted))
        {
            // Only the nodes whose highlight changed are drawn again.
            foreach (var node in highlighted.Union(Highlighted).Where(n => highlighted.Contains(n) != Highlighted.Contains(n)))
            {
                nodes.GetValueOrDefault(node)?.Refresh();
            }

            highlighted = [.. Highlighted];
        }
    }

    private void Draw(Scene scene, bool relayout)
    {
        var existing = relayout ? new Dictionary<NodeRef, Spot>() : CurrentSpots();
        var spots = EcomapLayout.Place(scene, existing, setting: Setting);
        var homes = scene.Homes();
        Diagram.Batch(() =>
        {
            Diagram.Links.Remove([.. Diagram.Links]);
            foreach (var group in households.Values)
            {
                Diagram.Groups.Remove(group);
            }

            households.Clear();
            foreach (var gone in nodes.Keys.Where(n => scene.Find(n) is null || n.Kind == NodeKind.Household).ToList())
            {
                Diagram.Nodes.Remove(nodes[gone]);
                nodes.Remove(gone);
            }

            foreach (var node in scene.Nodes.Where(n => n.Ref.Kind != NodeKind.Household))
            {
                var spot = spots[node.Ref];
                if (nodes.TryGetValue(node.Ref, out var model))
                {
                    model.Show(node, scene, Setting);
                    if (relayout)
                    {
                        model.SetPosition(spot.X, spot.Y);
                    }

                    model.Refresh();
                }
                else
                {
                    var added = new SceneNodeModel(node, spot);
                    added.Show(node, scene, Setting);
                    nodes[node.Ref] = Diagram.Nodes.Add(added);
                }
            }

            foreach (var household in scene.Nodes.Where(n => n.Ref.Kind == NodeKind.Household))
            {
                var members = homes.Where(h => h.Value == household.Ref).Select(h => (NodeModel)nodes[h.Key]).ToList();
                if (members.Count > 0)
                {
                    var isFocusHome = homes.TryGetValue(scene.Focus, out var focusHome) && focusHome == household.Ref;
                    households[household.Ref] = Diagram.Groups.Add(new HouseholdGroupModel(household, members, isFocusHome));
                }
            }

            foreach (var edge in scene.Edges)
            {
                // A person drawn inside a household's outline needs no line to it.
                if (edge.Relationship is Membership && homes.TryGetValue(edge.From, out var home) && home == edge.To)
                {
                    continue;
                }

                if (ModelOf(edge.From) is { } from && ModelOf(edge.To) is { } to)
                {
                    // Every line carries its words; those the picture always shows are marked so, the rest show
                    // on hover, while an end of the line has focus, and always in meeting mode.
                    var link = new TieLinkModel(edge, from, to, TieLinkModel.StyleOf(edge)) { AlwaysLabelled = NetworkWords.AlwaysLabelled(edge), RoomLabelled = NetworkWords.LabelledInRoom(edge) };
                    link.AddLabel(NetworkWords.TieLabel(edge, scene));

                    Diagram.Links.Add(link);
                }
            }
        });
        drawn = scene;
    }

    private NodeModel? ModelOf(NodeRef node) =>
        node.Kind == NodeKind.Household ? households.GetValueOrDefault(node) : nodes.GetValueOrDefault(node);

    private Dictionary<NodeRef, Spot> CurrentSpots() =>
        nodes.ToDictionary(n => n.Key, n => new Spot(n.Value.Position.X, n.Value.Position.Y));

    /// <summary>The connected node whose direction from this one is closest to the arrow pressed.</summary>
    private NodeRef? NeighbourToward(NodeRef node, string key)
    {
        if (drawn is null || Centre(node) is not { } origin)
        {
            return null;
        }

        var (dx, dy) = key switch
        {
            "ArrowUp" => (0.0, -1.0),
            "ArrowDown" => (0.0, 1.0),
            "ArrowLeft" => (-1.0, 0.0),
            _ => (1.0, 0.0),
        };
        var candidates = drawn.Neighbours(node)
            .Concat(drawn.Homes().Where(h => h.Key == node || h.Value == node).Select(h => h.Key == node ? h.Value : h.Key))
            .Distinct()
            .Select(n => (Node: n, Centre: Centre(n)))
            .Where(c => c.Centre is not null)
            .Select(c => (c.Node, X: c.Centre!.Value.X - origin.X, Y: c.Centre!.Value.Y - origin.Y))
            .Where(c => (c.X * dx) + (c.Y * dy) > 0)
            .OrderBy(c => Math.Sqrt((c.X * c.X) + (c.Y * c.Y)) * (2 - (((c.X * dx) + (c.Y * dy)) / Math.Sqrt((c.X * c.X) + (c.Y * c.Y)))))
            .ToList();
        return candidates.Count == 0 ? null : candidates[0].Node;
    }

    private (double X, double Y)? Centre(NodeRef node) => ModelOf(node) is { Size: { } size } model
        ? (model.Position.X + (size.Width / 2), model.Position.Y + (size.Height / 2))
        : null;

    private void OnDoubleClick(Model? model, Blazor.Diagrams.Core.Events.PointerEventArgs e)
    {
        if (RefOf(model) is { } node)
        {
            _ = InvokeAsync(() => OnExpand.InvokeAsync(node));
        }
    }

    private void OnClick(Model? model, Blazor.Diagrams.Core.Events.PointerEventArgs e)
    {
        if (RefOf(model) is { } node)
        {
            _ = InvokeAsync(() => OnSelect.InvokeAsync(node));
        }
    }

    private static NodeRef? RefOf(Model? model) => model switch
    {
        SceneNodeModel n => n.Node.Ref,
        HouseholdGroupModel g => g.Household.Ref,
        _ => null,
    };

    // The canvas is measured by the browser after the first render and again when the window resizes:
    // each time, the whole network is fitted into view, as far as its words stay readable.
    private void OnContainerChanged()
    {
        if (Diagram.Container is not null)
        {
            _ = InvokeAsync(async () =>
            {
                screenHeight = await Js.InvokeAsync<double>("patchwork.screenHeight");
                FitToScreen();
            });
        }
    }
}
