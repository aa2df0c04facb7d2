using System.Globalization;
using System.Xml.Linq;
using Patchwork.Graph.Access;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;
using Patchwork.Web.Features.Network.Diagram;

namespace Patchwork.Web.Features.Network.Exports;

/// <summary>
/// Draws a scene as a standalone SVG picture from the places <see cref="EcomapLayout"/> gives it: the shapes,
/// names, ties and legend of the diagram on screen, marked at top and bottom with the classification, who
/// exported it, when, and the date it shows. Built as XML, so every name is escaped.
/// </summary>
public static class DiagramSvg
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private const double Margin = 40;
    private const double HeaderHeight = 96;
    private const double FooterHeight = 48;
    private const double MinimumWidth = 1100;
    private const string Ink = "#111827";
    private const string Navy = "#1e3a5f";

    /// <param name="scene">The scene as the viewer's screen draws it (already redacted for its audience).</param>
    /// <param name="marking">Who exported it, when, the date it shows and for whom.</param>
    /// <param name="present">Professionals ticked as in the room in a meeting: drawn with the same highlight.</param>
    public static string Write(Scene scene, ExportMarking marking, IReadOnlySet<NodeRef>? present = null)
    {
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentNullException.ThrowIfNull(marking);
        present ??= new HashSet<NodeRef>();
        var spots = EcomapLayout.Place(scene, new Dictionary<NodeRef, Spot>());
        var homes = scene.Homes();
        var boxes = Boxes(scene, spots, homes);

        var left = boxes.Values.Min(b => b.X) - 12;
        var top = boxes.Values.Min(b => b.Y) - 28;
        var contentWidth = boxes.Values.Max(b => b.Right) - left + 12;
        var contentHeight = boxes.Values.Max(b => b.Bottom) - top + 24;
        var width = Math.Max(MinimumWidth, contentWidth + (2 * Margin));
        var legend = Legend(width - (2 * Margin), present.Count > 0);
        var height = HeaderHeight + contentHeight + legend.Height + FooterHeight + (2 * Margin);

        var focusName = scene.Find(scene.Focus)?.Name ?? scene.Focus.Id;
        var title = $"Network of {focusName}, as at {Formats.Day(marking.AsOf)}";
        var diagram = new XElement(Svg + "g", new XAttribute("transform", $"translate({N(Margin + ((width - (2 * Margin) - contentWidth) / 2) - left)} {N(HeaderHeight + Margin - top)})"));
        // Drawn in layers: household outlines, ties, then every word on top, so no line crosses out a name.
        var labels = new List<XElement>();
        var everyLabel = marking.Audience is Audience.Meeting or Audience.MeetingWithContacts;
        foreach (var household in scene.Nodes.Where(n => n.Ref.Kind == NodeKind.Household && boxes.ContainsKey(n.Ref)))
        {
            var (outline, label) = Household(household, boxes[household.Ref], homes.TryGetValue(scene.Focus, out var home) && home == household.Ref);
            diagram.Add(outline);
            labels.Add(label);
        }

        foreach (var edge in scene.Edges)
        {
            // A person drawn inside a household's outline needs no line to it.
            if ((edge.Relationship is Membership && homes.TryGetValue(edge.From, out var drawnIn) && drawnIn == edge.To)
                || !boxes.TryGetValue(edge.From, out var from) || !boxes.TryGetValue(edge.To, out var to))
            {
                continue;
            }

            diagram.Add(Tie(edge, from, to));
            // The words the diagram writes on the line, where the screen shows them without a hover: in a meeting's
            // picture on every line meeting mode labels.
            if ((everyLabel && NetworkWords.LabelledInRoom(edge)) || NetworkWords.AlwaysLabelled(edge))
            {
                labels.Add(Badge(NetworkWords.TieLabel(edge, scene), (from.CentreX + to.CentreX) / 2, (from.CentreY + to.CentreY) / 2, "#ffffff", Ink, "#4b5563"));
            }
        }

        diagram.Add(labels);
        foreach (var node in scene.Nodes.Where(n => n.Ref.Kind != NodeKind.Household))
        {
            diagram.Add(Node(node, scene, boxes[node.Ref], present.Contains(node.Ref)));
        }

        var stamp = $"Exported by {marking.ExportedBy} on {Formats.When(marking.ExportedAt)} · shows the network as at {Formats.Day(marking.AsOf)}";
        var audience = marking.Audience switch
        {
            Audience.Meeting => "Meeting view: sensitive services, NHS numbers, contact details and addresses left out.",
            Audience.MeetingWithContacts => "Meeting view: sensitive services and NHS numbers left out.",
            _ => "Only what the person who exported it may see.",
        };
        var svg = new XElement(
            Svg + "svg",
            new XAttribute("width", N(width)),
            new XAttribute("height", N(height)),
            new XAttribute("viewBox", $"0 0 {N(width)} {N(height)}"),
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", "title"),
            new XAttribute("font-family", "Arial, Helvetica, sans-serif"),
            new XElement(Svg + "title", new XAttribute("id", "title"), $"{title} ({ExportMarking.Classification})"),
            new XElement(Svg + "desc", $"{stamp}. {audience}"),
            new XElement(Svg + "rect", new XAttribute("width", "100%"), new XAttribute("height", "100%"), new XAttribute("fill", "#ffffff")),
            Text(ExportMarking.Classification, width / 2, 26, 18, weight: "700", anchor: "middle"),
            Text(title, Margin, 60, 26, weight: "700"),
            Text($"{stamp} · {audience}", Margin, 84, 15, fill: "#1f2937"),
            diagram,
            new XElement(Svg + "g", new XAttribute("transform", $"translate({N(Margin)} {N(height - FooterHeight - Margin - legend.Height + 16)})"), legend.Element),
            Text(stamp, width / 2, height - 34, 14, fill: "#1f2937", anchor: "middle"),
            Text(ExportMarking.Classification, width / 2, height - 12, 18, weight: "700", anchor: "middle"));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), svg).Declaration + "\n" + svg.ToString(SaveOptions.DisableFormatting);
    }

    private readonly record struct Box(double X, double Y, double Width, double Height)
    {
        public double Right => X + Width;

        public double Bottom => Y + Height;

        public double CentreX => X + (Width / 2);

        public double CentreY => Y + (Height / 2);

        public Box Grow(double by) => new(X - by, Y - by, Width + (2 * by), Height + (2 * by));
    }

    /// <summary>Every drawn node's box; a household's is its members' with the outline's padding, as the canvas draws it.</summary>
    private static Dictionary<NodeRef, Box> Boxes(Scene scene, Dictionary<NodeRef, Spot> spots, IReadOnlyDictionary<NodeRef, NodeRef> homes)
    {
        var boxes = new Dictionary<NodeRef, Box>();
        foreach (var node in scene.Nodes.Where(n => n.Ref.Kind != NodeKind.Household))
        {
            var (w, h) = EcomapLayout.SizeOf(node.Ref.Kind);
            boxes[node.Ref] = new Box(spots[node.Ref].X, spots[node.Ref].Y, w, h);
        }

        foreach (var household in homes.GroupBy(h => h.Value))
        {
            var members = household.Select(h => boxes[h.Key]).ToList();
            var x = members.Min(b => b.X);
            var y = members.Min(b => b.Y);
            boxes[household.Key] = new Box(x, y, members.Max(b => b.Right) - x, members.Max(b => b.Bottom) - y).Grow(EcomapLayout.GroupPadding);
        }

        return boxes;
    }

    private static (XElement Outline, XElement Label) Household(SceneNode household, Box box, bool isFocusHome)
    {
        var label = NodeDescriptions.Label(household) + (household.MoreCount > 0 ? $" (+{household.MoreCount} more)" : "");
        var outline = new XElement(
            Svg + "rect",
            new XAttribute("class", "household"),
            Rect(box),
            new XAttribute("rx", "18"),
            new XAttribute("fill", isFocusHome ? "#e8eef6" : "#f4f6f9"),
            new XAttribute("fill-opacity", "0.6"),
            new XAttribute("stroke", Navy),
            new XAttribute("stroke-width", "2.5"),
            household.Ended ? new XAttribute("opacity", "0.6") : null,
            isFocusHome ? null : new XAttribute("stroke-dasharray", "10 6"));
        var text = Fit(label, box.Width + 60, 13);
        // A white backing, as the canvas's label has, keeps the words readable where a tie passes under them.
        return (outline, new XElement(
            Svg + "g",
            new XElement(Svg + "rect", new XAttribute("x", N(box.X + 10)), new XAttribute("y", N(box.Y + 4)), new XAttribute("width", N(Width(text, 13, bold: true) + 8)), new XAttribute("height", "17"), new XAttribute("rx", "3"), new XAttribute("fill", "#ffffff"), new XAttribute("fill-opacity", "0.85")),
            Text(text, box.X + 14, box.Y + 17, 13, weight: "700", fill: Navy)));
    }

    private static XElement Tie(SceneEdge edge, Box from, Box to)
    {
        var style = TieLinkModel.StyleOf(edge);
        var stroke = TieStrokes.Of(style, edge.Change);
        var (x1, y1) = Exit(from, to.CentreX, to.CentreY);
        var (x2, y2) = Exit(to, from.CentreX, from.CentreY);
        var tie = new XElement(
            Svg + "g",
            new XAttribute("class", $"tie tie-{TieStrokes.CssName(style)}"),
            edge.Change == EdgeChange.Ended ? new XAttribute("opacity", "0.7") : null,
            new XElement(
                Svg + "line",
                new XAttribute("x1", N(x1)),
                new XAttribute("y1", N(y1)),
                new XAttribute("x2", N(x2)),
                new XAttribute("y2", N(y2)),
                new XAttribute("stroke", stroke.Colour),
                new XAttribute("stroke-width", N(stroke.Width)),
                new XAttribute("stroke-linecap", "round"),
                stroke.Dashes is null ? null : new XAttribute("stroke-dasharray", stroke.Dashes)));
        if (style is TieStyle.Involvement or TieStyle.Lead or TieStyle.Sensitive)
        {
            // Ecomap arrows point the way support flows: from the professional to the person.
            var length = Math.Max(1, Math.Sqrt(((x2 - x1) * (x2 - x1)) + ((y2 - y1) * (y2 - y1))));
            var (ux, uy) = ((x2 - x1) / length, (y2 - y1) / length);
            var size = 12 + stroke.Width;
            var (bx, by) = (x2 - (ux * size), y2 - (uy * size));
            var half = size / 2;
            tie.Add(new XElement(
                Svg + "polygon",
                new XAttribute("points", $"{N(x2)},{N(y2)} {N(bx - (uy * half))},{N(by + (ux * half))} {N(bx + (uy * half))},{N(by - (ux * half))}"),
                new XAttribute("fill", stroke.Colour)));
        }

        return tie;
    }

    private static XElement Node(SceneNode node, Scene scene, Box box, bool present)
    {
        var group = new XElement(Svg + "g", new XAttribute("class", $"node node-{node.Ref.Kind.Name()}"), node.Ended ? new XAttribute("opacity", "0.6") : null);
        if (present)
        {
            group.Add(
                new XElement(Svg + "rect", Rect(box.Grow(6)), new XAttribute("rx", "10"), new XAttribute("fill", "#fff7d6"), new XAttribute("stroke", "#000000"), new XAttribute("stroke-width", "4")),
                Badge("\u2713 in the room", box.CentreX, box.Y - 12, "#000000", "#ffffff", "#000000"));
        }

        switch (node.Node.Node)
        {
            case Person person:
                var (cx, cy) = (box.CentreX, box.Y + 28);
                // The focus person's double outline: the outer shape first, so the inner one is drawn over it.
                if (node.IsFocus)
                {
                    group.Add(Shape(NodeDescriptions.GenderShape(person.Gender), cx, cy, 25));
                }

                group.Add(Shape(NodeDescriptions.GenderShape(person.Gender), cx, cy, 20));

                if (node.Node.IsClient)
                {
                    group.Add(Badge("client", cx, box.Y + 48, Navy, "#ffffff", Navy));
                }

                var weight = node.IsFocus ? "800" : "600";
                var age = NodeDescriptions.AgeText(person, scene.AsOf);
                if (Width($"{person.DisplayName}, {age}", 15) <= box.Width + 16)
                {
                    group.Add(Text($"{person.DisplayName}, {age}", cx, box.Y + 76, 15, weight, anchor: "middle"));
                }
                else
                {
                    group.Add(
                        Text(Fit(person.DisplayName + ",", box.Width + 16, 15), cx, box.Y + 72, 15, weight, anchor: "middle"),
                        Text(age, cx, box.Y + 90, 15, weight, anchor: "middle"));
                }

                break;
            case Professional professional:
                group.Add(new XElement(Svg + "rect", Rect(box), new XAttribute("rx", "6"), new XAttribute("fill", "#ffffff"), new XAttribute("stroke", Navy), new XAttribute("stroke-width", "2")));
                var lead = scene.LeadsFocus(node.Ref) ? " \u2605 lead" : "";
                group.Add(Text(Fit(professional.DisplayName, box.Width - 20 - Width(lead, 15), 15) + lead, box.X + 10, box.Y + 27, 15, weight: "700"));
                var detail = string.Join(" \u00b7 ", new[] { professional.JobTitle, scene.AgencyOf(node.Ref)?.Name }.Where(s => !string.IsNullOrEmpty(s)));
                group.Add(Text(Fit(detail, box.Width - 20, 12.5), box.X + 10, box.Y + 48, 12.5, fill: "#374151"));
                break;
            case Agency agency:
                group.Add(new XElement(Svg + "rect", Rect(box), new XAttribute("rx", "25"), new XAttribute("fill", "#e8eef6"), new XAttribute("stroke", Navy), new XAttribute("stroke-width", "1.5")));
                group.Add(
                    Text(Fit(agency.Name, box.Width - 28, 14), box.CentreX, box.Y + 22, 14, weight: "600", anchor: "middle"),
                    Text(Fit(AgencyKindNames.Describe(agency.AgencyKind), box.Width - 28, 12.5), box.CentreX, box.Y + 39, 12.5, fill: "#374151", anchor: "middle"));
                break;
        }

        var badges = new List<string>();
        if (node.MoreCount > 0)
        {
            badges.Add($"+{node.MoreCount} more");
        }

        if (node.Ended)
        {
            badges.Add("ended");
        }

        if (badges.Count > 0)
        {
            group.Add(Badge(string.Join(" \u00b7 ", badges), box.CentreX, box.Bottom + 9, "#ffffff", Navy, Navy));
        }

        return group;
    }

    private static XElement Shape(string shape, double cx, double cy, double r)
    {
        var outline = new object[] { new XAttribute("fill", "#ffffff"), new XAttribute("stroke", Ink), new XAttribute("stroke-width", "2.5") };
        return shape switch
        {
            "circle" => new XElement(Svg + "circle", new XAttribute("cx", N(cx)), new XAttribute("cy", N(cy)), new XAttribute("r", N(r)), outline),
            "square" => new XElement(Svg + "rect", new XAttribute("x", N(cx - r)), new XAttribute("y", N(cy - r)), new XAttribute("width", N(2 * r)), new XAttribute("height", N(2 * r)), outline),
            _ => new XElement(Svg + "polygon", new XAttribute("points", $"{N(cx)},{N(cy - r - 3)} {N(cx + r + 3)},{N(cy)} {N(cx)},{N(cy + r + 3)} {N(cx - r - 3)},{N(cy)}"), outline),
        };
    }

    /// <summary>The legend under the picture, wrapped to its width: the same words and lines as on screen.</summary>
    private static (XElement Element, double Height) Legend(double width, bool withRoom)
    {
        var items = new List<(XElement Sample, double SampleWidth, string Label)>();
        foreach (var (style, label) in TieStrokes.Legend)
        {
            items.Add((Line(TieStrokes.Of(style)), 44, label));
        }

        items.Add((Line(TieStrokes.Of(TieStyle.Involvement, EdgeChange.Joined)), 44, "new in the last 30 days"));
        items.Add((Line(TieStrokes.Of(TieStyle.Involvement, EdgeChange.Ended)), 44, "ended in the last 30 days"));
        items.Add((new XElement(Svg + "g", Shape("circle", 9, 0, 7), Shape("square", 30, 0, 7), Shape("diamond", 51, 0, 5)), 62, "female \u00b7 male \u00b7 other or unknown"));
        items.Add((new XElement(Svg + "g", Shape("circle", 14, 0, 9), Shape("circle", 14, 0, 6)), 28, "the person this network is about"));
        items.Add((new XElement(Svg + "rect", new XAttribute("x", "2"), new XAttribute("y", "-7"), new XAttribute("width", "40"), new XAttribute("height", "14"), new XAttribute("rx", "7"), new XAttribute("fill", "#e8eef6"), new XAttribute("stroke", Navy), new XAttribute("stroke-width", "2")), 44, "household (dashed: another household)"));
        if (withRoom)
        {
            items.Add((new XElement(Svg + "rect", new XAttribute("x", "2"), new XAttribute("y", "-8"), new XAttribute("width", "40"), new XAttribute("height", "16"), new XAttribute("rx", "4"), new XAttribute("fill", "#fff7d6"), new XAttribute("stroke", "#000000"), new XAttribute("stroke-width", "4")), 44, "\u2713 in the room"));
        }

        var legend = new XElement(Svg + "g", new XAttribute("class", "legend"), Text("Legend", 0, 0, 15, weight: "700"));
        var (x, y) = (80.0, 0.0);
        foreach (var (sample, sampleWidth, label) in items)
        {
            var itemWidth = sampleWidth + 8 + Width(label, 14) + 24;
            if (x + itemWidth > width && x > 80)
            {
                (x, y) = (80, y + 26);
            }

            legend.Add(new XElement(Svg + "g", new XAttribute("transform", $"translate({N(x)} {N(y - 5)})"), sample), Text(label, x + sampleWidth + 8, y, 14));
            x += itemWidth;
        }

        return (legend, y + 30);

        static XElement Line(TieStrokes.Stroke stroke) => new(
            Svg + "line",
            new XAttribute("x1", "2"),
            new XAttribute("y1", "0"),
            new XAttribute("x2", "42"),
            new XAttribute("y2", "0"),
            new XAttribute("stroke", stroke.Colour),
            new XAttribute("stroke-width", N(stroke.Width)),
            stroke.Dashes is null ? null : new XAttribute("stroke-dasharray", stroke.Dashes));
    }

    private static XElement Badge(string text, double cx, double cy, string fill, string ink, string border)
    {
        var width = Width(text, 11, bold: true) + 12;
        return new XElement(
            Svg + "g",
            new XElement(Svg + "rect", new XAttribute("x", N(cx - (width / 2))), new XAttribute("y", N(cy - 8)), new XAttribute("width", N(width)), new XAttribute("height", "16"), new XAttribute("rx", "8"), new XAttribute("fill", fill), new XAttribute("stroke", border), new XAttribute("stroke-width", "1.5")),
            Text(text, cx, cy + 4, 11, weight: "700", fill: ink, anchor: "middle"));
    }

    private static XElement Text(string text, double x, double y, double size, string? weight = null, string fill = Ink, string? anchor = null) => new(
        Svg + "text",
        new XAttribute("x", N(x)),
        new XAttribute("y", N(y)),
        new XAttribute("font-size", N(size)),
        weight is null ? null : new XAttribute("font-weight", weight),
        new XAttribute("fill", fill),
        anchor is null ? null : new XAttribute("text-anchor", anchor),
        text);

    private static XAttribute[] Rect(Box box) =>
        [new("x", N(box.X)), new("y", N(box.Y)), new("width", N(box.Width)), new("height", N(box.Height))];

    /// <summary>Where the line from a box's centre towards a point leaves the box, so ties end at the node's edge.</summary>
    private static (double X, double Y) Exit(Box box, double towardsX, double towardsY)
    {
        var (dx, dy) = (towardsX - box.CentreX, towardsY - box.CentreY);
        if (dx == 0 && dy == 0)
        {
            return (box.CentreX, box.CentreY);
        }

        var t = Math.Min(dx == 0 ? double.MaxValue : box.Width / 2 / Math.Abs(dx), dy == 0 ? double.MaxValue : box.Height / 2 / Math.Abs(dy));
        t = Math.Min(t, 1);
        return (box.CentreX + (dx * t), box.CentreY + (dy * t));
    }

    /// <summary>A rough width of text in Arial: enough to keep a name inside its box, never to measure exactly.</summary>
    private static double Width(string text, double size, bool bold = false) => text.Length * size * (bold ? 0.6 : 0.55);

    private static string Fit(string text, double width, double size)
    {
        if (Width(text, size) <= width)
        {
            return text;
        }

        var keep = Math.Max(1, (int)(width / (size * 0.55)) - 1);
        return keep >= text.Length ? text : text[..keep].TrimEnd() + "\u2026";
    }

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
