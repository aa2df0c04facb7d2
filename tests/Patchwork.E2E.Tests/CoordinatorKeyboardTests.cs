using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests;

/// <summary>
/// The coordinator's journey by keyboard alone: from the dashboard to a client without a lead, and a lead assigned,
/// within 25 key presses of the first focus after the dashboard opens. It changes a network, so it has its own app.
/// </summary>
public sealed class CoordinatorKeyboardTests(ChangeableApp app) : BrowserTest(app), IClassFixture<ChangeableApp>
{
    private readonly List<string> pressed = [];

    protected override string SignedInAs => DemoData.CoordinatorEmail;

    [Fact]
    public async Task A_coordinator_assigns_a_lead_from_the_dashboard_in_at_most_25_key_presses()
    {
        await OpenAsync("/coordinator");
        var list = Page.GetByRole(AriaRole.Table);
        var client = list.GetByRole(AriaRole.Link).First;
        await Expect(client).ToBeVisibleAsync();
        var name = await client.InnerTextAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeFocusedAsync();

        // Past the date and the list cards to the open list's clients (the first list: clients without a lead).
        await TabToAsync(Page.GetByRole(AriaRole.Link, new() { Name = "Go to the list's clients" }), limit: 25);
        await PressAsync("Enter");
        await Expect(client).ToBeFocusedAsync();
        await PressAsync("Enter");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex($"^{Regex.Escape(name)}"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeFocusedAsync();

        // To the team, then back to the buttons that change it, the first of which assigns a lead.
        await TabToAsync(Page.GetByRole(AriaRole.Link, new() { Name = "Who to call" }), limit: 25 - pressed.Count);
        await PressAsync("Enter");
        await Expect(Page.Locator("#team-list")).ToBeFocusedAsync();
        await TabToAsync(Page.GetByRole(AriaRole.Button, new() { Name = "Assign a lead" }), limit: 25 - pressed.Count, key: "Shift+Tab");
        await PressAsync("Enter");
        var dialog = Page.GetByRole(AriaRole.Dialog);
        var choice = dialog.GetByRole(AriaRole.Radio).First;
        await Expect(choice).ToBeVisibleAsync();
        // The choice reads "Priya Shah · Family support worker, ...": the name is before the dot.
        var lead = (await choice.EvaluateAsync<string>("e => e.labels[0].textContent")).Split('·')[0].Trim();
        await TabToAsync(choice, limit: 25 - pressed.Count);
        await PressAsync(" ");
        await Expect(choice).ToBeCheckedAsync();
        await TabToAsync(dialog.GetByRole(AriaRole.Button, new() { Name = "Assign lead" }), limit: 25 - pressed.Count);
        await PressAsync("Enter");

        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(Page.Locator(".pw-team li.pw-card.is-lead h3")).ToContainTextAsync(lead);
        Assert.True(pressed.Count <= 25, $"{pressed.Count} key presses: {string.Join(", ", pressed)}");
    }

    private async Task PressAsync(string key)
    {
        await Page.Keyboard.PressAsync(key);
        pressed.Add(key);
    }

    /// <summary>Presses Tab (or the key given) until the target has focus (none if it has already), at most <paramref name="limit"/> times, saying where focus went.</summary>
    private async Task TabToAsync(ILocator target, int limit, string key = "Tab")
    {
        var path = new List<string>();
        if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
        {
            return;
        }

        for (var presses = 1; presses <= limit; presses++)
        {
            await PressAsync(key);
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                return;
            }

            path.Add(await Page.EvaluateAsync<string>("() => { const e = document.activeElement; return e ? `${e.tagName.toLowerCase()} ${(e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 40)}` : 'nothing'; }"));
        }

        Assert.Fail($"Not reached within {limit} presses of {key} (of 25 in all, after {string.Join(", ", pressed.Take(pressed.Count - limit))}); focus went to: {string.Join(" | ", path)}.");
    }
}
