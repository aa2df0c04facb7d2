using System.Globalization;
using Patchwork.Graph.Model;
using Patchwork.Web.Features.Network;
using Patchwork.Web.Features.Network.Diagram;
using Patchwork.Web.Tests.Infrastructure;

namespace Patchwork.Web.Tests.Network;

public sealed class EcomapLayoutTests(DemoStore demo)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1, DiagramSetting.Desk)]
    [InlineData(2, DiagramSetting.Desk)]
    [InlineData(3, DiagramSetting.Desk)]
    [InlineData(1, DiagramSetting.Room)]
    [InlineData(2, DiagramSetting.Room)]
    public async Task Place_a_full_layout_of_Avas_network_overlaps_no_two_boxes(int depth, DiagramSetting setting)
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id, depth);

        var spots = EcomapLayout.Place(scene, new Dictionary<NodeRef, Spot>(), setting: setting);

        Assert.Equal(scene.Nodes.Where(n => n.Ref.Kind != NodeKind.Household).Select(n => n.Ref).ToHashSet(), spots.Keys.Where(k => k.Kind != NodeKind.Household).ToHashSet());
        Assert.Empty(Overlaps(scene, spots, setting));
    }

    [Fact]
    public async Task Place_a_full_layout_of_every_persons_network_in_the_district_overlaps_no_two_boxes()
    {
        var people = File.ReadLines(Path.Combine(DemoStore.DemoFolder, "persons.csv"))
            .Skip(1)
            .Select(line => line.Split(',')[0])
            .ToList();
        var problems = new List<string>();

        foreach (var person in people)
        {
            var scene = await demo.SceneAsync(person);
            problems.AddRange(Overlaps(scene, EcomapLayout.Place(scene, new Dictionary<NodeRef, Spot>())).Select(o => $"{person}: {o}"));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task Place_keeps_every_existing_position_when_the_scene_grows()
    {
        var explorer = demo.Explorer();
        await explorer.OpenAsync(Demo.Ava.Id, DemoStore.Today, 1, [], Cancellation);
        var first = EcomapLayout.Place(explorer.BuildScene(), new Dictionary<NodeRef, Spot>());

        await explorer.ExpandAsync(Demo.Margaret, Cancellation);
        await explorer.ExpandAsync(Demo.Sam, Cancellation);
        var grown = explorer.BuildScene();
        var second = EcomapLayout.Place(grown, first);

        Assert.All(first, spot => Assert.Equal(spot.Value, second[spot.Key]));
        Assert.Contains(Demo.Margaret, second.Keys);
        Assert.Empty(Overlaps(grown, second));
    }

    [Fact]
    public async Task Place_puts_newcomers_in_free_space_when_a_household_is_added()
    {
        var explorer = demo.Explorer();
        await explorer.OpenAsync(Demo.Liam.Id, DemoStore.Today, 1, [], Cancellation);
        var first = EcomapLayout.Place(explorer.BuildScene(), new Dictionary<NodeRef, Spot>());

        // Stepping out from Chloe brings the Turner household and Margaret: new people beside those on screen.
        await explorer.ExpandAsync(Demo.Chloe, Cancellation);
        var grown = explorer.BuildScene();
        var second = EcomapLayout.Place(grown, first);

        Assert.All(first, spot => Assert.Equal(spot.Value, second[spot.Key]));
        Assert.Empty(Overlaps(grown, second));
    }

    /// <summary>
    /// Every pair of node boxes that touch, and every household outline (its members' boxes plus padding, as the
    /// diagram draws it) that covers a node living elsewhere or another outline.
    /// </summary>
    private static List<string> Overlaps(Scene scene, IReadOnlyDictionary<NodeRef, Spot> spots, DiagramSetting setting = DiagramSetting.Desk)
    {
        var boxes = scene.Nodes
            .Where(n => n.Ref.Kind != NodeKind.Household)
            .Select(n => (Name: n.Ref.ToString(), Members: (IReadOnlySet<NodeRef>)new HashSet<NodeRef> { n.Ref }, Box: BoxOf(scene, n.Ref, spots[n.Ref], setting)))
            .ToList();
        var outlines = scene.Homes()
            .GroupBy(h => h.Value, h => h.Key)
            .Select(g => (Name: $"outline of {g.Key}", Members: (IReadOnlySet<NodeRef>)g.ToHashSet(), Box: Grow(Union(g.Select(m => BoxOf(scene, m, spots[m], setting))), EcomapLayout.GroupPadding)))
            .ToList();

        var problems = new List<string>();
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                if (Intersect(boxes[i].Box, boxes[j].Box))
                {
                    problems.Add($"{boxes[i].Name} {Show(boxes[i].Box)} overlaps {boxes[j].Name} {Show(boxes[j].Box)}");
                }
            }
        }

        for (var i = 0; i < outlines.Count; i++)
        {
            foreach (var box in boxes.Where(b => !b.Members.Overlaps(outlines[i].Members) && Intersect(outlines[i].Box, b.Box)))
            {
                problems.Add($"{outlines[i].Name} {Show(outlines[i].Box)} covers {box.Name} {Show(box.Box)}");
            }

            for (var j = i + 1; j < outlines.Count; j++)
            {
                if (Intersect(outlines[i].Box, outlines[j].Box))
                {
                    problems.Add($"{outlines[i].Name} {Show(outlines[i].Box)} overlaps {outlines[j].Name} {Show(outlines[j].Box)}");
                }
            }
        }

        return problems;
    }

    private static (double Left, double Top, double Right, double Bottom) BoxOf(Scene scene, NodeRef node, Spot spot, DiagramSetting setting)
    {
        var (width, height) = EcomapLayout.SizeOf(scene, node, setting);
        return (spot.X, spot.Y, spot.X + width, spot.Y + height);
    }

    private static (double Left, double Top, double Right, double Bottom) Union(IEnumerable<(double Left, double Top, double Right, double Bottom)> boxes)
    {
        var list = boxes.ToList();
        return (list.Min(b => b.Left), list.Min(b => b.Top), list.Max(b => b.Right), list.Max(b => b.Bottom));
    }

    private static (double Left, double Top, double Right, double Bottom) Grow((double Left, double Top, double Right, double Bottom) box, double by) =>
        (box.Left - by, box.Top - by, box.Right + by, box.Bottom + by);

    private static bool Intersect((double Left, double Top, double Right, double Bottom) a, (double Left, double Top, double Right, double Bottom) b) =>
        a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom;

    private static string Show((double Left, double Top, double Right, double Bottom) box) =>
        string.Create(CultureInfo.InvariantCulture, $"[{box.Left:0},{box.Top:0} - {box.Right:0},{box.Bottom:0}]");
}
