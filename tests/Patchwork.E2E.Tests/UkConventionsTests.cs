using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests;

/// <summary>
/// Dates read and written the British way in a browser set to American English: entered in Day, Month and Year
/// boxes, never the browser's mm/dd/yyyy picker, and shown as "1 Dec 2026".
/// </summary>
public sealed class UkConventionsTests(PatchworkApp app) : BrowserTest(app)
{
    [Fact]
    public async Task In_a_US_locale_browser_dates_are_entered_as_day_month_year_and_shown_as_1_Dec_2026()
    {
        await using var american = await AmericanBrowserAsync(DemoData.SamEmail);
        var page = await american.NewPageAsync();
        await page.GotoAsync("/network/P001");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        Assert.Equal("en-US", await page.EvaluateAsync<string>("() => navigator.language"));

        var today = App.Today;
        var shown = today.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        await Expect(page.GetByText($"Showing {shown}.")).ToBeVisibleAsync();
        await AssertDayMonthYearAsync(page.GetByRole(AriaRole.Group, new() { Name = "As at" }), today);

        await page.GetByRole(AriaRole.Button, new() { Name = "Hand over lead", Exact = true }).First.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await AssertDayMonthYearAsync(dialog.GetByRole(AriaRole.Group, new() { Name = "Lead from" }), today);
        await Expect(page.Locator("input[type=date], input[type=datetime-local]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task In_a_US_locale_browser_the_coordinators_lists_take_their_date_as_day_month_year()
    {
        await using var american = await AmericanBrowserAsync(DemoData.CoordinatorEmail);
        var page = await american.NewPageAsync();
        await page.GotoAsync("/coordinator?list=no-lead");
        var asAt = page.GetByRole(AriaRole.Group, new() { Name = "As at" });
        await AssertDayMonthYearAsync(asAt, App.Today);
        await Expect(page.Locator("input[type=date], input[type=datetime-local]")).ToHaveCountAsync(0);

        // 12/01 read the British way: the 12th of January, whatever the browser's locale.
        var day = new DateOnly(App.Today.Year, 1, 12);
        await asAt.GetByLabel("Day", new() { Exact = true }).FillAsync("12");
        await asAt.GetByLabel("Month", new() { Exact = true }).FillAsync("01");
        await asAt.GetByLabel("Year", new() { Exact = true }).FillAsync(day.Year.ToString(CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"asAt={day:yyyy-MM-dd}"));
        await Expect(page.GetByText(new Regex($@"^\d+ clients? on {day.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}\.$"))).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_network_page_and_meeting_mode_give_the_same_keyboard_instructions()
    {
        const string Keys = "Tab to a node · Enter steps out · Backspace or Delete steps back · arrow keys move to connected nodes";
        foreach (var path in new[] { "/network/P001", "/meeting/P001" })
        {
            await OpenAsync(path);
            await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Network diagram" })).ToHaveAccessibleDescriptionAsync(Keys);
        }
    }

    /// <summary>A browser set to American English in New York, signed in as <paramref name="email"/>.</summary>
    private async Task<IBrowserContext> AmericanBrowserAsync(string email) => await App.Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = App.BaseUrl.ToString(),
        ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
        Locale = "en-US",
        TimezoneId = "America/New_York",
        StorageStatePath = await App.SessionAsync(email),
    });

    private static async Task AssertDayMonthYearAsync(ILocator group, DateOnly day)
    {
        await Expect(group.GetByLabel("Day", new() { Exact = true })).ToHaveValueAsync(day.Day.ToString(CultureInfo.InvariantCulture));
        await Expect(group.GetByLabel("Month", new() { Exact = true })).ToHaveValueAsync(day.Month.ToString(CultureInfo.InvariantCulture));
        await Expect(group.GetByLabel("Year", new() { Exact = true })).ToHaveValueAsync(day.Year.ToString(CultureInfo.InvariantCulture));
    }
}

/// <summary>The coordinator's list headings are buttons that sort, and the header cell says which way.</summary>
public sealed class SortHeaderTests(PatchworkApp app) : BrowserTest(app)
{
    protected override string SignedInAs => DemoData.CoordinatorEmail;

    [Fact]
    public async Task A_heading_sorts_its_column_by_keyboard_and_says_so_with_aria_sort()
    {
        await OpenAsync("/coordinator?list=no-lead");
        var table = Page.GetByRole(AriaRole.Table);
        var client = table.GetByRole(AriaRole.Columnheader).First;
        var button = client.GetByRole(AriaRole.Button, new() { Name = "Client" });
        var names = table.Locator("tbody tr td:first-child");
        await Expect(names.First).ToBeVisibleAsync();
        await Expect(client).Not.ToHaveAttributeAsync("aria-sort", new Regex("."));
        var listed = await names.AllInnerTextsAsync();

        await button.FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(client).ToHaveAttributeAsync("aria-sort", "ascending");
        await Expect(names).ToHaveTextAsync([.. listed.Order(StringComparer.InvariantCulture)]);

        await Page.Keyboard.PressAsync("Space");
        await Expect(client).ToHaveAttributeAsync("aria-sort", "descending");
        await Expect(names).ToHaveTextAsync([.. listed.OrderDescending(StringComparer.InvariantCulture)]);
        await Expect(button).ToBeFocusedAsync();

        await AssertNoViolationsAsync();
    }

    [Fact]
    public async Task Sessions_page_for_an_administrator()
    {
        await using var admin = await SignedInContextAsync("lisa.holt@northvale.gov.uk");
        var page = await admin.NewPageAsync();
        await page.GotoAsync("/admin/sessions");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Who is signed in" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table)).ToBeVisibleAsync();

        await AssertNoViolationsAsync(page);
    }
}

/// <summary>A change dialog is the browser's own modal dialog: Escape closes it, focus goes back, and it opens again.</summary>
public sealed class ChangeDialogKeyboardTests(PatchworkApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Escape_closes_a_change_dialog_gives_focus_back_to_its_button_and_it_opens_again()
    {
        await OpenAsync("/network/P001");
        var button = Page.GetByRole(AriaRole.Button, new() { Name = "Raise concern", Exact = true }).First;
        var dialog = Page.GetByRole(AriaRole.Dialog, new() { NameRegex = new Regex("concern", RegexOptions.IgnoreCase) });

        await button.ClickAsync();
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByRole(AriaRole.Textbox).First).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Escape");

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(button).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(dialog).ToBeVisibleAsync();
    }
}
