using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests;

/// <summary>
/// Stepping out from Margaret Hale, Ava's grandmother, brings in her own home. Sam is not on Margaret's team, so the
/// household shows by its name, without its address (22 Orchard Close).
/// </summary>
public sealed class StepOutTests(PatchworkApp app) : BrowserTest(app)
{
    private const string Margaret = "Person: Margaret Hale";
    private const string MargaretsHome = "Household: Margaret Hale";

    [Fact]
    public async Task Double_click_steps_out_and_undo_takes_the_step_back()
    {
        var before = await DrawnNetwork.OfAsync(App.Network, App.Viewer, "P001", App.Today);
        var after = await DrawnNetwork.OfAsync(App.Network, App.Viewer, "P001", App.Today, 1, DemoData.Margaret);
        Assert.Contains(MargaretsHome, after.Labels);
        await OpenAsync("/network/P001");
        await Expect(Node(MargaretsHome)).ToHaveCountAsync(0);

        await Node(Margaret).DblClickAsync();

        await Expect(Node(MargaretsHome)).ToBeVisibleAsync();
        await Expect(Node(Margaret)).ToHaveAccessibleNameAsync(new Regex("stepped out$"));
        await Expect(Page.Locator(".diagram-link")).ToHaveCountAsync(after.Links);
        await Expect(Page).ToHaveURLAsync(new Regex("expand=person%3AP005$"));

        await Page.GetByRole(AriaRole.Button, new() { Name = "Undo step" }).ClickAsync();

        await Expect(Node(MargaretsHome)).ToHaveCountAsync(0);
        await Expect(Page.Locator(".diagram-link")).ToHaveCountAsync(before.Links);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Undo step" })).ToBeDisabledAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/network/P001$"));
    }

    [Fact]
    public async Task Enter_on_a_focused_node_steps_out_and_Delete_collapses_it()
    {
        await OpenAsync("/network/P001");

        await Node(Margaret).FocusAsync();
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Node(MargaretsHome)).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Status).Last).ToHaveTextAsync(new Regex("^Stepped out from Margaret Hale: \\d+ added\\.$"));

        await Node(Margaret).FocusAsync();
        await Page.Keyboard.PressAsync("Delete");

        await Expect(Node(MargaretsHome)).ToHaveCountAsync(0);
        await Expect(Node(Margaret)).Not.ToHaveAccessibleNameAsync(new Regex("stepped out"));
        await Expect(Page.GetByRole(AriaRole.Status).Last).ToHaveTextAsync("Stepped back from Margaret Hale.");
    }

    [Fact]
    public async Task A_bookmarked_step_out_opens_with_the_step_taken()
    {
        await OpenAsync("/network/P001?expand=person%3AP005");

        await Expect(Node(MargaretsHome)).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Undo step" })).ToBeEnabledAsync();
    }
}
