using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests;

/// <summary>
/// A practitioner on a home visit opens the network on a phone: who to call comes first, within the first screen,
/// and nothing is lost or scrolls sideways on the narrowest phones (320 CSS pixels is also 400% zoom of 1280).
/// </summary>
public sealed class PhoneTests(PatchworkApp app) : BrowserTest(app)
{
    private const string SamsPhone = "Call Sam Adeyemi on 01632 960001";

    [Fact]
    public async Task On_a_390_by_844_phone_the_leads_phone_link_is_on_the_first_screen_before_the_diagram()
    {
        await Page.SetViewportSizeAsync(390, 844);
        await OpenAsync("/network/P001");

        var call = Page.GetByRole(AriaRole.Link, new() { Name = SamsPhone });
        await Expect(call).ToBeVisibleAsync();
        Assert.Equal(0, await Page.EvaluateAsync<double>("window.scrollY"));
        await Expect(call).ToBeInViewportAsync(new() { Ratio = 1 });

        // Who to call, then the family as a list, then the diagram.
        var family = await BoxAsync(Page.GetByRole(AriaRole.Heading, new() { Name = "Family and household" }));
        var diagram = await BoxAsync(Page.GetByRole(AriaRole.Region, new() { Name = "Network diagram" }));
        Assert.True((await BoxAsync(call)).Y < family.Y, "The team's phone links come before the family list.");
        Assert.True(family.Y < diagram.Y, "The family list comes before the diagram.");
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Family and household" }).GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Chloe Turner" }))
            .ToContainTextAsync("of Ava Turner");
    }

    [Fact]
    public async Task The_phones_family_list_tells_a_viewer_nothing_of_a_sensitive_service()
    {
        // Liam, Ava's father, sees a worker from a sensitive substance-misuse service; Sam is in another agency.
        var frames = CircuitFrames.Record(Page);
        await Page.SetViewportSizeAsync(390, 844);
        await OpenAsync("/network/P001?expand=person%3AP004");
        var liam = Page.GetByRole(AriaRole.Region, new() { Name = "Family and household" }).GetByRole(AriaRole.Listitem).Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^Liam Turner,") });
        await Expect(liam).ToBeVisibleAsync();
        await Expect(Node("Professional: A sensitive service is involved").First).ToBeAttachedAsync();

        await Expect(liam).Not.ToContainTextAsync("sensitive");
        var html = await Page.ContentAsync();
        foreach (var secret in new[] { "Kieran", "Lynch", "Pathways", "07700 900005", "pathways-recovery", "Recovery Worker" })
        {
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, frames.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task On_a_phone_the_diagram_is_one_tap_away()
    {
        await Page.SetViewportSizeAsync(390, 844);
        await OpenAsync("/network/P001");
        var diagram = Page.GetByRole(AriaRole.Region, new() { Name = "Network diagram" });
        await Expect(diagram).Not.ToBeInViewportAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = "Show the diagram" }).ClickAsync();

        await Expect(Page.Locator(":focus")).ToHaveAccessibleNameAsync(new System.Text.RegularExpressions.Regex("^Person: Ava Turner,"));
        await Expect(diagram).ToBeInViewportAsync();
    }

    [Fact]
    public async Task On_a_phone_the_header_folds_into_a_menu_that_keeps_the_name_and_sign_out_reachable_by_keyboard()
    {
        await Page.SetViewportSizeAsync(390, 844);
        await OpenAsync("/network/P001");
        var menu = Page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "Menu" });
        var signOut = Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" });
        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(signOut).ToBeHiddenAsync();

        await menu.FocusAsync();
        await Page.Keyboard.PressAsync("Enter");

        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(Page.GetByRole(AriaRole.Banner).GetByText("Sam Adeyemi", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(signOut).ToBeInViewportAsync(new() { Ratio = 1 });
        for (var presses = 1; presses <= 4 && !await signOut.EvaluateAsync<bool>("e => e === document.activeElement"); presses++)
        {
            await Page.Keyboard.PressAsync("Tab");
        }

        await Expect(signOut).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Shift+Tab");
        await Page.Keyboard.PressAsync("Shift+Tab");
        await Expect(menu).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync(" ");
        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(signOut).ToBeHiddenAsync();
    }

    [Fact]
    public async Task On_a_wide_screen_there_is_no_menu_button_and_sign_out_shows_in_the_bar()
    {
        await OpenAsync("/network/P001");

        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Menu" })).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData(DemoData.SamEmail, "/")]
    [InlineData(DemoData.SamEmail, "/?search")]
    [InlineData(DemoData.SamEmail, "/network/P001")]
    [InlineData(DemoData.SamEmail, "/meeting/P001")]
    [InlineData(DemoData.CoordinatorEmail, "/coordinator?list=concerns")]
    [InlineData(DemoData.GovernanceEmail, "/audit")]
    public async Task At_320_pixels_wide_nothing_scrolls_sideways_or_is_cut_off(string email, string path)
    {
        await using var context = await SignedInContextAsync(email);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(320, 640);
        var search = path == "/?search";
        await page.GotoAsync(search ? "/" : path);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        if (search)
        {
            await page.GetByLabel("Find a person, household, professional or agency").First.FillAsync("Turner");
            await Expect(page.GetByRole(AriaRole.Option, new() { Name = "Ava Turner" })).ToBeVisibleAsync();
        }
        else if (path.StartsWith("/network/", StringComparison.Ordinal) || path.StartsWith("/meeting/", StringComparison.Ordinal))
        {
            await Expect(page.Locator(".diagram-link").First).ToBeAttachedAsync();
        }

        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{path} scrolls sideways by {overflow} pixels at 320 wide.");

        // Cut off: anything drawn past either edge of the screen, outside the diagram (which pans) and the parts of
        // the page that scroll on their own; MudBlazor parks its closed pop-ups far off the screen.
        var cut = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('body *')]
              .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden'
                && !e.closest('.pw-diagram, .pw-canvas, .visually-hidden, .pw-skip-link, svg, [aria-hidden=true], .mud-popover:not(.mud-popover-open)'))
              .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.left < -1 || r.right > document.documentElement.clientWidth + 1); })
              .filter(e => { for (let p = e.parentElement; p; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return false; } return true; })
              .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${(e.textContent ?? '').trim().slice(0, 40)}" ${Math.round(e.getBoundingClientRect().left)}..${Math.round(e.getBoundingClientRect().right)}`)
              .slice(0, 10)
            """);
        Assert.True(cut.Length == 0, $"{path} draws past the edge of a 320 pixel screen:\n{string.Join('\n', cut)}");
    }

    [Theory]
    [InlineData(320)]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task The_time_bars_year_labels_never_overlap_and_stay_on_the_screen(int width)
    {
        await Page.SetViewportSizeAsync(width, 800);
        await OpenAsync("/network/P001?asAt=2015-06-01");
        // Labels a narrow bar has no room for are not drawn; those drawn must each be readable.
        var labels = Page.Locator(".pw-timebar-years span:visible");
        await Expect(labels.First).ToBeVisibleAsync();

        var boxes = new List<(string Text, LocatorBoundingBoxResult Box)>();
        foreach (var label in await labels.AllAsync())
        {
            boxes.Add((await label.InnerTextAsync(), await BoxAsync(label)));
        }

        Assert.True(boxes.Count >= 3, $"At {width} wide the bar from 2015 to now labels only {boxes.Count} years.");
        var screen = await Page.EvaluateAsync<int>("document.documentElement.clientWidth");
        foreach (var (text, box) in boxes)
        {
            Assert.True(box.X >= 0 && box.X + box.Width <= screen, $"The label {text} is drawn off the screen ({box.X:0}..{box.X + box.Width:0} of {screen}).");
        }

        foreach (var ((a, first), (b, second)) in boxes.Zip(boxes.Skip(1)))
        {
            Assert.True(first.X + first.Width <= second.X, $"At {width} wide the labels {a} ({first.X:0}..{first.X + first.Width:0}) and {b} ({second.X:0}..) overlap.");
        }
    }

    [Fact]
    public async Task On_a_phone_both_accessibility_engines_pass_the_network_page_and_the_open_menu()
    {
        await Page.SetViewportSizeAsync(390, 844);
        await OpenAsync("/network/P001");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = SamsPhone })).ToBeVisibleAsync();
        await AssertNoViolationsAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await AssertNoViolationsAsync();
    }

    [Fact]
    public async Task The_phone_screens_are_captured_for_the_docs()
    {
        await Page.SetViewportSizeAsync(390, 844);
        await OpenAsync("/network/P001");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = SamsPhone })).ToBeInViewportAsync();
        await ScreenshotTests.Save(Page, "phone-network.png");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await ScreenshotTests.Save(Page, "phone-menu.png");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Show the diagram" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Network diagram" })).ToBeInViewportAsync();
        await ScreenshotTests.Save(Page, "phone-diagram.png");

        Assert.All(
            new[] { "phone-network.png", "phone-menu.png", "phone-diagram.png" },
            name => Assert.True(new FileInfo(Path.Combine(RepoPaths.Docs, "screenshots", name)).Length > 10_000, $"{name} looks empty."));
    }

    private static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new InvalidOperationException($"{locator} is not drawn.");
}
