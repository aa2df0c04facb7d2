using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests;

public sealed class NetworkPageTests(PatchworkApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Avas_network_draws_her_family_team_and_agencies()
    {
        await OpenAsync("/network/P001");

        foreach (var name in new[] { "Person: Ava Turner", "Person: Chloe Turner", "Person: Noah Turner", "Person: Liam Turner", "Person: Margaret Hale", "Professional: Sam Adeyemi", "Agency: Northvale Children's Services" })
        {
            await Expect(Node(name)).ToBeVisibleAsync();
        }

        await Expect(Node("Person: Ava Turner")).ToHaveAccessibleNameAsync(new Regex("focus of this network"));
        await Expect(Node("Professional: Sam Adeyemi")).ToHaveAccessibleNameAsync(new Regex("^Professional: Sam Adeyemi, lead, "));
    }

    [Fact]
    public async Task Every_node_of_the_network_in_the_store_is_drawn_and_named()
    {
        var expected = await DrawnNetwork.OfAsync(App.Network, App.Viewer, "P001", App.Today);

        await OpenAsync("/network/P001");

        foreach (var label in expected.Labels)
        {
            await Expect(Node(label)).ToHaveCountAsync(1);
        }

        await Expect(Page.Locator("[data-node-key]")).ToHaveCountAsync(expected.Nodes.Count);
    }

    [Fact]
    public async Task Every_tie_of_the_network_in_the_store_is_drawn_as_a_line_with_a_path()
    {
        var expected = await DrawnNetwork.OfAsync(App.Network, App.Viewer, "P001", App.Today);
        Assert.True(expected.Links > 10, $"The demo network should have plenty of ties; the store gave {expected.Links}.");

        await OpenAsync("/network/P001");

        await Expect(Page.Locator(".diagram-link")).ToHaveCountAsync(expected.Links);
        await Expect(Page.Locator(".diagram-link path.pw-tie[d]")).ToHaveCountAsync(expected.Links);
        var paths = await Page.Locator(".diagram-link path.pw-tie").EvaluateAllAsync<string[]>("paths => paths.map(p => p.getAttribute('d') ?? '')");
        Assert.All(paths, d => Assert.Matches(@"^M\s*-?\d", d));
    }

    [Fact]
    public async Task The_team_panel_shows_the_lead_first_with_a_phone_link_last_contact_and_next_visit()
    {
        await OpenAsync("/network/P001");

        var team = Page.GetByRole(AriaRole.Region, new() { Name = "Team around Ava Turner" });
        var cards = team.GetByRole(AriaRole.Listitem);
        var sam = cards.First;
        await Expect(sam.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToHaveTextAsync(new Regex("^Sam Adeyemi\\s*\u2605 lead$"));
        var phone = sam.GetByRole(AriaRole.Link, new() { Name = "Call Sam Adeyemi on 01632 960001" });
        await Expect(phone).ToHaveAttributeAsync("href", "tel:01632960001");
        await Expect(sam).ToContainTextAsync("01632 960001");

        // Sam visited 12 days before the reference date and visits next 9 days after it (moved to today).
        var visited = DemoData.Shifted(App.Today, 2026, 5, 20);
        var next = DemoData.Shifted(App.Today, 2026, 6, 10);
        await Expect(sam).ToContainTextAsync($"Last contact: visit, {Day(visited)} (12 days ago)");
        await Expect(sam).ToContainTextAsync(new Regex($"Next visit: visit, {Regex.Escape(Day(next))}, \\d\\d:00"));
        await Expect(team).ToContainTextAsync("3 professionals");
    }

    [Fact]
    public async Task An_unknown_person_reads_to_a_practitioner_as_a_network_not_open_to_them()
    {
        // Telling "no such id" from "not yours" would let a practitioner find out which ids exist.
        await OpenAsync("/network/NOPE");

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This network is not open to you");
        await Expect(Page.GetByText("There is no person with the id")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_table_view_has_a_row_headed_by_each_node()
    {
        var expected = await DrawnNetwork.OfAsync(App.Network, App.Viewer, "P001", App.Today);
        await OpenAsync("/network/P001");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Table view" }).ClickAsync();

        var table = Page.GetByRole(AriaRole.Table, new() { Name = "Everyone in this network" });
        await Expect(table).ToBeVisibleAsync();
        await Expect(table.GetByRole(AriaRole.Rowheader)).ToHaveCountAsync(expected.Nodes.Count);
        foreach (var node in expected.Nodes)
        {
            await Expect(table.GetByRole(AriaRole.Rowheader, new() { Name = node.DisplayName, Exact = true })).ToHaveCountAsync(1);
        }

        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Table view" })).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(Page.Locator(".diagram-link")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_household_page_lists_who_lives_there_today()
    {
        await OpenAsync("/household/H001");

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Household: Turner household");
        var list = Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.List);
        foreach (var name in new[] { "Ava Turner", "Chloe Turner", "Noah Turner" })
        {
            await Expect(list.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
        }

        await Expect(list.GetByRole(AriaRole.Link, new() { Name = "Liam Turner" })).ToHaveCountAsync(0);
        await Expect(list.GetByRole(AriaRole.Link, new() { Name = "Ava Turner" })).ToHaveCSSAsync("text-decoration-line", "underline");
    }

    private static string Day(DateOnly date) => date.ToString("d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}
