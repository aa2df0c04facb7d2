using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests;

public sealed class TimeTravelTests(PatchworkApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Setting_the_date_a_year_back_draws_the_network_of_that_day()
    {
        var yearAgo = App.Today.AddYears(-1);
        var now = await DrawnNetwork.OfAsync(App.Network, App.Viewer, "P001", App.Today);
        var then = await DrawnNetwork.OfAsync(App.Network, App.Viewer, "P001", yearAgo);
        // In the files Tom Reed joined on 2026-04-20 and Helen Marsh led from 2024-10-01 to 2025-10-01: a year
        // before the reference date one was not yet involved and the other was.
        Assert.Null(then.Find(DemoData.TomReed));
        Assert.NotNull(then.Find(DemoData.HelenMarsh));
        await OpenAsync("/network/P001");

        var asAt = Page.GetByRole(AriaRole.Group, new() { Name = "As at" });
        await asAt.GetByLabel("Day").FillAsync(yearAgo.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await asAt.GetByLabel("Month").FillAsync(yearAgo.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await asAt.GetByLabel("Year").FillAsync(yearAgo.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await asAt.GetByLabel("Year").PressAsync("Enter");

        await Expect(Page).ToHaveURLAsync(new Regex($"asAt={DemoData.Iso(yearAgo)}"));
        await Expect(asAt.GetByLabel("Year")).ToHaveValueAsync(yearAgo.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var gone in now.Labels.Except(then.Labels))
        {
            await Expect(Node(gone)).ToHaveCountAsync(0);
        }

        foreach (var label in then.Labels)
        {
            await Expect(Node(label)).ToHaveCountAsync(1);
        }

        await Expect(Node("Professional: Tom Reed")).ToHaveCountAsync(0);
        await Expect(Node("Professional: Helen Marsh")).ToHaveAccessibleNameAsync(new Regex("^Professional: Helen Marsh, lead, "));
        await Expect(Page.Locator(".diagram-link")).ToHaveCountAsync(then.Links);
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Team around Ava Turner" }).GetByRole(AriaRole.Heading, new() { Level = 3 }).First)
            .ToHaveTextAsync(new Regex("^Helen Marsh\\s*\u2605 lead$"));
    }

    [Fact]
    public async Task The_day_before_Liam_moved_out_he_is_drawn_inside_the_Turner_household()
    {
        // In the files Liam lived at 14 Elm Road until 2024-09-01, then moved to 3 Canal Street.
        var dayBefore = DemoData.Shifted(App.Today, 2024, 8, 31);
        var then = await DrawnNetwork.OfAsync(App.Network, App.Viewer, "P001", dayBefore);
        Assert.DoesNotContain("Household: 3 Canal Street", then.Labels);

        await OpenAsync($"/network/P001?asAt={DemoData.Iso(dayBefore)}");

        await Expect(Node("Person: Liam Turner")).ToBeVisibleAsync();
        await Expect(Node("Household: 3 Canal Street")).ToHaveCountAsync(0);
        var turnerHousehold = Page.Locator(".pw-household", new() { Has = Node("Household: 14 Elm Road") });
        await Expect(turnerHousehold.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Person: Liam Turner,") })).ToHaveCountAsync(1);
        await Expect(Page.Locator(".diagram-link")).ToHaveCountAsync(then.Links);
    }

    [Fact]
    public async Task A_year_earlier_moves_the_date_back_a_year()
    {
        await OpenAsync("/network/P001");

        await Page.GetByRole(AriaRole.Button, new() { Name = "A year earlier" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex($"asAt={DemoData.Iso(App.Today.AddYears(-1))}"));
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Today" })).ToBeEnabledAsync();
    }
}
