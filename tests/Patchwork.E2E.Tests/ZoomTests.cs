using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests;

/// <summary>
/// WCAG 2.2 reflow and resize: at 200% zoom a 1600x1000 screen is 800x500 CSS pixels, at 400% a 1280x1024 one is
/// 320x256. Everything stays reachable in one column, with no sideways scrolling of the page.
/// </summary>
public sealed class ZoomTests(PatchworkApp app) : BrowserTest(app)
{
    [Fact]
    public async Task At_200_percent_zoom_the_network_page_reflows_into_one_column()
    {
        await Page.SetViewportSizeAsync(800, 500);
        var network = await DrawnNetwork.OfAsync(App.Network, App.Viewer, "P001", App.Today);
        await OpenAsync("/network/P001");
        await Expect(Page.Locator(".diagram-link")).ToHaveCountAsync(network.Links);

        var team = Page.GetByRole(AriaRole.Heading, new() { Name = "Team around Ava Turner" });
        await team.ScrollIntoViewIfNeededAsync();
        await Expect(team).ToBeInViewportAsync();
        var timeBar = Page.GetByRole(AriaRole.Slider);
        await timeBar.ScrollIntoViewIfNeededAsync();
        await Expect(timeBar).ToBeInViewportAsync();
        var tableView = Page.GetByRole(AriaRole.Button, new() { Name = "Table view" });
        await tableView.ScrollIntoViewIfNeededAsync();
        await Expect(tableView).ToBeInViewportAsync();

        var overflow = await Page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"The page scrolls sideways by {overflow} pixels at 200% zoom.");
    }

    [Fact]
    public async Task At_400_percent_zoom_the_network_page_scrolls_only_downwards_to_the_leads_phone_link()
    {
        // 400% of a 1280x1024 window is 320x256 CSS pixels.
        await Page.SetViewportSizeAsync(320, 256);
        await OpenAsync("/network/P001");
        await Expect(Page.Locator(".diagram-link").First).ToBeAttachedAsync();

        var call = Page.GetByRole(AriaRole.Link, new() { Name = "Call Sam Adeyemi on 01632 960001" });
        await call.ScrollIntoViewIfNeededAsync();
        await Expect(call).ToBeInViewportAsync(new() { Ratio = 1 });

        var overflow = await Page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"The page scrolls sideways by {overflow} pixels at 400% zoom.");
    }
}
