using Bunit;
using Patchwork.Graph.Model;
using Patchwork.Web.Features.Network;
using Patchwork.Web.Features.Network.Diagram;
using Patchwork.Web.Tests.Infrastructure;

namespace Patchwork.Web.Tests.Components;

public sealed class SceneNodeWidgetTests : BunitContext
{
    private readonly DemoStore demo;

    public SceneNodeWidgetTests(DemoStore demo)
    {
        this.demo = demo;
        this.AddTestServices();
    }

    [Fact]
    public async Task A_girl_who_is_the_focus_is_a_circle_with_a_double_outline_and_a_client_badge()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);

        var node = RenderNode(scene, Demo.Ava).Find(".pw-node");

        Assert.Equal("button", node.GetAttribute("role"));
        Assert.Equal("0", node.GetAttribute("tabindex"));
        Assert.StartsWith("Person: Ava Turner", node.GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Contains("is-focus", node.ClassList);
        Assert.Equal(2, node.QuerySelectorAll("svg circle.pw-outline").Length);
        Assert.Empty(node.QuerySelectorAll("svg rect, svg polygon"));
        Assert.Equal("client", node.QuerySelector(".pw-client")?.TextContent);
        Assert.Equal("Ava Turner, 12", node.QuerySelector(".pw-name")?.TextContent);
        Assert.Equal("true", node.QuerySelector("svg")?.GetAttribute("aria-hidden"));
    }

    [Fact]
    public async Task A_boy_who_is_not_a_client_is_a_single_square_without_a_badge()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);

        var node = RenderNode(scene, Demo.Noah).Find(".pw-node");

        Assert.Single(node.QuerySelectorAll("svg rect.pw-outline"));
        Assert.Empty(node.QuerySelectorAll("svg circle, svg polygon"));
        Assert.Null(node.QuerySelector(".pw-client"));
        Assert.DoesNotContain("is-focus", node.ClassList);
        Assert.StartsWith("Person: Noah Turner, 9", node.GetAttribute("aria-label"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Demo.Jordan, "Person: Jordan Robinson")]
    [InlineData(Demo.Reece, "Person: Reece Doyle, age unknown")]
    public async Task A_person_of_other_or_unknown_gender_is_a_diamond(string personId, string name)
    {
        var scene = await demo.SceneAsync(personId);

        var node = RenderNode(scene, new NodeRef(NodeKind.Person, personId)).Find(".pw-node");

        Assert.NotEmpty(node.QuerySelectorAll("svg polygon.pw-outline"));
        Assert.Empty(node.QuerySelectorAll("svg circle, svg rect"));
        Assert.StartsWith(name, node.GetAttribute("aria-label"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lead_professional_is_named_with_job_agency_and_a_lead_star()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);

        var node = RenderNode(scene, Demo.Sam).Find(".pw-node");

        Assert.Equal("Professional: Sam Adeyemi, lead, Social Worker, Northvale Children's Services", node.GetAttribute("aria-label"));
        Assert.Contains("pw-professional", node.ClassList);
        Assert.Equal("\u2605 lead", node.QuerySelector(".pw-lead")?.TextContent);
        Assert.Equal("Social Worker \u00b7 Northvale Children's Services", node.QuerySelector(".pw-detail")?.TextContent);
    }

    [Fact]
    public async Task A_professional_who_does_not_lead_has_no_star()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);

        var node = RenderNode(scene, Demo.Priya).Find(".pw-node");

        Assert.Equal("Professional: Priya Shah, School Nurse, NHS Northvale Community Health", node.GetAttribute("aria-label"));
        Assert.Null(node.QuerySelector(".pw-lead"));
    }

    [Fact]
    public async Task An_agency_shows_its_name_and_kind()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);

        var node = RenderNode(scene, Demo.ChildrensServices).Find(".pw-node");

        Assert.Equal("Agency: Northvale Children's Services, Children's social care", node.GetAttribute("aria-label"));
        Assert.Contains("pw-agency", node.ClassList);
        Assert.Equal("Northvale Children's Services", node.QuerySelector(".pw-name")?.TextContent);
        Assert.Equal("Children's social care", node.QuerySelector(".pw-detail")?.TextContent);
    }

    [Fact]
    public async Task Keys_and_focus_on_a_node_go_to_the_diagram()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);
        var actions = new RecordingDiagramActions(scene);

        var node = RenderNode(scene, Demo.Margaret, actions).Find(".pw-node");
        await node.KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        await node.KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "ArrowLeft" });
        await node.FocusAsync(new Microsoft.AspNetCore.Components.Web.FocusEventArgs());

        Assert.Equal([(Demo.Margaret, "Enter"), (Demo.Margaret, "ArrowLeft")], actions.Keys);
        Assert.Equal([Demo.Margaret], actions.Focused);
    }

    [Fact]
    public async Task A_node_stepped_out_from_says_so_in_its_name()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);

        var node = RenderNode(scene, Demo.Margaret, new RecordingDiagramActions(scene, Demo.Margaret)).Find(".pw-node");

        Assert.EndsWith(", stepped out", node.GetAttribute("aria-label"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_whose_tie_ended_recently_is_faded_and_badged()
    {
        var scene = await demo.SceneAsync("P050");
        var marcus = new NodeRef(NodeKind.Professional, "PR008");

        var node = RenderNode(scene, marcus).Find(".pw-node");

        Assert.Contains("is-ended", node.ClassList);
        Assert.Equal("ended", node.QuerySelector(".pw-ended")?.TextContent);
        Assert.EndsWith(", ended in the last 30 days", node.GetAttribute("aria-label"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("P001", 1)]
    [InlineData("P001", 3)]
    [InlineData("P050", 1)]
    [InlineData(Demo.Mason, 2)]
    [InlineData(Demo.Reece, 1)]
    public async Task Every_nodes_accessible_name_holds_the_words_it_shows_in_the_order_it_shows_them(string personId, int depth)
    {
        // WCAG 2.5.3 Label in Name, compared the way axe-core does: words, ignoring symbols, as one run.
        var explorer = demo.Explorer();
        await explorer.OpenAsync(personId, DemoStore.Today, depth, [], Xunit.TestContext.Current.CancellationToken);
        await explorer.ExpandAsync(new NodeRef(NodeKind.Person, personId), Xunit.TestContext.Current.CancellationToken);
        var scene = explorer.BuildScene();

        foreach (var sceneNode in scene.Nodes.Where(n => n.Ref.Kind != NodeKind.Household))
        {
            var node = RenderNode(scene, sceneNode.Ref, new RecordingDiagramActions(scene, sceneNode.Ref)).Find(".pw-node");
            var shown = Words(string.Concat(TextOf(node)));
            var name = Words(node.GetAttribute("aria-label")!);

            Assert.True(
                Enumerable.Range(0, name.Count - shown.Count + 1).Any(i => name.Skip(i).Take(shown.Count).SequenceEqual(shown)),
                $"'{node.GetAttribute("aria-label")}' does not contain the words shown: '{string.Join(' ', shown)}'");
        }
    }

    /// <summary>The node's text run together, as axe-core reads inline elements: words need real spaces between them.</summary>
    private static IEnumerable<string> TextOf(AngleSharp.Dom.INode node) =>
        node is AngleSharp.Dom.IText text ? [text.Data] : node.ChildNodes.SelectMany(TextOf);

    private static List<string> Words(string text) =>
        [.. System.Text.RegularExpressions.Regex.Split(text.ToLowerInvariant(), @"[^\p{L}\p{N}']+").Where(w => w.Length > 0)];

    private IRenderedComponent<SceneNodeWidget> RenderNode(Scene scene, NodeRef node, INetworkDiagramActions? actions = null)
    {
        var model = new SceneNodeModel(scene.Find(node) ?? throw new InvalidOperationException($"{node} is not in the scene"), new Spot(0, 0)) { Scene = scene };
        return Render<SceneNodeWidget>(p =>
        {
            p.Add(w => w.Node, model);
            if (actions is not null)
            {
                p.AddCascadingValue(actions);
            }
        });
    }
}
