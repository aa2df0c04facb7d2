using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Patchwork.Graph.Model;

namespace Patchwork.Web.Features.Network.Diagram;

/// <summary>
/// A person, professional or agency on the canvas. Its size is set from its words (ControlledSize, see NodeBoxes),
/// so links are drawn at once instead of after the browser has measured every node.
/// </summary>
public sealed class SceneNodeModel : NodeModel
{
    public SceneNodeModel(SceneNode node, Spot spot)
        : base(DiagramIds.Of(node.Ref), new Point(spot.X, spot.Y))
    {
        Node = node;
        ControlledSize = true;
        var (width, height) = EcomapLayout.SizeOf(node.Ref.Kind);
        Size = new Size(width, height);
        Title = node.Name;
    }

    public SceneNode Node { get; set; }

    public Scene? Scene { get; set; }

    /// <summary>Shows a node of a scene, its box sized to its words where the diagram is read.</summary>
    public void Show(SceneNode node, Scene scene, DiagramSetting setting)
    {
        Node = node;
        Scene = scene;
        var (width, height) = NodeBoxes.Of(node, scene, setting);
        Size = new Size(width, height);
    }
}

/// <summary>A household: an outline drawn around the people who live there.</summary>
public sealed class HouseholdGroupModel(SceneNode household, IEnumerable<NodeModel> members, bool isFocusHome)
    : GroupModel(members, (byte)EcomapLayout.GroupPadding)
{
    public SceneNode Household { get; } = household;

    /// <summary>The focus person's main home is drawn solid; every other household dashed.</summary>
    public bool IsFocusHome { get; } = isFocusHome;
}

/// <summary>The ways a tie is drawn; each differs in line, width or marker, never in colour alone.</summary>
public enum TieStyle
{
    Family,
    Partner,
    SecondHome,
    Involvement,
    Lead,
    Sensitive,
    WorksFor,
}

public sealed class TieLinkModel : LinkModel
{
    public TieLinkModel(SceneEdge edge, NodeModel from, NodeModel to, TieStyle style)
        : base(DiagramIds.Of(edge.Relationship.Key), from, to)
    {
        Edge = edge;
        Style = style;
        if (style is TieStyle.Involvement or TieStyle.Lead or TieStyle.Sensitive)
        {
            // Ecomap arrows point the way support flows: from the professional to the person.
            TargetMarker = LinkMarker.Arrow;
        }
    }

    public SceneEdge Edge { get; }

    public TieStyle Style { get; }

    /// <summary>Whether the line's words show at all times, not only on hover, focus or in meeting mode.</summary>
    public bool AlwaysLabelled { get; init; }

    /// <summary>Whether meeting mode shows the line's words at all times.</summary>
    public bool RoomLabelled { get; init; }

    /// <summary>Whether a node at an end of the line has keyboard focus: its words show.</summary>
    public bool Active { get; set; }

    public static TieStyle StyleOf(SceneEdge edge) => edge.Relationship switch
    {
        Involvement { Sensitive: true } => TieStyle.Sensitive,
        Involvement { Lead: true } => TieStyle.Lead,
        Involvement => TieStyle.Involvement,
        Employment => TieStyle.WorksFor,
        FamilyTie { Kind: FamilyKind.Partner } => TieStyle.Partner,
        FamilyTie => TieStyle.Family,
        _ => TieStyle.SecondHome,
    };
}

/// <summary>Stable ids for the canvas, so a node keeps its element when the scene is rebuilt.</summary>
public static class DiagramIds
{
    public static string Of(NodeRef node) => $"{node.Kind.Name()}-{node.Id}";

    public static string Of(RelationshipKey key) => $"{key.Type.TypeName()}-{key.FromId}-{key.ToId}-{key.Since:yyyyMMdd}";
}
