using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Patchwork.Graph.Model;
using Patchwork.Web.Features.Meeting;
using Patchwork.Web.Features.Network;
using Patchwork.Web.Features.Network.Diagram;
using Patchwork.Web.Tests.Infrastructure;

namespace Patchwork.Web.Tests.Components;

/// <summary>
/// A child's status where a practitioner looks first: the badge on the person's node, the line at the top of the
/// team panel with the numbers to call, the table view and the meeting screen. Ava Turner is on a child protection
/// plan since 3 Mar 2026 in the data (2 Apr 2026 once moved 30 days on), held by Northvale Children's Services.
/// </summary>
public sealed class StatusDisplayTests : BunitContext
{
    private readonly DemoStore demo;

    public StatusDisplayTests(DemoStore demo)
    {
        this.demo = demo;
        this.AddTestServices();
    }

    private static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_team_panel_starts_with_the_plan_the_agency_and_its_day_and_out_of_hours_numbers_to_call()
    {
        var panel = await RenderTeamAsync(Demo.Ava.Id, "Ava Turner", DemoStore.Today);

        var line = panel.Find(".pw-statuses .pw-status-line");
        Assert.Equal("Child protection plan since 2 Apr 2026 - Northvale Children's Services \u260e 01632 960100, out of hours \u260e 01632 961999", line.TextContent);
        var calls = line.QuerySelectorAll("a[href^='tel:']");
        Assert.Equal(["tel:01632960100", "tel:01632961999"], calls.Select(a => a.GetAttribute("href")));
        Assert.Equal(["Call Northvale Children's Services on 01632 960100", "Call Northvale Children's Services out of hours on 01632 961999"], calls.Select(a => a.GetAttribute("aria-label")));
        Assert.Equal("Status of Ava Turner", panel.Find(".pw-statuses").GetAttribute("aria-label"));
        // It comes before the team, right under the heading.
        Assert.Equal("H2", panel.Find(".pw-statuses").PreviousElementSibling?.TagName);
    }

    [Fact]
    public async Task A_child_with_no_status_has_no_status_line_and_an_ended_plan_shows_only_while_it_held()
    {
        var noah = await RenderTeamAsync(Demo.Noah.Id, "Noah Turner", DemoStore.Today);
        var masonToday = await RenderTeamAsync(Demo.Mason, "Mason Hughes", DemoStore.Today);
        var masonThen = await RenderTeamAsync(Demo.Mason, "Mason Hughes", DemoStore.Day(2025, 6, 1));

        Assert.Empty(noah.FindAll(".pw-status-line"));
        Assert.Empty(masonToday.FindAll(".pw-status-line"));
        Assert.StartsWith("Child protection plan since 12 Mar 2025, until 20 Dec 2025 - Northvale Children's Services", masonThen.Find(".pw-status-line").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_person_s_node_carries_a_CP_plan_badge_and_says_it_in_full_in_its_name()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);

        var node = RenderNode(scene, Demo.Ava).Find(".pw-node");

        var badge = node.QuerySelector(".pw-status")!;
        Assert.Equal("CP plan", badge.TextContent);
        Assert.Equal("Child protection plan", badge.GetAttribute("title"));
        Assert.Contains("Ava Turner, 12, client, CP plan (child protection plan)", node.GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Null(RenderNode(scene, Demo.Noah).Find(".pw-node").QuerySelector(".pw-status"));
    }

    [Fact]
    public async Task A_looked_after_child_s_badge_says_looked_after()
    {
        var scene = await demo.SceneAsync("P023");

        var node = RenderNode(scene, new NodeRef(NodeKind.Person, "P023")).Find(".pw-node");

        Assert.Equal("Looked after", node.QuerySelector(".pw-status")?.TextContent);
        Assert.Contains("client, looked after", node.GetAttribute("aria-label"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_table_view_says_the_status_in_the_person_s_row()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);

        var table = Render<NetworkTable>(p => p.Add(t => t.Scene, scene));

        var about = table.FindAll("tbody tr").Single(r => r.QuerySelector("th")?.TextContent == "Ava Turner").QuerySelectorAll("td")[1].TextContent;
        Assert.Contains("CP plan (child protection plan)", about, StringComparison.Ordinal);
    }

    [Fact]
    public void The_meeting_screen_shows_the_plan_and_its_numbers_only_once_the_presenter_shows_contact_details()
    {
        Services.AddSingleton(demo.Explorer(DemoStore.PractitionerEmail));
        var readiness = new Patchwork.Web.Startup.StoreReadiness();
        readiness.MarkReady();
        Services.AddSingleton(readiness);
        Services.AddSingleton(demo.Service<Patchwork.Graph.Changes.INetworkChangeFeed>());
        Services.AddScoped<Patchwork.Web.Features.Errors.StoreStatus>();
        JSInterop.Setup<Blazor.Diagrams.Core.Geometry.Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true).SetResult(new Blazor.Diagrams.Core.Geometry.Rectangle(0, 0, 1200, 800));
        Render<MudPopoverProvider>();
        var page = Render<MeetingPage>(p => p.Add(m => m.PersonId, Demo.Ava.Id));
        page.WaitForElement(".pw-room", TimeSpan.FromSeconds(10));

        Assert.Equal("Child protection plan since 2 Apr 2026 - Northvale Children's Services", page.Find(".pw-status-line").TextContent);
        Assert.Equal("CP plan", page.Find(".pw-node .pw-status").TextContent);

        page.FindAll("button").Single(b => b.TextContent.Contains("Show contact details", StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() => Assert.Contains("tel:01632961999", page.Find(".pw-status-line").InnerHtml, StringComparison.Ordinal));
    }

    private async Task<IRenderedComponent<TeamPanel>> RenderTeamAsync(string personId, string name, DateOnly asOf)
    {
        var picture = await demo.Network.OpenAsync(await demo.ViewerAsync(), personId, asOf, 1, Cancellation);
        return Render<TeamPanel>(p => p
            .Add(t => t.FocusName, name)
            .Add(t => t.AsOf, asOf)
            .Add(t => t.Team, picture.Team)
            .Add(t => t.Statuses, picture.StatusesOf(personId)));
    }

    private IRenderedComponent<SceneNodeWidget> RenderNode(Scene scene, NodeRef node)
    {
        var model = new SceneNodeModel(scene.Find(node) ?? throw new InvalidOperationException($"{node} is not in the scene"), new Spot(0, 0)) { Scene = scene };
        return Render<SceneNodeWidget>(p => p.Add(w => w.Node, model));
    }
}
