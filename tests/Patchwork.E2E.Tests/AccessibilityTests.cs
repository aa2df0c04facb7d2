using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests;

/// <summary>
/// axe-core and IBM Equal Access on every page and dialog: no violation from either engine, whatever its impact.
/// Every finding is printed, whatever its impact.
/// </summary>
public sealed class AccessibilityTests(PatchworkApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Home_page_with_search_results_open()
    {
        await OpenAsync("/");
        await Page.GetByLabel("Find a person, household, professional or agency").First.FillAsync("Turner");
        await Expect(Page.GetByRole(AriaRole.Option).First).ToBeVisibleAsync();

        await AssertNoViolationsAsync();
    }

    [Fact]
    public async Task Network_page_diagram()
    {
        await OpenAsync("/network/P001");
        await Expect(Page.Locator(".diagram-link").First).ToBeAttachedAsync();

        await AssertNoViolationsAsync();
    }

    [Fact]
    public async Task Network_page_table_view()
    {
        await OpenAsync("/network/P001");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Table view" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Table)).ToBeVisibleAsync();

        await AssertNoViolationsAsync();
    }

    [Fact]
    public async Task Network_page_with_filters_and_node_details_open()
    {
        await OpenAsync("/network/P001");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Filters" }).ClickAsync();
        await Node("Person: Margaret Hale").FocusAsync();
        await Page.Keyboard.PressAsync(" ");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Person: Margaret Hale" })).ToBeVisibleAsync();

        await AssertNoViolationsAsync();
    }

    [Fact]
    public async Task Household_page()
    {
        await OpenAsync("/household/H001");

        await AssertNoViolationsAsync();
    }

    [Fact]
    public async Task Network_not_found_page()
    {
        await OpenAsync("/network/NOPE");

        await AssertNoViolationsAsync();
    }

    [Fact]
    public async Task Add_a_client_page_with_its_messages()
    {
        await OpenAsync("/people/new");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add client" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Enter a given name or a family name." })).ToBeVisibleAsync();

        await AssertNoViolationsAsync();
    }

    [Theory]
    [InlineData("Hand over lead")]
    [InlineData("Add to team")]
    [InlineData("Invite")]
    [InlineData("Plan visit")]
    [InlineData("Raise concern")]
    [InlineData("Add family member")]
    [InlineData("Record contact")]
    [InlineData("Record where they live")]
    public async Task Change_dialog(string button)
    {
        await OpenAsync("/network/P001");
        await Page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).First.ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();

        await AssertNoViolationsAsync();
    }

    [Fact]
    public async Task Take_off_team_dialog()
    {
        await OpenAsync("/network/P001");
        await Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Take off team") }).First.ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();

        await AssertNoViolationsAsync();
    }

    [Fact]
    public async Task Change_dialog_sent_with_a_date_that_is_not_real_shows_its_error_summary()
    {
        await OpenAsync("/network/P001");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Hand over lead", Exact = true }).First.ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        var date = dialog.GetByRole(AriaRole.Group, new() { Name = "Lead from" });
        await date.GetByLabel("Day").FillAsync("31");
        await date.GetByLabel("Month").FillAsync("2");
        await date.GetByLabel("Year").FillAsync("2026");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Hand over", Exact = true }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" })).ToBeVisibleAsync();
        await Expect(dialog.GetByRole(AriaRole.Link, new() { Name = "Enter a real date" })).ToBeVisibleAsync();

        await AssertNoViolationsAsync();
    }

    [Theory]
    [InlineData("/professional/PR003")]
    [InlineData("/agency/A01")]
    public async Task Professional_and_agency_pages(string path)
    {
        await OpenAsync(path);

        await AssertNoViolationsAsync();
    }

    [Fact]
    public async Task Break_glass_page_and_its_message()
    {
        // Joan Briggs (P020) is on a carers' support worker's caseload, not Sam's; no other test opens her network, so
        // no reason given elsewhere in the run has opened it.
        await OpenAsync("/network/P020");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "This network is not open to you" })).ToBeVisibleAsync();
        await AssertNoViolationsAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Record my reason and open the network" }).ClickAsync();
        await Expect(Page.Locator("#breakglass-problem")).ToBeVisibleAsync();
        await AssertNoViolationsAsync();
    }

    [Theory]
    [InlineData("unavailable")]
    [InlineData("cancelled")]
    [InlineData("refused")]
    [InlineData("expired")]
    [InlineData("configuration")]
    public async Task Sign_in_problem_pages(string kind)
    {
        await OpenAsync($"/authentication/problem/{kind}");

        await AssertNoViolationsAsync();
    }

    [Theory]
    [InlineData("/not-found")]
    [InlineData("/no-such-page")]
    [InlineData("/error")]
    public async Task Not_found_and_error_pages(string path)
    {
        await OpenAsync(path);

        await AssertNoViolationsAsync();
    }

    [Fact]
    public async Task The_development_providers_sign_in_page()
    {
        await using var context = await App.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseUrl.ToString(), Locale = "en-GB" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/network/P001");
        await page.WaitForURLAsync(url => url.Contains("/dev-identity/signin", StringComparison.Ordinal));
        await Expect(page.GetByLabel("Email")).ToBeVisibleAsync();

        await AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task The_feed_APIs_reference_page()
    {
        await using var context = await App.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseUrl.ToString(), Locale = "en-GB" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/api/docs");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Patchwork feed API", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("patchwork.write").First).ToBeAttachedAsync();

        // The page is Scalar's, generated whole by Scalar.AspNetCore for the developers of systems that call the feed;
        // the app gives it only the OpenAPI document and a title. Its own markup has no lang on <html>, a search box and
        // a collapsible group without the ARIA they need, an icon button with no name, a labelled generic <div>, a
        // <header> given role "region" and grey text at 3.3:1. None of it is the app's to change, so those rules are
        // excused on this page alone; anything else either engine finds here still fails.
        await AssertNoViolationsAsync(page, new HashSet<string>
        {
            "html-has-lang", "aria-required-attr", "button-name", "color-contrast", "aria-allowed-role",
            "html_lang_exists", "aria_attribute_required", "input_label_exists", "aria_attribute_valid", "aria_role_valid",
            "text_contrast_sufficient", "element_tabbable_role_valid",
        });
    }

    [Theory]
    [InlineData("/meeting/P020", "This network is not open to you")]
    [InlineData("/meeting/NOPE", "This network is not open to you")]
    public async Task Meeting_mode_refused_or_not_found(string path, string heading)
    {
        // Joan Briggs (P020) is not on Sam's caseload; opening her meeting gives no reason, so it opens nothing for later tests.
        await OpenAsync(path);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);

        await AssertNoViolationsAsync();
    }

    [Fact]
    public async Task Record_a_family_tie_dialog_for_someone_in_the_household_who_is_not_family()
    {
        // Everyone on Ava's network is her family; Zara Hussain (P030) lives with Imran Ahmed, who is not. Hannah Lees,
        // her lead, is offered to record a tie to him.
        await using var context = await SignedInContextAsync(DemoData.HannahEmail);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/network/P030");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Person: Imran Ahmed(,|$)") }).FocusAsync();
        await page.Keyboard.PressAsync(" ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record a family tie", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();

        await AssertNoViolationsAsync(page);
    }

    [Theory]
    [InlineData("Person: Margaret Hale", "End this family tie")]
    [InlineData("Household: 14 Elm Road", "Ava Turner no longer lives here")]
    public async Task End_tie_dialog_from_the_node_details(string node, string button)
    {
        await OpenAsync("/network/P001");
        await Node(node).FocusAsync();
        await Page.Keyboard.PressAsync(" ");
        await Page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();

        await AssertNoViolationsAsync();
    }
}
