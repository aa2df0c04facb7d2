using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests;

/// <summary>axe-core on each main screen: nothing serious or critical. Every finding is printed, whatever its impact.</summary>
public sealed class AccessibilityTests(PatchworkApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Home_page_with_search_results_open()
    {
        await OpenAsync("/");
        await Page.GetByLabel("Find a person, household, professional or agency").First.FillAsync("Turner");
        await Expect(Page.GetByRole(AriaRole.Option).First).ToBeVisibleAsync();

        await AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task Network_page_diagram()
    {
        await OpenAsync("/network/P001");
        await Expect(Page.Locator(".diagram-link").First).ToBeAttachedAsync();

        await AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task Network_page_table_view()
    {
        await OpenAsync("/network/P001");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Table view" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Table)).ToBeVisibleAsync();

        await AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task Network_page_with_filters_and_node_details_open()
    {
        await OpenAsync("/network/P001");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Filters" }).ClickAsync();
        await Node("Person: Margaret Hale").FocusAsync();
        await Page.Keyboard.PressAsync(" ");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Person: Margaret Hale" })).ToBeVisibleAsync();

        await AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task Household_page()
    {
        await OpenAsync("/household/H001");

        await AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task Network_not_found_page()
    {
        await OpenAsync("/network/NOPE");

        await AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task Add_a_client_page_with_its_messages()
    {
        await OpenAsync("/people/new");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add client" }).ClickAsync();
        await Expect(Page.GetByText("Enter a given name or a family name.")).ToBeVisibleAsync();

        await AssertNoSeriousViolationsAsync();
    }

    [Theory]
    [InlineData("Hand over lead")]
    [InlineData("Add to team")]
    [InlineData("Invite")]
    [InlineData("Plan visit")]
    [InlineData("Raise concern")]
    [InlineData("Add family member")]
    public async Task Change_dialog(string button)
    {
        await OpenAsync("/network/P001");
        await Page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).First.ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();

        await AssertNoSeriousViolationsAsync();
    }
}
