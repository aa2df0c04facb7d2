using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Patchwork.Graph.Coordination;
using Patchwork.Web.Features.Coordinator;
using Patchwork.Web.Tests.Infrastructure;

namespace Patchwork.Web.Tests.Components;

/// <summary>The coordinator dashboard on the demo district, on Wednesday 1 July 2026 (the demo's story moved 30 days on).</summary>
public sealed class CoordinatorPageTests : BunitContext
{
    private const string AsAt = "2026-07-01";
    private readonly DemoStore demo;

    public CoordinatorPageTests(DemoStore demo)
    {
        this.demo = demo;
        this.AddTestServices();
        Services.AddSingleton(demo.Coordinator);
        Services.AddSingleton(demo.Network);
        Services.AddSingleton(demo.Service<Patchwork.Graph.Changes.INetworkChangeFeed>());
        Services.AddSingleton(demo.Service<Patchwork.Graph.Feed.FeedService>());
    }

    private static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_cards_count_every_list_and_link_to_it_at_the_date()
    {
        var (monday, sunday) = CoordinatorLists.WeekOf(DemoStore.Today);
        var planned = await demo.Store.CountPlannedContactsAsync(monday, sunday, Cancellation);

        var cards = Open().FindAll("nav[aria-label=\"Coordinator's lists\"] a");

        Assert.Equal(
            ["5 Clients without a lead", "1 Lead ended in the last 30 days", "1 3 or more agencies, no lead", "1 Concerns from 2 or more agencies", "3 No contact for 90 days", $"{planned} Planned visits this week"],
            cards.Select(c => $"{c.QuerySelector(".pw-list-card-count")!.TextContent} {c.QuerySelector(".pw-list-card-title")!.TextContent}"));
        Assert.True(planned >= 3, "The demo's reference day has two planned visits and the next day more.");
        Assert.Equal(
            ["no-lead", "lead-ended", "many-agencies", "concerns", "no-contact", "planned-visits"],
            cards.Select(c => c.GetAttribute("href")!).Select(href => href.Split("list=")[1].Split('&')[0]));
        Assert.All(cards, c => Assert.EndsWith($"&asAt={AsAt}", c.GetAttribute("href"), StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_list_chosen_the_clients_without_a_lead_are_open()
    {
        var page = Open();

        Assert.Equal("true", page.Find("a[aria-current]").GetAttribute("aria-current"));
        Assert.Contains("Clients without a lead", page.Find("a[aria-current]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Clients without a lead", page.Find("h2").TextContent);
        Assert.Equal(["Mason Hughes", "Evie Marshall", "Dylan Morgan", "Edith Morley", "Charlie Wilson"], Clients(page));
        Assert.Equal("5 clients on 1 Jul 2026.", page.Find("p[role=status]").TextContent);
    }

    [Fact]
    public void Lead_ended_shows_when_it_ended_and_who_the_lead_was()
    {
        var page = Open("lead-ended");

        Assert.Equal(["Client", "Date of birth", "Lead ended", "Lead was", "Their role"], Headings(page));
        Assert.Equal(["Evie Marshall", "14 Jun 2026", "Marcus Bell", "Early help family support worker"], Cells(page, 0).Where((_, i) => i != 1));
    }

    [Fact]
    public void No_contact_shows_the_last_contact_and_how_long_ago()
    {
        var page = Open("no-contact");

        Assert.Equal(["Dylan Morgan", "Edith Morley", "Leah Roberts"], Clients(page));
        // Edith's district nurse last visited on 2026-01-20 in the files: moved 30 days on, 132 days before 1 July.
        Assert.Equal(["Edith Morley", "19 Feb 2026", "132", "visit"], Cells(page, 1).Where((_, i) => i != 1));
    }

    [Fact]
    public async Task Planned_visits_run_from_Monday_to_Sunday_with_professional_agency_and_time()
    {
        var (monday, sunday) = CoordinatorLists.WeekOf(DemoStore.Today);
        var planned = await demo.Store.CountPlannedContactsAsync(monday, sunday, Cancellation);

        var page = Open("planned-visits");

        Assert.Equal($"{planned} planned contacts from Monday 29 Jun 2026 to Sunday 5 Jul 2026.", page.Find("p[role=status]").TextContent);
        Assert.Equal(["Client", "When", "Professional", "Agency", "Kind"], Headings(page));
        // Joanne Price's visit to Edith at 15:00 UTC on the demo's reference day, shown in British Summer Time.
        Assert.Equal(["Edith Morley", "1 Jul 2026, 16:00", "Joanne Price", "NHS Northvale Community Health", "visit"], Cells(page, 0));
        Assert.Equal(planned, page.FindAll("tbody tr").Count);
    }

    [Fact]
    public void Each_client_links_to_their_network_at_the_date_and_the_list_downloads_at_the_date()
    {
        var page = Open("no-contact");

        Assert.Equal($"/network/P119?asAt={AsAt}", page.Find("tbody a").GetAttribute("href"));
        Assert.Equal($"/coordinator/no-contact.csv?asAt={AsAt}", page.Find("a[download]").GetAttribute("href"));
        Assert.Equal("Download this list as CSV", page.Find("a[download]").TextContent);
    }

    [Fact]
    public void The_filter_keeps_the_rows_whose_client_or_text_matches()
    {
        var page = Open();

        page.Find(".pw-filter-box input").Input("morl");

        page.WaitForAssertion(() => Assert.Equal(["Edith Morley"], Clients(page)));
    }

    [Fact]
    public void A_practitioner_is_told_the_lists_are_for_coordinators_and_sees_none()
    {
        var page = Open(email: DemoStore.PractitionerEmail);

        Assert.Contains("coordinators only", page.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("nav a"));
        Assert.Empty(page.FindAll("table"));
    }

    [Fact]
    public async Task A_practitioner_refused_the_lists_is_recorded_once_and_not_again_on_reload()
    {
        var before = await RefusalsOfSamAsync();

        var page = Open(email: DemoStore.PractitionerEmail);
        Assert.Equal(before + 1, await RefusalsOfSamAsync());

        await page.InvokeAsync(page.Instance.ReloadAsync);
        Assert.Equal(before + 1, await RefusalsOfSamAsync());
    }

    private async Task<int> RefusalsOfSamAsync() =>
        (await demo.Audit.RecentAsync(10_000, Cancellation)).Count(r => r.Entry.Action == "refused" && r.Entry.Target == "coordinator" && r.Entry.ActorName == "Sam Adeyemi");

    [Fact]
    public async Task ReloadAsync_reads_the_open_list_again_and_records_the_view()
    {
        var page = Open("many-agencies");
        var before = await ViewsOfMasonAsync();

        await page.InvokeAsync(page.Instance.ReloadAsync);

        Assert.Equal(["Mason Hughes"], Clients(page));
        Assert.Equal(before + 1, await ViewsOfMasonAsync());
    }

    private async Task<int> ViewsOfMasonAsync() =>
        (await demo.Audit.ForPersonAsync(Demo.Mason, cancellationToken: Cancellation)).Count(r => r.Entry.Action == "view-many-agencies");

    [Theory]
    [InlineData("list=nonsense&asAt=2026-07-01", "There is no list 'nonsense'; showing clients without a lead.")]
    [InlineData("asAt=9999-12-31", "The date 9999-12-31 is outside the records (1900-01-01 to 2031-07-01); showing today.")]
    [InlineData("asAt=2026-02-30", "The date '2026-02-30' could not be read (the address wants YYYY-MM-DD); showing today.")]
    [InlineData("asAt=0001-01-01&asAt=2026-07-01", "The date 0001-01-01 is outside the records (1900-01-01 to 2031-07-01); showing today.")]
    public void An_address_it_cannot_use_opens_the_first_list_today_and_says_why(string query, string notice)
    {
        Services.AddSingleton(demo.SignedIn(DemoStore.CoordinatorEmail));
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/coordinator?{query}");

        var page = Render<CoordinatorPage>();

        page.WaitForAssertion(() => Assert.Equal("Clients without a lead", page.Find("h2").TextContent));
        Assert.Equal(notice, page.Find(".pw-address-notice").TextContent);
        Assert.Equal("5 clients on 1 Jul 2026.", page.Find("p[role=status]").TextContent);
    }

    private IRenderedComponent<CoordinatorPage> Open(string? list = null, string email = DemoStore.CoordinatorEmail)
    {
        Services.AddSingleton(demo.SignedIn(email));
        Services.GetRequiredService<NavigationManager>().NavigateTo(list is null ? $"/coordinator?asAt={AsAt}" : $"/coordinator?list={list}&asAt={AsAt}");
        var page = Render<CoordinatorPage>();
        page.WaitForAssertion(() =>
        {
            Assert.DoesNotContain(page.FindAll("p[role=status]"), p => p.TextContent == "Counting...");
            Assert.True(page.FindAll(".pw-open-list").Count > 0 || page.FindAll("[role=alert]").Count > 0, "The open list (or the refusal) is drawn.");
        });
        return page;
    }

    private static string[] Headings(IRenderedComponent<CoordinatorPage> page) => [.. page.FindAll("thead th").Select(th => th.TextContent.Trim())];

    private static string[] Clients(IRenderedComponent<CoordinatorPage> page) => [.. page.FindAll("tbody tr td:first-child a").Select(a => a.TextContent)];

    private static string[] Cells(IRenderedComponent<CoordinatorPage> page, int row) =>
        [.. page.FindAll("tbody tr")[row].QuerySelectorAll("td").Select((IElement td) => td.TextContent.Trim())];
}
