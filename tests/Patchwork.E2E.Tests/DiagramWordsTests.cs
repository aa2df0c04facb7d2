using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests;

/// <summary>
/// The diagram in words, in a real browser on the demo district: the lines' SVG named and described, the words on
/// each line shown on focus (and always in meeting mode), and arrow-key moves read out (see KeyboardTests).
/// </summary>
public sealed partial class DiagramWordsTests(PatchworkApp app) : BrowserTest(app)
{
    [Fact]
    public async Task The_lines_drawing_is_named_and_described_from_avas_network()
    {
        await OpenAsync("/network/P001");

        var svg = Page.Locator("svg.diagram-svg-layer").First;
        await Expect(svg).ToHaveAttributeAsync("role", "img");
        await Expect(svg).ToHaveAccessibleNameAsync("Network diagram of Ava Turner");
        await Expect(svg).ToHaveAccessibleDescriptionAsync(AvaDescribed());
    }

    [Fact]
    public async Task Focus_on_a_node_shows_the_words_on_its_lines_and_leaves_the_team_panel_in_place()
    {
        await OpenAsync("/network/P001");
        // Margaret is grandparent to Ava and to Noah: two lines.
        var grandparent = Page.Locator(".pw-tie-words", new() { HasText = "grandparent" });
        var lead = Page.Locator(".pw-tie-words", new() { HasText = "lead for Ava Turner" });
        await Expect(grandparent).ToHaveCountAsync(2);
        await Expect(grandparent.First).ToBeHiddenAsync();
        await Expect(grandparent.Last).ToBeHiddenAsync();

        await Node("Person: Margaret Hale").FocusAsync();

        await Expect(grandparent.First).ToBeVisibleAsync();
        await Expect(grandparent.Last).ToBeVisibleAsync();
        await Expect(lead).ToBeHiddenAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Team around Ava Turner", Level = 2 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Meeting_mode_always_shows_the_words_on_the_lines()
    {
        await OpenAsync("/meeting/P001");

        await Expect(Page.Locator(".pw-tie-words", new() { HasText = "lead for Ava Turner" })).ToBeVisibleAsync();
        await Expect(Page.Locator(".pw-tie-words", new() { HasText = "grandparent" }).First).ToBeVisibleAsync();
        await Expect(Page.Locator(".pw-tie-words", new() { HasText = "works for" }).First).ToBeHiddenAsync();
    }

    [GeneratedRegex(@"^Ava Turner, \d+, lives at 14 Elm Road with her mother Chloe and brother Noah; her father Liam lives at 3 Canal Street, also her home; also family: her grandmother Margaret Hale; 3 professionals from 3 agencies; lead: Sam Adeyemi, Social Worker$")]
    private static partial Regex AvaDescribed();
}
