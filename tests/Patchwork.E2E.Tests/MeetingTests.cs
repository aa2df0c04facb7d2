using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests;

/// <summary>Meeting mode: one network on a shared screen, as Ava's lead social worker presents it.</summary>
public sealed partial class MeetingTests(PatchworkApp app) : BrowserTest(app)
{
    private static readonly Regex AnyNode = new("^(Person|Household|Professional|Agency): ");

    [Fact]
    public async Task Phone_numbers_and_addresses_stay_off_the_shared_screen_until_the_presenter_shows_them()
    {
        await OpenMeetingAsync();

        // Sam may see Ava's household address and every number on her team, but the room does not see them yet.
        await AssertNoContactDetailsAsync();
        await Expect(Node("Household: Turner household")).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Show contact details" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Call Sam Adeyemi on 01632 960001" })).ToBeVisibleAsync();
        await Expect(Node("Household: 14 Elm Road")).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Hide contact details" }).ClickAsync();
        await Expect(Node("Household: Turner household")).ToBeVisibleAsync();
        await AssertNoContactDetailsAsync();

        var trail = await App.Audit.ForPersonAsync("P001", cancellationToken: Cancellation);
        Assert.Contains(trail, r => r.Entry.Action == "meeting-view" && r.Entry.Actor == "PR001" && r.Entry.Details!.EndsWith("contact details shown", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_presenter_steps_out_and_back_with_the_keyboard()
    {
        await OpenMeetingAsync();

        // From the last control of the meeting's toolbar, one Tab reaches the diagram.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Leave meeting mode" }).FocusAsync();
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.Locator(":focus")).ToHaveAccessibleNameAsync(AnyNode);

        await Node("Person: Margaret Hale").FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Node("Person: Margaret Hale")).ToHaveAccessibleNameAsync(new Regex("stepped out$"));
        await Expect(Node("Household: Margaret Hale")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Leave meeting mode" })).ToHaveAttributeAsync("href", "/network/P001?expand=person%3AP005");

        await Page.Keyboard.PressAsync("Backspace");
        await Expect(Node("Household: Margaret Hale")).ToHaveCountAsync(0);
        await Expect(Node("Person: Margaret Hale")).Not.ToHaveAccessibleNameAsync(new Regex("stepped out$"));
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Stepped back from Margaret Hale.");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Leave meeting mode" })).ToHaveAttributeAsync("href", "/network/P001");
    }

    [Fact]
    public async Task Ticking_who_is_in_the_room_marks_their_nodes_in_words_and_the_page_passes_axe()
    {
        await OpenMeetingAsync();

        await Page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Tom Reed") }).CheckAsync();

        await Expect(Node("Professional: Tom Reed")).ToHaveAccessibleNameAsync(new Regex("in the room$"));
        await Expect(Node("Professional: Tom Reed")).ToContainTextAsync("in the room");
        await Expect(Node("Professional: Sam Adeyemi")).Not.ToHaveAccessibleNameAsync(new Regex("in the room$"));
        await AssertNoViolationsAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Show contact details" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Hide contact details" })).ToBeVisibleAsync();
        await AssertNoViolationsAsync();
    }

    [Fact]
    public async Task The_meeting_page_has_no_app_navigation_and_leads_back_to_the_network()
    {
        await OpenMeetingAsync();

        await Expect(Page.GetByRole(AriaRole.Combobox, new() { Name = "Find a person, household, professional or agency" })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ava Turner, 12");
        await SaveScreenshotAsync("meeting.png");

        // The presenter can give the whole width to the diagram; the room and team come back with the same button.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Room and team" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Group, new() { Name = "Who is in the room" })).ToBeHiddenAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Room and team" })).ToHaveAttributeAsync("aria-expanded", "false");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Room and team" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Group, new() { Name = "Who is in the room" })).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = "Leave meeting mode" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/network/P001$"));
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Meeting mode" })).ToHaveAttributeAsync("href", "/meeting/P001");
    }

    private async Task OpenMeetingAsync()
    {
        await OpenAsync("/meeting/P001");
        await Expect(Page.Locator(".diagram-link").First).ToBeAttachedAsync();
    }

    private async Task AssertNoContactDetailsAsync()
    {
        var html = await Page.ContentAsync();
        Assert.DoesNotMatch(PhoneNumber(), html);
        Assert.DoesNotContain("tel:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("@northvale.gov.uk", html, StringComparison.Ordinal);
        Assert.DoesNotContain("14 Elm Road", html, StringComparison.Ordinal);
    }

    private async Task SaveScreenshotAsync(string name)
    {
        var folder = Path.Combine(RepoPaths.Docs, "screenshots");
        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), Animations = ScreenshotAnimations.Disabled });
    }

    /// <summary>The demo district's numbers: Ofcom's drama ranges 01632 960xxx and 07700 900xxx.</summary>
    [GeneratedRegex(@"0(1632|7700)\s?9\d{5}")]
    private static partial Regex PhoneNumber();
}

/// <summary>A coordinator may see sensitive services by name; presenting, she shows the room none of them.</summary>
public sealed class CoordinatorMeetingTests(PatchworkApp app) : BrowserTest(app)
{
    protected override string SignedInAs => DemoData.CoordinatorEmail;

    [Fact]
    public async Task A_sensitive_service_the_presenter_may_see_is_never_shown_in_a_meeting()
    {
        // A screen large enough to draw the whole network: its stand-in is on the diagram, not counted in a group.
        await Page.SetViewportSizeAsync(1920, 1080);
        await OpenAsync("/network/P001");
        await Expect(Node("Professional: Kieran Lynch")).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = "Meeting mode" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Show contact details" })).ToBeVisibleAsync();
        await Expect(Node("Professional: A sensitive service is involved")).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Show contact details" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Hide contact details" })).ToBeVisibleAsync();

        var html = await Page.ContentAsync();
        foreach (var secret in new[] { "Kieran", "Pathways", "07700 900005", "Recovery Worker" })
        {
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_crowded_meeting_counts_a_sensitive_service_the_presenter_may_see_without_naming_it()
    {
        var frames = CircuitFrames.Record(Page);
        await Page.SetViewportSizeAsync(1280, 720);
        await OpenAsync("/meeting/P001?depth=2");

        var groups = Page.GetByRole(AriaRole.Region, new() { Name = "Also working with the family" });
        await Expect(groups).ToContainTextAsync("sensitive service");
        var shows = groups.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Show who works with ") });
        for (var left = await shows.CountAsync(); left > 0; left--)
        {
            await shows.First.ClickAsync();
            await Expect(shows).ToHaveCountAsync(left - 1);
        }

        await Expect(groups).ToHaveCountAsync(0);
        var html = await Page.ContentAsync();
        foreach (var secret in new[] { "Kieran", "Pathways", "07700 900005", "Recovery Worker" })
        {
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, frames.Text, StringComparison.Ordinal);
        }
    }
}
