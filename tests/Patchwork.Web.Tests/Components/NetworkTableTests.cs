using Bunit;
using Patchwork.Graph.Model;
using Patchwork.Web.Features.Network;
using Patchwork.Web.Tests.Infrastructure;

namespace Patchwork.Web.Tests.Components;

public sealed class NetworkTableTests : BunitContext
{
    private readonly DemoStore demo;
    private readonly List<NodeRef> expanded = [];

    public NetworkTableTests(DemoStore demo)
    {
        this.demo = demo;
        this.AddTestServices();
    }

    [Fact]
    public async Task Every_node_on_screen_has_a_row_headed_by_its_name()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);

        var headers = RenderTable(scene).FindAll("tbody th[scope=row]");

        Assert.Equal(scene.Nodes.Select(n => n.Name).Order(StringComparer.Ordinal), headers.Select(h => h.TextContent).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_table_has_a_caption_and_column_headers()
    {
        var table = RenderTable(await demo.SceneAsync(Demo.Ava.Id));

        Assert.Equal("Everyone in this network as at 1 Jul 2026, with how they are connected", table.Find("caption").TextContent);
        Assert.Equal(["Kind", "Name", "About", "Connections", "Actions"], table.FindAll("thead th[scope=col]").Select(h => h.TextContent));
    }

    [Fact]
    public async Task A_row_says_what_the_diagram_shows_about_the_node_and_its_ties_in_words()
    {
        var table = RenderTable(await demo.SceneAsync(Demo.Ava.Id));

        var ava = Row(table, "Ava Turner");
        Assert.Equal("Person", ava.Children[0].TextContent);
        Assert.Equal("12, client, CP plan (child protection plan), focus of this network", ava.Children[2].TextContent);
        var ties = ava.QuerySelectorAll("td ul li").Select(li => li.TextContent).ToList();
        Assert.Contains("child of Chloe Turner (since 13 Apr 2014)", ties);
        Assert.Contains("lives at Turner household (since 13 Apr 2014)", ties);
        Assert.Contains("Sam Adeyemi: lead, Child protection social worker (since 3 Dec 2025)", ties);
        Assert.Contains("is-focus", ava.ClassList);

        var home = Row(table, "Turner household");
        Assert.Equal("Household", home.Children[0].TextContent);
        Assert.Equal("14 Elm Road", home.Children[2].TextContent);
    }

    [Fact]
    public async Task Step_out_from_a_row_raises_that_node()
    {
        var table = RenderTable(await demo.SceneAsync(Demo.Ava.Id));

        Row(table, "Margaret Hale").QuerySelector("button")!.Click();

        Assert.Equal([Demo.Margaret], expanded);
    }

    [Fact]
    public async Task Other_people_link_to_their_own_network_and_buttons_name_whom_they_step_out_from()
    {
        var table = RenderTable(await demo.SceneAsync(Demo.Ava.Id));

        Assert.Equal("/network/P005", Row(table, "Margaret Hale").QuerySelector("a")?.GetAttribute("href"));
        Assert.Null(Row(table, "Ava Turner").QuerySelector("a"));
        Assert.Null(Row(table, "Sam Adeyemi").QuerySelector("a"));
        Assert.Equal("Step out from Margaret Hale", Row(table, "Margaret Hale").QuerySelector("button")!.TextContent);
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<NetworkTable> table, string name) =>
        table.FindAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent == name);

    private IRenderedComponent<NetworkTable> RenderTable(Scene scene) => Render<NetworkTable>(p => p
        .Add(t => t.Scene, scene)
        .Add(t => t.OnExpand, node => expanded.Add(node)));
}
