using GraphShape.Algorithms.OverlapRemoval;
using Patchwork.Graph.Model;
using Rect = GraphShape.Rect;

namespace Patchwork.Web.Features.Network;

/// <summary>A node's place on the canvas: its top-left corner, in diagram units.</summary>
public readonly record struct Spot(double X, double Y);

/// <summary>
/// Places a scene like an ecomap: the focus person's household in the centre, other households and relatives
/// around it, professionals on a ring outside them (each near the people they work with), agencies outside
/// those. GraphShape's overlap removal then pushes apart anything that still touches. Nodes that already have a
/// place keep it; new ones are put in free space beside the node they were reached from.
/// </summary>
public static class EcomapLayout
{
    public const double CellWidth = 150;
    public const double CellHeight = 118;
    public const double GroupPadding = 24;
    private const int MembersPerRow = 3;

    public static (double Width, double Height) SizeOf(NodeKind kind) => kind switch
    {
        NodeKind.Person => (128, 96),
        NodeKind.Professional => (210, 66),
        NodeKind.Agency => (190, 50),
        _ => (170, 60),
    };

    public static Dictionary<NodeRef, Spot> Place(Scene scene, IReadOnlyDictionary<NodeRef, Spot> existing)
    {
        var homes = scene.Homes();
        var placed = scene.Nodes.Where(n => existing.ContainsKey(n.Ref)).ToDictionary(n => n.Ref, n => existing[n.Ref]);
        if (placed.Count == 0)
        {
            return Full(scene, homes);
        }

        foreach (var cluster in Clusters(scene, homes).Where(c => c.Members.Any(m => !placed.ContainsKey(m))))
        {
            PlaceClusterBeside(scene, cluster, placed);
        }

        foreach (var node in scene.Nodes.Where(n => n.Ref.Kind is NodeKind.Professional or NodeKind.Agency && !placed.ContainsKey(n.Ref)))
        {
            var size = SizeOf(node.Ref.Kind);
            placed[node.Ref] = FreeSpotNear(scene, node.Ref, size.Width, size.Height, placed);
        }

        return placed;
    }

    private static Dictionary<NodeRef, Spot> Full(Scene scene, IReadOnlyDictionary<NodeRef, NodeRef> homes)
    {
        var clusters = Clusters(scene, homes);
        var centres = new Dictionary<NodeRef, (double X, double Y)>();
        var boxes = new Dictionary<string, Rect>();

        // The focus's household sits in the middle; the other households and relatives go round it on an
        // ellipse (screens are wider than tall), nearest rings first.
        var core = clusters.First(c => c.Members.Contains(scene.Focus));
        var others = clusters.Where(c => c != core).OrderBy(c => c.Ring).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        boxes[core.Key] = Centred(0, 0, core.Width, core.Height);
        if (others.Count > 0)
        {
            var radiusX = (core.Width / 2) + (others.Max(c => c.Width) / 2) + 40;
            var radiusY = (core.Height / 2) + (others.Max(c => c.Height) / 2) + 30;
            for (var i = 0; i < others.Count; i++)
            {
                var angle = (2 * Math.PI * i / others.Count) + (Math.PI / 2);
                boxes[others[i].Key] = Centred(radiusX * Math.Cos(angle), radiusY * Math.Sin(angle), others[i].Width, others[i].Height);
            }
        }

        foreach (var cluster in clusters)
        {
            var box = boxes[cluster.Key];
            foreach (var (member, spot) in cluster.Arrange(box.X + GroupPadding, box.Y + GroupPadding + 14))
            {
                centres[member] = (spot.X + (SizeOf(NodeKind.Person).Width / 2), spot.Y + (SizeOf(NodeKind.Person).Height / 2));
            }
        }

        var family = Bounds(boxes.Values);
        var professionals = scene.Nodes.Where(n => n.Ref.Kind == NodeKind.Professional).Select(n => n.Ref).ToList();
        var (professionalWidth, professionalHeight) = SizeOf(NodeKind.Professional);
        PlaceOnEllipse(professionals, family.HalfWidth + (professionalWidth / 2) + 50, family.HalfHeight + (professionalHeight / 2) + 40, scene, centres, boxes);
        var agencies = scene.Nodes.Where(n => n.Ref.Kind == NodeKind.Agency).Select(n => n.Ref).ToList();
        var inner = Bounds(boxes.Values);
        var (agencyWidth, agencyHeight) = SizeOf(NodeKind.Agency);
        PlaceOnEllipse(agencies, inner.HalfWidth + (agencyWidth / 2) + 40, inner.HalfHeight + (agencyHeight / 2) + 30, scene, centres, boxes);

        // GraphShape pushes apart any boxes that still overlap, keeping each near where the ellipse put it.
        var overlap = new FSAAlgorithm<string>(boxes, new OverlapRemovalParameters { HorizontalGap = 24, VerticalGap = 24 });
        overlap.Compute();
        var result = new Dictionary<NodeRef, Spot>();
        foreach (var cluster in clusters)
        {
            var box = overlap.Rectangles[cluster.Key];
            foreach (var (member, spot) in cluster.Arrange(box.X + GroupPadding, box.Y + GroupPadding + 14))
            {
                result[member] = spot;
            }
        }

        foreach (var node in professionals.Concat(agencies))
        {
            var box = overlap.Rectangles[Key(node)];
            result[node] = new Spot(box.X, box.Y);
        }

        return result;
    }

    /// <summary>
    /// Spreads nodes evenly round an ellipse, in the order of the direction of what each is tied to, so a
    /// professional sits on the side of the person they work with and no two crowd each other.
    /// </summary>
    private static void PlaceOnEllipse(
        List<NodeRef> nodes,
        double radiusX,
        double radiusY,
        Scene scene,
        Dictionary<NodeRef, (double X, double Y)> centres,
        Dictionary<string, Rect> boxes)
    {
        if (nodes.Count == 0)
        {
            return;
        }

        var (width, height) = SizeOf(nodes[0].Kind);
        var wanted = nodes.Select(node =>
        {
            var points = scene.Neighbours(node).Where(centres.ContainsKey).Select(n => centres[n]).ToList();
            var angle = points.Count == 0 ? 0 : Math.Atan2(points.Average(p => p.Y) / radiusY, points.Average(p => p.X) / radiusX);
            return (Node: node, Angle: angle);
        }).OrderBy(w => w.Angle).ThenBy(w => w.Node.Id, StringComparer.Ordinal).ToList();

        // Even spacing, turned so the first node lands as near as it can to where it wanted to be.
        var step = 2 * Math.PI / wanted.Count;
        var turn = wanted.Select((w, i) => w.Angle - (i * step)).Average();
        for (var i = 0; i < wanted.Count; i++)
        {
            var angle = turn + (i * step);
            var x = radiusX * Math.Cos(angle);
            var y = radiusY * Math.Sin(angle);
            centres[wanted[i].Node] = (x, y);
            boxes[Key(wanted[i].Node)] = Centred(x, y, width, height);
        }
    }

    private static (double HalfWidth, double HalfHeight) Bounds(IEnumerable<Rect> boxes)
    {
        var list = boxes.ToList();
        return (list.Max(b => Math.Max(Math.Abs(b.Left), Math.Abs(b.Right))), list.Max(b => Math.Max(Math.Abs(b.Top), Math.Abs(b.Bottom))));
    }

    private static void PlaceClusterBeside(Scene scene, Cluster cluster, Dictionary<NodeRef, Spot> placed)
    {
        if (cluster.Household is not null && cluster.Members.Any(placed.ContainsKey))
        {
            // The household is already drawn: newcomers join its outline, in the next free cell below it.
            var members = cluster.Members.Where(placed.ContainsKey).Select(m => placed[m]).ToList();
            var left = members.Min(s => s.X);
            var bottom = members.Max(s => s.Y) + CellHeight;
            var column = 0;
            foreach (var newcomer in cluster.Members.Where(m => !placed.ContainsKey(m)))
            {
                placed[newcomer] = new Spot(left + (column * CellWidth), bottom);
                column = (column + 1) % MembersPerRow;
                bottom += column == 0 ? CellHeight : 0;
            }

            return;
        }

        var anchorSpot = FreeSpotNear(scene, cluster.Members[0], cluster.Width, cluster.Height, placed, cluster.Members);
        foreach (var (member, spot) in cluster.Arrange(anchorSpot.X + GroupPadding, anchorSpot.Y + GroupPadding + 14))
        {
            placed[member] = spot;
        }
    }

    /// <summary>The first free place for a box on widening rings outward from a placed neighbour.</summary>
    private static Spot FreeSpotNear(Scene scene, NodeRef node, double width, double height, Dictionary<NodeRef, Spot> placed, IReadOnlyList<NodeRef>? group = null)
    {
        var members = group ?? [node];
        var anchor = members.SelectMany(scene.Neighbours).FirstOrDefault(placed.ContainsKey);
        var occupied = placed.Select(p => new Rect(p.Value.X, p.Value.Y, SizeOf(p.Key.Kind).Width, SizeOf(p.Key.Kind).Height)).ToList();
        var centreX = placed.Values.Average(s => s.X);
        var centreY = placed.Values.Average(s => s.Y);
        var (ax, ay) = anchor == default ? (centreX, centreY) : (placed[anchor].X, placed[anchor].Y);
        var outward = Math.Atan2(ay - centreY, ax - centreX);
        for (var distance = 200.0; distance < 5000; distance += 90)
        {
            for (var step = 0; step < 12; step++)
            {
                // Try straight outwards first, then alternate either side of it.
                var turn = (step % 2 == 0 ? 1 : -1) * ((step + 1) / 2) * (Math.PI / 10);
                var x = ax + (distance * Math.Cos(outward + turn)) - (width / 2);
                var y = ay + (distance * Math.Sin(outward + turn)) - (height / 2);
                var candidate = new Rect(x - 20, y - 20, width + 40, height + 40);
                if (!occupied.Any(o => Intersects(o, candidate)))
                {
                    return new Spot(x, y);
                }
            }
        }

        return new Spot(ax + 300, ay + 300);
    }

    private static bool Intersects(Rect a, Rect b) => a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom;

    private static Rect Centred(double x, double y, double width, double height) => new(x - (width / 2), y - (height / 2), width, height);

    private static string Key(NodeRef node) => $"n:{node.Kind}:{node.Id}";

    private static List<Cluster> Clusters(Scene scene, IReadOnlyDictionary<NodeRef, NodeRef> homes)
    {
        var people = scene.Nodes.Where(n => n.Ref.Kind == NodeKind.Person).ToList();
        var clusters = people
            .GroupBy(p => homes.TryGetValue(p.Ref, out var home) ? (NodeRef?)home : null)
            .SelectMany(g => g.Key is { } household
                ? [new Cluster(household, scene.Find(household)!.Node.Ring, Order(scene, g))]
                : g.Select(p => new Cluster(null, p.Node.Ring, [p.Ref])))
            .ToList();
        return clusters;
    }

    /// <summary>The focus first, then oldest to youngest, so parents sit above or before their children.</summary>
    private static List<NodeRef> Order(Scene scene, IEnumerable<SceneNode> members) =>
        [.. members
            .OrderByDescending(m => m.IsFocus)
            .ThenBy(m => (m.Node.Node as Person)?.DateOfBirth ?? DateOnly.MaxValue)
            .ThenBy(m => m.Ref.Id, StringComparer.Ordinal)
            .Select(m => m.Ref)];

    /// <summary>A household's members (or one person without a household on screen) drawn as one block.</summary>
    private sealed record Cluster(NodeRef? Household, int Ring, IReadOnlyList<NodeRef> Members)
    {
        public string Key => Household is { } h ? EcomapLayout.Key(h) : EcomapLayout.Key(Members[0]);

        private int Columns => Math.Min(MembersPerRow, Members.Count);

        private int Rows => (Members.Count + MembersPerRow - 1) / MembersPerRow;

        public double Width => (Columns * CellWidth) + (2 * GroupPadding);

        public double Height => (Rows * CellHeight) + (2 * GroupPadding) + 14;

        public IEnumerable<(NodeRef Member, Spot Spot)> Arrange(double left, double top) =>
            Members.Select((m, i) => (m, new Spot(left + ((i % MembersPerRow) * CellWidth), top + ((i / MembersPerRow) * CellHeight))));
    }
}
