using AngleSharp.Dom;
using Bunit;
using Patchwork.Web.Features.Network;
using Patchwork.Web.Tests.Infrastructure;

namespace Patchwork.Web.Tests.Components;

public sealed class TeamPanelTests : BunitContext
{
    private readonly DemoStore demo;

    public TeamPanelTests(DemoStore demo)
    {
        this.demo = demo;
        this.AddTestServices();
    }

    private static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_lead_comes_first_with_role_agency_and_a_star()
    {
        var cards = (await RenderTeamAsync("P001", "Ava Turner")).FindAll("li.pw-card");

        Assert.Equal(["Sam Adeyemi", "Tom Reed", "Priya Shah"], cards.Select(c => c.QuerySelector("h3")!.FirstChild!.TextContent.Trim()));
        Assert.Contains("is-lead", cards[0].ClassList);
        Assert.Equal("\u2605 lead", cards[0].QuerySelector(".pw-lead")?.TextContent);
        Assert.All(cards.Skip(1), c => Assert.Null(c.QuerySelector(".pw-lead")));
        Assert.Contains("Child protection social worker \u00b7 Northvale Children's Services", Paragraphs(cards[0]));
    }

    [Fact]
    public async Task Each_professional_can_be_called_and_emailed()
    {
        var sam = (await RenderTeamAsync("P001", "Ava Turner")).FindAll("li.pw-card")[0];

        var phone = sam.QuerySelector("a[href^='tel:']")!;
        Assert.Equal("tel:01632960001", phone.GetAttribute("href"));
        Assert.Equal("Call Sam Adeyemi on 01632 960001", phone.GetAttribute("aria-label"));
        Assert.Contains("01632 960001", phone.TextContent, StringComparison.Ordinal);
        Assert.Equal("mailto:sam.adeyemi@northvale.gov.uk", sam.QuerySelector("a[href^='mailto:']")?.GetAttribute("href"));
    }

    [Fact]
    public async Task Last_contact_says_how_and_how_long_ago_and_next_visit_when()
    {
        var cards = (await RenderTeamAsync("P001", "Ava Turner")).FindAll("li.pw-card");

        // In the data Sam visited on 2026-05-20 13:00Z and visits next on 2026-06-10 14:00Z; Priya phoned on
        // 2026-04-15 and visits on 2026-07-01 09:00Z. Moved 30 days on, and shown in British Summer Time.
        Assert.Contains("Last contact: visit, 19 Jun 2026 (12 days ago), seen alone", Paragraphs(cards[0]));
        Assert.Contains("Next visit: visit, 10 Jul 2026, 15:00", Paragraphs(cards[0]));
        Assert.Contains("Last contact: phone, 15 May 2026 (47 days ago)", Paragraphs(cards[2]));
        Assert.Contains("Next visit: visit, 31 Jul 2026, 10:00", Paragraphs(cards[2]));
    }

    [Fact]
    public async Task A_professional_with_no_contacts_has_none_recorded_and_none_planned()
    {
        var tom = (await RenderTeamAsync("P001", "Ava Turner")).FindAll("li.pw-card")[1];

        Assert.Contains("Last contact: none recorded", Paragraphs(tom));
        Assert.Contains("Next visit: none planned", Paragraphs(tom));
        Assert.Contains("pw-muted", tom.QuerySelectorAll("p").Single(p => p.TextContent.StartsWith("Next visit", StringComparison.Ordinal)).ClassList);
    }

    [Fact]
    public async Task The_summary_counts_professionals_and_agencies_on_the_date()
    {
        var panel = await RenderTeamAsync("P001", "Ava Turner");

        Assert.Equal("Team around Ava Turner", panel.Find("h2").TextContent);
        Assert.Equal("as at 1 Jul 2026 \u00b7 3 professionals \u00b7 3 agencies", panel.Find(".pw-team-summary").TextContent);
        Assert.Empty(panel.FindAll("[role=note]"));
    }

    [Fact]
    public async Task A_client_with_several_agencies_and_no_lead_is_flagged()
    {
        var panel = await RenderTeamAsync(Demo.Mason, "Mason Hughes");

        Assert.Equal("No lead professional on this date.", panel.Find("[role=note]").TextContent);
        Assert.Equal(4, panel.FindAll("li.pw-card").Count);
        Assert.Empty(panel.FindAll(".pw-lead"));
    }

    [Fact]
    public async Task A_person_no_one_is_involved_with_has_an_empty_team()
    {
        var panel = await RenderTeamAsync(Demo.Noah.Id, "Noah Turner");

        Assert.Contains("No professional is involved on this date.", panel.Markup, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("li.pw-card"));
        Assert.Empty(panel.FindAll("[role=note]"));
    }

    [Fact]
    public async Task A_sensitive_involvement_is_marked()
    {
        // Kieran Lynch of Pathways Recovery (a sensitive service) with Liam.
        var kieran = (await RenderTeamAsync(Demo.Liam.Id, "Liam Turner")).FindAll("li.pw-card").Single(c => c.TextContent.Contains("Kieran Lynch", StringComparison.Ordinal));

        Assert.Equal("Sensitive service: do not share outside this team.", kieran.QuerySelector(".pw-sensitive")?.TextContent);
    }

    [Fact]
    public async Task A_sensitive_service_outside_the_viewers_agency_shows_only_as_a_notice()
    {
        // Sam is not on Liam's team: he states a reason first, as the page asks him to.
        var sam = await demo.ViewerAsync(DemoStore.PractitionerEmail);
        await demo.Network.BreakGlassAsync(sam, Demo.Liam.Id, "Ava's father: checking who supports him before the core group meeting.", Cancellation);
        var team = (await demo.Network.OpenAsync(sam, Demo.Liam.Id, DemoStore.Today, 1, Cancellation)).Team;
        var panel = Render<TeamPanel>(p => p.Add(t => t.FocusName, "Liam Turner").Add(t => t.AsOf, DemoStore.Today).Add(t => t.Team, team));

        Assert.DoesNotContain("Kieran", panel.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Pathways", panel.Markup, StringComparison.Ordinal);
        var notice = panel.FindAll("li.pw-card").Single(c => c.TextContent.Contains("A sensitive service is involved", StringComparison.Ordinal));
        Assert.Equal("Contact via the coordinator.", notice.QuerySelector(".pw-sensitive")?.TextContent);
        Assert.Empty(notice.QuerySelectorAll("a[href^='tel:']"));
    }

    private static List<string> Paragraphs(IElement card) => [.. card.QuerySelectorAll("p").Select(p => p.TextContent.Trim())];

    private async Task<IRenderedComponent<TeamPanel>> RenderTeamAsync(string personId, string name)
    {
        var team = (await demo.Network.OpenAsync(await demo.ViewerAsync(), personId, DemoStore.Today, 1, Cancellation)).Team;
        return Render<TeamPanel>(p => p
            .Add(t => t.FocusName, name)
            .Add(t => t.AsOf, DemoStore.Today)
            .Add(t => t.Team, team));
    }
}
