using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests;

/// <summary>
/// Ava Turner is on a child protection plan: her lead social worker sees it on her node, at the top of the team
/// panel with the numbers to call, and on the meeting screen, as the store has it.
/// </summary>
public sealed class StatusTests(PatchworkApp app) : BrowserTest(app)
{
    private string Since => DemoData.Shifted(App.Today, 2026, 3, 3).ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    [Fact]
    public async Task Avas_node_has_a_CP_plan_badge_and_the_team_panel_starts_with_the_plan_and_the_numbers_to_call()
    {
        var stored = Assert.Single(await App.Store.GetStatusesAsync(["P001"], App.Today, Cancellation));
        Assert.Equal(Patchwork.Graph.Model.CareStatus.ChildProtectionPlan, stored.Status.Status);

        await OpenAsync("/network/P001");

        var ava = Node("Person: Ava Turner");
        await Expect(ava.Locator(".pw-status")).ToHaveTextAsync("CP plan");
        await Expect(ava).ToHaveAccessibleNameAsync(new Regex(@"CP plan \(child protection plan\)"));
        await Expect(Node("Person: Noah Turner").Locator(".pw-status")).ToHaveCountAsync(0);

        var line = Page.GetByLabel("Status of Ava Turner");
        await Expect(line).ToHaveTextAsync($"Child protection plan since {Since} - Northvale Children's Services \u260e 01632 960100, out of hours \u260e 01632 961999");
        await Expect(line.GetByRole(AriaRole.Link, new() { Name = "Call Northvale Children's Services out of hours on 01632 961999" })).ToHaveAttributeAsync("href", "tel:01632961999");
        await Expect(line.GetByRole(AriaRole.Link, new() { Name = "Call Northvale Children's Services on 01632 960100" })).ToHaveAttributeAsync("href", "tel:01632960100");
        await AssertNoViolationsAsync();
    }

    [Fact]
    public async Task The_team_panel_says_the_lead_saw_Ava_alone_on_his_last_visit()
    {
        await OpenAsync("/network/P001");

        var sam = Page.Locator("li.pw-card").Filter(new() { HasText = "Sam Adeyemi" });
        await Expect(sam).ToContainTextAsync(new Regex(@"Last contact: visit, \d{1,2} \w{3} \d{4} \(\d+ days ago\), seen alone"));
    }

    [Fact]
    public async Task The_meeting_screen_shows_the_plan_and_its_numbers_once_the_presenter_shows_contact_details()
    {
        await OpenAsync("/meeting/P001");

        var line = Page.GetByLabel("Status of Ava Turner");
        await Expect(line).ToHaveTextAsync($"Child protection plan since {Since} - Northvale Children's Services");
        await Expect(Node("Person: Ava Turner").Locator(".pw-status")).ToHaveTextAsync("CP plan");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Show contact details" }).ClickAsync();

        await Expect(line.GetByRole(AriaRole.Link, new() { Name = "Call Northvale Children's Services out of hours on 01632 961999" })).ToBeVisibleAsync();
    }
}
