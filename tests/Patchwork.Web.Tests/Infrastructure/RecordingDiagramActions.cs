using Patchwork.Graph.Model;
using Patchwork.Web.Features.Network;
using Patchwork.Web.Features.Network.Diagram;

namespace Patchwork.Web.Tests.Infrastructure;

/// <summary>Stands in for the diagram around a node widget: remembers what the widget asked of it.</summary>
internal sealed class RecordingDiagramActions(Scene scene, params NodeRef[] expanded) : INetworkDiagramActions
{
    public Scene? Scene { get; } = scene;

    public List<(NodeRef Node, string Key)> Keys { get; } = [];

    public List<NodeRef> Focused { get; } = [];

    /// <summary>Nodes to draw highlighted, as a meeting does for the professionals in the room.</summary>
    public HashSet<NodeRef> Highlighted { get; } = [];

    public bool IsExpanded(NodeRef node) => expanded.Contains(node);

    public bool IsHighlighted(NodeRef node) => Highlighted.Contains(node);

    public Task KeyDownAsync(NodeRef node, string key)
    {
        Keys.Add((node, key));
        return Task.CompletedTask;
    }

    public Task FocusedAsync(NodeRef node)
    {
        Focused.Add(node);
        return Task.CompletedTask;
    }
}
