using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Patchwork.Graph.Model;
using Patchwork.Web.Features.Meeting;
using Patchwork.Web.Features.Network;
using Patchwork.Web.Features.Network.Diagram;
using Patchwork.Web.Tests.Infrastructure;

namespace Patchwork.Web.Tests.Meeting;

public sealed class MeetingPageTests : BunitContext
{
    private readonly DemoStore demo;
    private readonly Patchwork.Web.Startup.StoreReadiness readiness = new();

    public MeetingPageTests(DemoStore demo)
    {
        this.demo = demo;
        this.AddTestServices();
        Services.AddSingleton(demo.Service<Patchwork.Graph.Changes.INetworkChangeFeed>());
        Services.AddSingleton(readiness);
        Services.AddScoped<Patchwork.Web.Features.Errors.StoreStatus>();
        readiness.MarkReady();
    }

    [Fact]
    public void Contact_details_and_addresses_are_hidden_until_the_presenter_shows_them()
    {
        var page = RenderMeeting(DemoStore.PractitionerEmail);

        AssertNothingToContact(page.Markup);
        Assert.Contains("Phone numbers, emails and addresses are hidden.", page.Find("[role=note]").TextContent, StringComparison.Ordinal);

        page.FindAll("button").Single(b => b.TextContent.Contains("Show contact details", StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() => Assert.Contains("tel:01632960001", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll(".pw-meeting-hidden"));
        Assert.Equal("Contact details and addresses shown.", page.Find(".visually-hidden[role=status]").TextContent);

        page.FindAll("button").Single(b => b.TextContent.Contains("Hide contact details", StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() => AssertNothingToContact(page.Markup));
    }

    [Fact]
    public void A_coordinator_presenting_shows_no_sensitive_service_even_with_contact_details_shown()
    {
        var page = RenderMeeting(DemoStore.CoordinatorEmail);
        page.FindAll("button").Single(b => b.TextContent.Contains("Show contact details", StringComparison.Ordinal)).Click();
        page.WaitForAssertion(() => Assert.Contains("tel:01632960001", page.Markup, StringComparison.Ordinal));

        Assert.DoesNotContain("Kieran", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Pathways", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_room_lists_the_professionals_on_the_diagram_lead_first_without_a_sensitive_placeholder()
    {
        var page = RenderMeeting(DemoStore.PractitionerEmail);

        var names = page.FindAll(".pw-room .pw-room-name").Select(n => n.TextContent).ToList();

        Assert.Equal("Sam Adeyemi", names[0]);
        Assert.Contains("Tom Reed", names);
        Assert.DoesNotContain(names, n => n.StartsWith("A sensitive service", StringComparison.Ordinal));
        Assert.Equal("Who is in the room", page.Find(".pw-room legend").TextContent);
    }

    [Fact]
    public void Ticking_a_professional_in_the_room_highlights_their_node_on_the_diagram_and_unticking_clears_it()
    {
        var page = RenderMeeting(DemoStore.PractitionerEmail);
        var tom = page.FindAll(".pw-room-choice").Single(c => c.TextContent.Contains("Tom Reed", StringComparison.Ordinal)).QuerySelector("input")!;

        tom.Change(true);

        page.WaitForAssertion(() => Assert.Equal(
            ["Professional: Tom Reed, Police Safeguarding Officer, Northvale Police, in the room"],
            page.FindAll(".pw-node.is-present").Select(n => n.GetAttribute("aria-label"))));

        page.FindAll(".pw-room-choice").Single(c => c.TextContent.Contains("Tom Reed", StringComparison.Ordinal)).QuerySelector("input")!.Change(false);

        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".pw-node.is-present")));
    }

    [Fact]
    public async Task Ticking_a_professional_in_the_room_tells_the_page_who_is_present()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);
        IReadOnlySet<NodeRef>? present = null;
        var room = Render<RoomFilter>(p => p
            .Add(r => r.Scene, scene)
            .Add(r => r.Present, new HashSet<NodeRef>())
            .Add(r => r.PresentChanged, (IReadOnlySet<NodeRef> now) => present = now));

        room.FindAll(".pw-room-choice").Single(c => c.TextContent.Contains("Tom Reed", StringComparison.Ordinal)).QuerySelector("input")!.Change(true);

        Assert.Equal([Demo.Tom], present);

        room.Render(p => p.Add(r => r.Present, present!));
        room.FindAll(".pw-room-choice").Single(c => c.TextContent.Contains("Tom Reed", StringComparison.Ordinal)).QuerySelector("input")!.Change(false);

        Assert.Empty(present!);
    }

    [Fact]
    public async Task A_professional_in_the_room_is_outlined_and_says_so_in_words()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);
        var actions = new RecordingDiagramActions(scene);
        actions.Highlighted.Add(Demo.Tom);

        var tom = RenderWidget(scene, Demo.Tom, actions).Find(".pw-node");
        var sam = RenderWidget(scene, Demo.Sam, actions).Find(".pw-node");

        Assert.Contains("is-present", tom.ClassList);
        Assert.Equal("\u2713 in the room", tom.QuerySelector(".pw-present")?.TextContent);
        Assert.EndsWith(", in the room", tom.GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.DoesNotContain("is-present", sam.ClassList);
        Assert.Null(sam.QuerySelector(".pw-present"));
    }

    [Fact]
    public void A_change_made_elsewhere_redraws_the_shared_screen_and_says_who_made_it()
    {
        var page = RenderMeeting(DemoStore.PractitionerEmail);
        Assert.Empty(page.FindAll(".pw-live"));

        demo.Service<Patchwork.Graph.Changes.INetworkChangeFeed>().Publish(new Patchwork.Graph.Changes.NetworkChanged(
            Demo.Chloe.Id, new Patchwork.Graph.Changes.NetworkRevision(99, "Priya Shah", new DateTimeOffset(2026, 7, 1, 9, 5, 0, TimeSpan.Zero))));

        page.WaitForAssertion(() => Assert.Equal("Updated: Priya Shah changed this network at 10:05.", page.Find(".pw-live[role=status]").TextContent), TimeSpan.FromSeconds(10));
        // Still the meeting's view: nothing to contact, the room list as it was.
        AssertNothingToContact(page.Markup);
        Assert.NotEmpty(page.FindAll(".pw-room .pw-room-name"));
    }

    private static void AssertNothingToContact(string markup)
    {
        Assert.DoesNotMatch(@"0(1632|7700)\s?9\d{5}", markup);
        Assert.DoesNotContain("tel:", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("mailto:", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("14 Elm Road", markup, StringComparison.Ordinal);
    }

    private IRenderedComponent<MeetingPage> RenderMeeting(string email)
    {
        Services.AddSingleton(demo.Explorer(email));
        // The canvas asks the browser for its size before it draws; a test has no browser, so it is told one.
        JSInterop.Setup<Blazor.Diagrams.Core.Geometry.Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true).SetResult(new Blazor.Diagrams.Core.Geometry.Rectangle(0, 0, 1200, 800));
        Render<MudPopoverProvider>();
        var page = Render<MeetingPage>(p => p.Add(m => m.PersonId, Demo.Ava.Id));
        page.WaitForElement(".pw-room", TimeSpan.FromSeconds(10));
        return page;
    }

    private IRenderedComponent<SceneNodeWidget> RenderWidget(Scene scene, NodeRef node, RecordingDiagramActions actions) =>
        Render<SceneNodeWidget>(p => p
            .AddCascadingValue<INetworkDiagramActions>(actions)
            .Add(w => w.Node, new SceneNodeModel(scene.Find(node)!, new Spot(0, 0)) { Scene = scene }));
}
