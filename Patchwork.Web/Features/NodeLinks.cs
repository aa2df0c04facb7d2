using Patchwork.Graph.Model;

namespace Patchwork.Web.Features;

/// <summary>Where each kind of node opens, and what it is called on screen.</summary>
public static class NodeLinks
{
    public static string For(NodeRef node) => node.Kind switch
    {
        NodeKind.Person => $"/network/{Uri.EscapeDataString(node.Id)}",
        _ => $"/{node.Kind.Name()}/{Uri.EscapeDataString(node.Id)}",
    };
}
