using Bunit;
using Patchwork.Graph.Model;
using Patchwork.Web.Features.Network;
using Patchwork.Web.Tests.Infrastructure;

namespace Patchwork.Web.Tests.Components;

public sealed class NodeDetailsTests : BunitContext
{
    private readonly DemoStore demo;
    private readonly List<string> raised = [];

    public NodeDetailsTests(DemoStore demo)
    {
        this.demo = demo;
        this.AddTestServices();
    }

    [Fact]
    public async Task A_person_shows_date_of_birth_age_ties_and_a_link_to_their_own_network()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);

        var details = RenderDetails(scene, Demo.Margaret);

        Assert.Equal("Person: Margaret Hale", details.Find("h2").TextContent);
        Assert.Contains("Born 29 Aug 1955 (age 70)", details.FindAll("p").Select(p => p.TextContent));
        Assert.Contains("grandparent of Ava Turner (since 13 Apr 2014)", details.FindAll(".pw-ties li").Select(li => li.TextContent));
        var open = details.FindAll("a").Single(a => a.TextContent.Contains("Open Margaret Hale's network", StringComparison.Ordinal));
        Assert.Equal("/network/P005", open.GetAttribute("href"));
    }

    [Fact]
    public async Task Expand_collapse_and_back_raise_their_callbacks()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);

        Button(RenderDetails(scene, Demo.Margaret, expanded: false), "Expand (step out)").Click();
        Button(RenderDetails(scene, Demo.Margaret, expanded: true), "Collapse").Click();
        Button(RenderDetails(scene, Demo.Margaret, expanded: true), "Back to the team").Click();

        Assert.Equal(["expand", "collapse", "close"], raised);
    }

    [Fact]
    public async Task A_professional_shows_job_agency_phone_and_email()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);

        var details = RenderDetails(scene, Demo.Sam);

        Assert.Equal("Professional: Sam Adeyemi", details.Find("h2").TextContent);
        Assert.Contains("Social Worker \u00b7 Northvale Children's Services", details.FindAll("p").Select(p => p.TextContent.Trim()));
        Assert.Equal("tel:01632960001", details.Find("a[href^='tel:']").GetAttribute("href"));
        Assert.Equal("mailto:sam.adeyemi@northvale.gov.uk", details.Find("a[href^='mailto:']").GetAttribute("href"));
        Assert.DoesNotContain(details.FindAll("a"), a => a.TextContent.Contains("network", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_household_shows_its_name_and_address()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);

        var details = RenderDetails(scene, Demo.TurnerHousehold);

        Assert.Equal("Household: Turner household", details.Find("h2").TextContent);
        Assert.Contains("14 Elm Road, NV1 2AB", details.FindAll("p").Select(p => p.TextContent));
        Assert.Contains("home of Ava Turner (since 13 Apr 2014)", details.FindAll(".pw-ties li").Select(li => li.TextContent));
    }

    [Fact]
    public async Task A_sensitive_agency_says_so()
    {
        var scene = await demo.SceneAsync(Demo.Liam.Id);

        var details = RenderDetails(scene, new NodeRef(NodeKind.Agency, "A12"));

        Assert.Equal("Agency: Pathways Recovery", details.Find("h2").TextContent);
        Assert.Contains("Drug and alcohol service \u00b7 sensitive service", details.FindAll("p").Select(p => p.TextContent.Trim()));
    }

    private static AngleSharp.Dom.IElement Button(IRenderedComponent<NodeDetails> details, string text) =>
        details.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private IRenderedComponent<NodeDetails> RenderDetails(Scene scene, NodeRef node, bool expanded = false) => Render<NodeDetails>(p => p
        .Add(d => d.Node, scene.Find(node)!)
        .Add(d => d.Scene, scene)
        .Add(d => d.Expanded, expanded)
        .Add(d => d.OnExpand, () => raised.Add("expand"))
        .Add(d => d.OnCollapse, () => raised.Add("collapse"))
        .Add(d => d.OnClose, () => raised.Add("close")));
}
