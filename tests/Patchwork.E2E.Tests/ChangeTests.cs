using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests;

/// <summary>Keeping the picture current: changes made in the browser, seen in another browser without a reload.</summary>
public sealed class ChangeTests(ChangeableApp app) : BrowserTest(app), IClassFixture<ChangeableApp>
{
    /// <summary>The figure: every open view shows a change within 2 seconds.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions WithinTwoSeconds = new() { Timeout = 2_000 };

    [Fact]
    public async Task A_practitioner_adds_a_new_client_in_one_short_flow()
    {
        await OpenAsync("/");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Add a client" }).First.ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Add a client" })).ToBeVisibleAsync();

        await Page.GetByLabel("Given name").FillAsync("Leo");
        await Page.GetByLabel("Family name").FillAsync("Hartley");
        var born = Page.GetByRole(AriaRole.Group, new() { Name = "Date of birth (if known)" });
        await born.GetByLabel("Day").FillAsync("9");
        await born.GetByLabel("Month").FillAsync("4");
        await born.GetByLabel("Year").FillAsync("2016");
        await Page.GetByLabel("Your role with them").FillAsync("Social worker");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add client" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/network/P-[0-9A-F]{8}"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex("^Leo Hartley, \\d+$"));
        await Expect(Node("Household: Hartley household")).ToBeVisibleAsync();
        await Expect(Page.Locator(".pw-team li.pw-card h3")).ToHaveTextAsync(["Sam Adeyemi"]);
    }

    [Fact]
    public async Task A_change_in_one_browser_appears_in_another_on_the_same_network_without_a_reload()
    {
        // Sam watches Ava's network; the coordinator, in another browser, adds a family support worker to her team.
        await OpenAsync("/network/P001");
        await using var coordinator = await OtherBrowserAsync(DemoData.CoordinatorEmail, "/network/P001");

        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Add to team" }).ClickAsync();
        await coordinator.GetByLabel("Find by name").FillAsync("Helen Marsh");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Expect(coordinator.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("^Helen Marsh") })).ToBeCheckedAsync();
        await coordinator.GetByLabel("Their role with the client").FillAsync("Family support worker");
        await coordinator.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Add to team" }).ClickAsync();
        await Expect(coordinator.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        await Expect(Page.Locator(".pw-team li.pw-card h3", new() { HasText = "Helen Marsh" })).ToBeVisibleAsync(WithinTwoSeconds);
        await Expect(Node("Professional: Helen Marsh")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Jo Whitfield changed this network" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_second_of_two_people_handing_over_the_lead_at_once_is_told_and_nothing_is_lost()
    {
        await OpenAsync("/network/P001");
        await using var coordinator = await OtherBrowserAsync(DemoData.CoordinatorEmail, "/network/P001");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Hand over lead" }).ClickAsync();
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Hand over lead" }).ClickAsync();

        await coordinator.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("^Tom Reed") }).CheckAsync();
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Hand over", Exact = true }).ClickAsync();
        await Expect(coordinator.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        await Page.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("^Priya Shah") }).CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Hand over", Exact = true }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Alert)).ToContainTextAsync("Jo Whitfield changed this network");
        await Expect(Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Alert)).ToContainTextAsync("not saved");
        var team = await App.Store.GetTeamAsync("P001", App.Today, Cancellation);
        Assert.Equal("PR003", team.Single(m => m.IsLead).Professional.Id);
    }

    [Fact]
    public async Task An_invited_professional_sees_the_invitation_after_signing_in_and_accepting_joins_the_team()
    {
        // Noah Turner (P003) is Ava's brother; Sam invites Claire Dawson, a social worker on no Turner team.
        await OpenAsync("/network/P001");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        await Page.GetByLabel("Find by name").FillAsync("Claire Dawson");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Page.GetByLabel("Their role on the team").FillAsync("Duty social worker");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Expect(Page.Locator(".pw-invited")).ToContainTextAsync("Claire Dawson as Duty social worker");

        await using var claire = await OtherBrowserAsync("claire.dawson@northvale.gov.uk", "/");
        await Expect(claire.GetByRole(AriaRole.Heading, new() { Name = "You are invited into 1 team" })).ToBeVisibleAsync();
        await claire.GetByRole(AriaRole.Button, new() { Name = "Accept the invitation to Ava Turner's team" }).ClickAsync();
        await Expect(claire.GetByRole(AriaRole.Status)).ToContainTextAsync("Accepted");

        await Expect(Page.Locator(".pw-team li.pw-card h3", new() { HasText = "Claire Dawson" })).ToBeVisibleAsync(WithinTwoSeconds);
        Assert.Contains(await App.Store.GetTeamAsync("P001", App.Today, Cancellation), m => m.Professional.Id == "PR012" && m.Involvement.Role == "Duty social worker");
    }

    [Fact]
    public async Task A_coordinator_assigns_a_lead_to_a_client_without_one_and_the_dashboard_in_another_window_counts_one_fewer()
    {
        // The coordinator keeps the dashboard open in one window and works in another.
        var before = await App.Store.CountClientsWithoutLeadAsync(App.Today, Cancellation);
        await using var dashboard = await OtherBrowserAsync(DemoData.CoordinatorEmail, "/coordinator");
        var count = dashboard.GetByRole(AriaRole.Navigation, new() { Name = "Coordinator's lists" }).GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Clients without a lead$") });
        await Expect(count).ToHaveAccessibleNameAsync($"{before} Clients without a lead");

        await using var work = await OtherBrowserAsync(DemoData.CoordinatorEmail, "/coordinator?list=no-lead");
        await work.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link, new() { Name = "Mason Hughes" }).ClickAsync();
        await Expect(work.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex("^Mason Hughes"));
        await work.GetByRole(AriaRole.Button, new() { Name = "Assign a lead" }).ClickAsync();
        await work.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("^Priya Shah") }).CheckAsync();
        await work.GetByRole(AriaRole.Button, new() { Name = "Assign lead" }).ClickAsync();
        await Expect(work.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(work.Locator(".pw-team li.pw-card.is-lead h3")).ToContainTextAsync("Priya Shah");

        await Expect(count).ToHaveAccessibleNameAsync($"{before - 1} Clients without a lead", new() { Timeout = 2_000 });
    }

    /// <summary>A second signed-in browser context on the same app, at a page, closed when disposed.</summary>
    private async Task<OtherBrowser> OtherBrowserAsync(string email, string path)
    {
        var context = await SignedInContextAsync(email);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        return new OtherBrowser(context, page);
    }
}
