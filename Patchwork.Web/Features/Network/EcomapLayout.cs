using Patchwork.Graph.Model;
using Patchwork.Web.Features.Network.Diagram;
using Rect = GraphShape.Rect;

namespace Patchwork.Web.Features.Network;

/// <summary>A node's place on the canvas: its top-left corner, in diagram units.</summary>
public readonly record struct Spot(double X, double Y);

/// <summary>
/// Places a scene like an ecomap laid out for a wide screen: the focus person's household in the middle of a row of
/// households and relatives, professionals in rows above and below it (each near the people they work with),
/// agencies in a row below those. Nodes that already have a place keep it; new ones are put in free space beside
/// the node they were reached from.
/// </summary>
public static class EcomapLayout
{
    public const double CellWidth = 150;
    public const double CellHeight = 118;
    public const double GroupPadding = 24;
    private const int MembersPerRow = 3;

    /// <summary>The smallest box of a kind: a node is drawn as wide, and as tall or taller (<see cref="NodeBoxes"/>).</summary>
    public static (double Width, double Height) SizeOf(NodeKind kind) => NodeBoxes.Least(kind);

    /// <summary>A node's box, tall enough for all its words where they are read; a box the scene does not hold (a meeting's group) is its kind's least.</summary>
    public static (double Width, double Height) SizeOf(Scene scene, NodeRef node, DiagramSetting setting = DiagramSetting.Desk) =>
        scene.Find(node) is { } found ? NodeBoxes.Of(found, scene, setting) : NodeBoxes.Least(node.Kind, setting);

    /// <param name="scene">What is drawn.</param>
    /// <param name="existing">Places nodes already have, which they keep.</param>
    /// <param name="extra">More boxes the size of a professional's, each drawn beside a node of the scene: a meeting's groups of professionals.</param>
    /// <param name="setting">Where the diagram is read, which sets the size of its words and so of its boxes.</param>
    public static Dictionary<NodeRef, Spot> Place(Scene scene, IReadOnlyDictionary<NodeRef, Spot> existing, IReadOnlyDictionary<NodeRef, NodeRef>? extra = null, DiagramSetting setting = DiagramSetting.Desk)
    {

        var homes = scene.Homes();
        extra ??= new Dictionary<NodeRef, NodeRef>();
        var placed = scene.Nodes.Where(n => existing.ContainsKey(n.Ref)).ToDictionary(n => n.Ref, n => existing[n.Ref]);
        if (placed.Count == 0)
        {
            return Full(scene, homes, extra, setting);
        }

        foreach (var cluster in Clusters(scene, homes).Where(c => c.Members.Any(m => !placed.ContainsKey(m))))
        {
            PlaceClusterBeside(scene, cluster, placed, setting);
        }

        foreach (var node in scene.Nodes.Where(n => n.Ref.Kind is NodeKind.Professional or NodeKind.Agency && !placed.ContainsKey(n.Ref)).Select(n => n.Ref).Concat(extra.Keys.Where(k => !placed.ContainsKey(k))))
        {
            var size = SizeOf(scene, node, setting);
            placed[node] = FreeSpotNear(scene, node, size.Width, size.Height, placed, setting);
        }

        return placed;
    }

    /// <summary>
    /// The whole network in rows, as wide as a screen is: the family in the middle row (the focus's household
    /// first, the other households and relatives either side of it, nearest first), the professionals in rows
    /// above and below it (each row ordered by where the people they work with sit, so lines stay short), and the
    /// agencies in a row at the bottom. Rows keep the words large: an ellipse round the family leaves its middle and
    /// corners empty, and a screen fitting it has to shrink every name.
    /// </summary>
    private static Dictionary<NodeRef, Spot> Full(Scene scene, IReadOnlyDictionary<NodeRef, NodeRef> homes, IReadOnlyDictionary<NodeRef, NodeRef> extra, DiagramSetting setting)
    {
        var rowGap = RowGapIn(setting);
        var clusters = Clusters(scene, homes);
        var core = clusters.First(c => c.Members.Contains(scene.Focus));
        var others = clusters.Where(c => c != core).OrderBy(c => c.Ring).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        var family = new List<Cluster> { core };
        for (var i = 0; i < others.Count; i++)
        {
            if (i % 2 == 0)
            {
                family.Add(others[i]);
            }
            else
            {
                family.Insert(0, others[i]);
            }
        }

        var result = new Dictionary<NodeRef, Spot>();
        var centres = new Dictionary<NodeRef, double>();
        var familyRows = WrapFamily(family);
        var familyWidth = familyRows.Max(r => r.Sum(c => c.Width) + ((r.Count - 1) * ClusterGap));
        var top = 0.0;
        foreach (var row in familyRows)
        {
            var x = -(row.Sum(c => c.Width) + ((row.Count - 1) * ClusterGap)) / 2;
            foreach (var cluster in row)
            {
                foreach (var (member, spot) in cluster.Arrange(x + GroupPadding, top + GroupPadding + 14))
                {
                    result[member] = spot;
                    centres[member] = spot.X + (SizeOf(NodeKind.Person).Width / 2);
                }

                x += cluster.Width + ClusterGap;
            }

            top += row.Max(c => c.Height) + rowGap;
        }

        var familyBottom = top - rowGap;
        var professionalWidth = NodeBoxes.Least(NodeKind.Professional, setting).Width;
        double RowHeight(IEnumerable<NodeRef> row) => row.Max(n => SizeOf(scene, n, setting).Height);
        double Wanted(NodeRef node) => (extra.TryGetValue(node, out var beside) ? [beside] : scene.Neighbours(node))
            .Where(centres.ContainsKey).Select(n => centres[n]).DefaultIfEmpty(0).Average();
        var professionals = scene.Nodes.Where(n => n.Ref.Kind == NodeKind.Professional).Select(n => n.Ref).Concat(extra.Keys)
            .Select(p => (Node: p, X: Wanted(p))).OrderBy(p => p.X).ThenBy(p => p.Node.Id, StringComparer.Ordinal).Select(p => p.Node).ToList();
        var perRow = Math.Max(3, (int)((familyWidth + ClusterGap) / (professionalWidth + ClusterGap)));
        var rows = professionals.Chunk(perRow).ToList();
        // The first row goes above the family, the second below, and so on outwards.
        var above = rows.Where((_, i) => i % 2 == 0).ToList();
        var below = rows.Where((_, i) => i % 2 == 1).ToList();
        // Each row is as tall as its tallest box, whose words wrap the most.
        var y = -rowGap;
        foreach (var row in above)
        {
            y -= RowHeight(row);
            PlaceRow(row, y, professionalWidth, Wanted, familyWidth, result);
            y -= rowGap;
        }

        y = familyBottom + rowGap;
        foreach (var row in below)
        {
            PlaceRow(row, y, professionalWidth, Wanted, familyWidth, result);
            y += RowHeight(row) + rowGap;
        }

        foreach (var node in professionals)
        {
            centres[node] = result[node].X + (professionalWidth / 2);
        }

        var agencyWidth = NodeBoxes.Least(NodeKind.Agency, setting).Width;
        var agencies = scene.Nodes.Where(n => n.Ref.Kind == NodeKind.Agency).Select(n => n.Ref)
            .OrderBy(a => Wanted(a)).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
        foreach (var row in agencies.Chunk(Math.Max(3, (int)((familyWidth + ClusterGap) / (agencyWidth + ClusterGap)))))
        {
            PlaceRow(row, y, agencyWidth, Wanted, familyWidth, result);
            y += RowHeight(row) + rowGap;
        }

        return result;
    }

    private const double ClusterGap = 36;
    /// <summary>
    /// The space between rows, where the words of the lines between them are drawn: always in a room, so the gap is
    /// wider there; at a desk only on hover and focus, so a narrower gap leaves the taller boxes of wrapped words
    /// room on the screen.
    /// </summary>
    private static double RowGapIn(DiagramSetting setting) => setting == DiagramSetting.Room ? 56 : 44;

    /// <summary>Family clusters in rows no wider than a wide screen's share, the focus's in the first.</summary>
    private static List<List<Cluster>> WrapFamily(List<Cluster> family)
    {
        const double MaxWidth = 1500;
        var rows = new List<List<Cluster>> { new() };
        var width = 0.0;
        foreach (var cluster in family)
        {
            if (rows[^1].Count > 0 && width + ClusterGap + cluster.Width > MaxWidth)
            {
                rows.Add([]);
                width = 0;
            }

            width += (rows[^1].Count > 0 ? ClusterGap : 0) + cluster.Width;
            rows[^1].Add(cluster);
        }

        return rows;
    }

    /// <summary>
    /// One row of boxes side by side, centred under what they are tied to as far as the family's width allows: a row
    /// that stuck out past the family would make the whole picture wider, and every word smaller.
    /// </summary>
    private static void PlaceRow(IReadOnlyList<NodeRef> row, double y, double width, Func<NodeRef, double> wanted, double familyWidth, Dictionary<NodeRef, Spot> result)
    {
        var rowWidth = (row.Count * width) + ((row.Count - 1) * ClusterGap);
        var slack = Math.Max(0, (familyWidth - rowWidth) / 2);
        var centre = Math.Clamp(row.Average(wanted), -slack, slack);
        var left = centre - (rowWidth / 2);
        for (var i = 0; i < row.Count; i++)
        {
            result[row[i]] = new Spot(left + (i * (width + ClusterGap)), y);
        }
    }

    private static void PlaceClusterBeside(Scene scene, Cluster cluster, Dictionary<NodeRef, Spot> placed, DiagramSetting setting)
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

        var anchorSpot = FreeSpotNear(scene, cluster.Members[0], cluster.Width, cluster.Height, placed, setting, cluster.Members);
        foreach (var (member, spot) in cluster.Arrange(anchorSpot.X + GroupPadding, anchorSpot.Y + GroupPadding + 14))
        {
            placed[member] = spot;
        }
    }

    /// <summary>The first free place for a box on widening rings outward from a placed neighbour.</summary>
    private static Spot FreeSpotNear(Scene scene, NodeRef node, double width, double height, Dictionary<NodeRef, Spot> placed, DiagramSetting setting, IReadOnlyList<NodeRef>? group = null)
    {
        var members = group ?? [node];
        var anchor = members.SelectMany(scene.Neighbours).FirstOrDefault(placed.ContainsKey);
        var occupied = placed.Select(p => new Rect(p.Value.X, p.Value.Y, SizeOf(scene, p.Key, setting).Width, SizeOf(scene, p.Key, setting).Height)).ToList();
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

    private static string Key(NodeRef node) => $"n:{node.Kind}:{node.Id}";

    private static List<Cluster> Clusters(Scene scene, IReadOnlyDictionary<NodeRef, NodeRef> homes)
    {
        var people = scene.Nodes.Where(n => n.Ref.Kind == NodeKind.Person).ToList();
        var clusters = people
            .GroupBy(p => homes.TryGetValue(p.Ref, out var home) ? (NodeRef?)home : null)
            .SelectMany(g => g.Key is { } household
                ? [new Cluster(household, scene.Find(household)!.Node.Ring, Order(scene, g), LabelWidth(NodeDescriptions.Caption(scene.Find(household)!), DiagramFit.RoomNameFont))]
                : g.Select(p => new Cluster(null, p.Node.Ring, [p.Ref], 0)))
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

    /// <summary>
    /// How far a household's label reaches from its outline's left edge, in diagram units, at a font size: an
    /// estimate from its length, wide enough for Arial's average letter.
    /// </summary>
    public static double LabelWidth(string label, double font) => 14 + (label.Length * font * 0.56);

    /// <summary>
    /// A household's members (or one person without a household on screen) drawn as one block, wide enough that its
    /// label at the room's size ends before its neighbour's begins: a household of one is narrower than its name.
    /// </summary>
    private sealed record Cluster(NodeRef? Household, int Ring, IReadOnlyList<NodeRef> Members, double LabelWidth)
    {
        public string Key => Household is { } h ? EcomapLayout.Key(h) : EcomapLayout.Key(Members[0]);

        private int Columns => Math.Min(MembersPerRow, Members.Count);

        private int Rows => (Members.Count + MembersPerRow - 1) / MembersPerRow;

        private double MembersWidth => (Columns * CellWidth) + (2 * GroupPadding);

        public double Width => Math.Max(MembersWidth, LabelWidth - ClusterGap);

        public double Height => (Rows * CellHeight) + (2 * GroupPadding) + 14;

        public IEnumerable<(NodeRef Member, Spot Spot)> Arrange(double left, double top) =>
            Members.Select((m, i) => (m, new Spot(left + ((i % MembersPerRow) * CellWidth), top + ((i / MembersPerRow) * CellHeight))));
    }
}
