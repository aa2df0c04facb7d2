namespace Patchwork.Web.Features.Network.Diagram;

/// <summary>What a node widget can ask of the diagram around it: keys pressed on it, focus, and its state.</summary>
public interface INetworkDiagramActions
{
    Scene? Scene { get; }

    bool IsExpanded(Patchwork.Graph.Model.NodeRef node);

    /// <summary>Whether a node is highlighted: in a meeting, a professional ticked as in the room.</summary>
    bool IsHighlighted(Patchwork.Graph.Model.NodeRef node) => false;

    Task KeyDownAsync(Patchwork.Graph.Model.NodeRef node, string key);

    Task FocusedAsync(Patchwork.Graph.Model.NodeRef node);
}
