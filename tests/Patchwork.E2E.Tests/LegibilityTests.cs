using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using Patchwork.Graph.Model;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests;

/// <summary>
/// Whether the back of a room can read the diagram: the size every node's words are drawn at on the screen, in CSS
/// pixels after the diagram's zoom, on the demo district (Ava Turner, depth 1) at common screen sizes.
/// </summary>
public sealed class LegibilityTests(PatchworkApp app) : BrowserTest(app)
{
    [Theory]
    [InlineData(1920, 1080, 21, 18)]
    [InlineData(1440, 900, 17.5, 15)]
    [InlineData(1280, 720, 14, 12)]
    public async Task Meeting_mode_draws_every_name_and_second_line_large_enough_to_read_across_the_room(int width, int height, double name, double second)
    {
        await Page.SetViewportSizeAsync(width, height);
        var network = await DrawnNetwork.OfAsync(App.Network, App.Viewer, "P001", App.Today);
        await OpenAsync("/meeting/P001");

        var sizes = await DrawnSizesAsync();
        AssertAtLeast(sizes, name, second, $"meeting mode at {width}x{height}");
        // Whatever is grouped to keep the words that size, the family is all drawn.
        foreach (var person in network.Nodes.OfType<Person>())
        {
            Assert.Contains(sizes, s => s.Node.StartsWith(DrawnNetwork.Label(person), StringComparison.Ordinal));
        }

        await SaveScreenshotAsync($"meeting-{width}x{height}.png");
    }

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(1280, 720)]
    public async Task Meeting_mode_cuts_no_name_or_second_line_short_and_draws_no_node_over_another(int width, int height)
    {
        await Page.SetViewportSizeAsync(width, height);
        await OpenAsync("/meeting/P001");
        await DrawnSizesAsync();

        var problems = await CutOrCoveredAsync();

        Assert.True(problems.Count == 0, $"In meeting mode at {width}x{height}:\n{string.Join("\n", problems)}");
    }

    [Fact]
    public async Task The_network_page_at_1440x900_cuts_no_name_or_second_line_short_and_draws_no_node_over_another()
    {
        await Page.SetViewportSizeAsync(1440, 900);
        await OpenAsync("/network/P001");
        await DrawnSizesAsync();

        var problems = await CutOrCoveredAsync();

        Assert.True(problems.Count == 0, $"On the network page at 1440x900:\n{string.Join("\n", problems)}");
    }

    [Fact]
    public async Task A_meeting_network_too_big_to_read_groups_the_familys_other_professionals_and_shows_a_group_on_request()
    {
        await Page.SetViewportSizeAsync(1280, 720);
        await OpenAsync("/meeting/P001?depth=2");

        var groups = Page.GetByRole(AriaRole.Region, new() { Name = "Also working with the family" });
        await Expect(groups).ToBeVisibleAsync();
        var sizes = await DrawnSizesAsync();
        AssertAtLeast(sizes, 14, 12, "a crowded meeting at 1280x720");
        await Expect(groups.GetByText(new Regex(@"^\+ \d+ professionals? from \d+ agenc(y|ies)"))).Not.ToHaveCountAsync(0);
        await SaveScreenshotAsync("meeting-grouped-1280x720.png");
        await AssertNoViolationsAsync();

        var show = groups.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Show who works with ") }).First;
        var person = (await show.GetAttributeAsync("aria-label"))!["Show who works with ".Length..];
        var before = sizes.Count;
        await show.ClickAsync();

        await Expect(Page.Locator(".visually-hidden[role=status]")).ToHaveTextAsync($"Drawing who works with {person}.");
        await Expect(groups.GetByRole(AriaRole.Button, new() { Name = $"Show who works with {person}" })).ToHaveCountAsync(0);
        Assert.True((await DrawnSizesAsync()).Count > before, $"Showing the group beside {person} should draw more of the network");
    }

    [Fact]
    public async Task The_network_page_at_1440x900_draws_every_name_large_enough_to_read()
    {
        await Page.SetViewportSizeAsync(1440, 900);
        var network = await DrawnNetwork.OfAsync(App.Network, App.Viewer, "P001", App.Today);
        await OpenAsync("/network/P001");
        await Expect(Page.Locator(".diagram-link")).ToHaveCountAsync(network.Links);

        var sizes = await DrawnSizesAsync();
        AssertAtLeast(sizes, 13, 0, "the network page at 1440x900");
        await SaveScreenshotAsync("network-1440x900.png");
    }

    /// <summary>
    /// At a desk the words never shrink below what can be read: on a smaller screen the network is panned instead,
    /// so only the sizes are asked of it there, and a larger screen fits it whole.
    /// </summary>
    [Theory]
    [InlineData(1920, 1080, true)]
    [InlineData(1280, 720, false)]
    public async Task The_network_page_draws_names_at_13_px_or_more_on_a_large_screen_and_a_small_one(int width, int height, bool whole)
    {
        await Page.SetViewportSizeAsync(width, height);
        var network = await DrawnNetwork.OfAsync(App.Network, App.Viewer, "P001", App.Today);
        await OpenAsync("/network/P001");
        await Expect(Page.Locator(".diagram-link")).ToHaveCountAsync(network.Links);

        var sizes = await DrawnSizesAsync();
        AssertAtLeast(whole ? sizes : [.. sizes.Select(s => s with { OnCanvas = true })], 13, 0, $"the network page at {width}x{height}");
        Assert.Equal(network.Nodes.Count, sizes.Count);
    }

    /// <summary>One node's words as drawn: its accessible name, the size of its name and second line, and whether it is on the canvas.</summary>
    private sealed record Drawn(string Node, double Name, double? Second, bool OnCanvas);

    private static void AssertAtLeast(IReadOnlyList<Drawn> sizes, double name, double second, string where)
    {
        Assert.NotEmpty(sizes);
        var report = string.Join("\n", sizes.Select(s => $"{s.Node}: name {s.Name:0.0} px, second line {s.Second:0.0} px{(s.OnCanvas ? "" : ", off the canvas")}"));
        TestContext.Current.TestOutputHelper?.WriteLine($"{where}:\n{report}");
        Assert.True(sizes.All(s => s.Name >= name && (s.Second is null || s.Second >= second) && s.OnCanvas),
            $"In {where} every name should be drawn at {name} px or more and every second line at {second} px or more, all on the canvas:\n{report}");
    }

    /// <summary>
    /// Every node's words in CSS pixels on the screen: the text's computed font size times the scale the diagram
    /// draws its node at (the node's width on screen over its width in the page's layout).
    /// </summary>
    private async Task<IReadOnlyList<Drawn>> DrawnSizesAsync()
    {
        // The network is fitted once the browser has measured the canvas: the canvas then carries the zoom, and
        // the nodes are drawn at it.
        await Page.WaitForFunctionAsync("""
            () => {
                const canvas = document.querySelector('.pw-canvas[data-fitted-zoom]');
                const node = document.querySelector('.pw-node');
                return canvas && node && Math.abs(node.getBoundingClientRect().width / node.offsetWidth - Number(canvas.dataset.fittedZoom)) < 0.001;
            }
            """);
        var json = await Page.EvaluateAsync<JsonElement>("""
            () => {
                const canvas = document.querySelector('.pw-canvas').getBoundingClientRect();
                return [...document.querySelectorAll('[data-node-key]')].map(node => {
                    const box = node.getBoundingClientRect();
                    const scale = box.width / node.offsetWidth;
                    const size = selector => {
                        const text = node.matches(selector) ? node : node.querySelector(selector);
                        return text ? parseFloat(getComputedStyle(text).fontSize) * scale : null;
                    };
                    return {
                        node: node.getAttribute('aria-label'),
                        name: size('.pw-name, .pw-household-label'),
                        second: size('.pw-detail'),
                        onCanvas: box.left >= canvas.left - 1 && box.right <= canvas.right + 1 && box.top >= canvas.top - 1 && box.bottom <= canvas.bottom + 1,
                    };
                });
            }
            """);
        return [.. json.EnumerateArray().Select(e => new Drawn(
            e.GetProperty("node").GetString() ?? "",
            e.GetProperty("name").ValueKind == JsonValueKind.Number ? e.GetProperty("name").GetDouble() : 0,
            e.GetProperty("second").ValueKind == JsonValueKind.Number ? e.GetProperty("second").GetDouble() : null,
            e.GetProperty("onCanvas").GetBoolean()))];
    }

    /// <summary>
    /// Every way a node's words can be cut short or hidden, in words: a name, second line or household caption wider
    /// or taller than its box (scrolled, or ended with an ellipsis), words reaching outside their node, two nodes drawn
    /// over each other, a household's outline or caption over a node that does not live there, two outlines crossing.
    /// </summary>
    private async Task<IReadOnlyList<string>> CutOrCoveredAsync() => await Page.EvaluateAsync<string[]>("""
        () => {
            const problems = [];
            const name = element => (element.closest('[data-node-key]') ?? element.querySelector('[data-node-key]'))?.getAttribute('aria-label') ?? element.className;
            const inside = (inner, outer) => inner.left >= outer.left - 1 && inner.right <= outer.right + 1 && inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1;
            const cross = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
            const texts = [...document.querySelectorAll('.pw-node .pw-name, .pw-node .pw-detail, .pw-household-label')];
            for (const text of texts) {
                const style = getComputedStyle(text);
                if (text.scrollWidth > text.clientWidth + 1 || text.scrollHeight > text.clientHeight + 1) {
                    problems.push(`"${text.textContent.trim()}" of ${name(text)} needs ${text.scrollWidth}x${text.scrollHeight} px and has ${text.clientWidth}x${text.clientHeight}`);
                }
                if (style.textOverflow === 'ellipsis' && style.overflowX !== 'visible') {
                    problems.push(`"${text.textContent.trim()}" of ${name(text)} would end in an ellipsis if it did not fit`);
                }
                const node = text.closest('.pw-node');
                if (node && !inside(text.getBoundingClientRect(), node.getBoundingClientRect())) {
                    problems.push(`"${text.textContent.trim()}" reaches outside its node ${name(text)}`);
                }
            }
            const nodes = [...document.querySelectorAll('.pw-node')];
            for (let i = 0; i < nodes.length; i++) {
                for (let j = i + 1; j < nodes.length; j++) {
                    if (cross(nodes[i].getBoundingClientRect(), nodes[j].getBoundingClientRect())) {
                        problems.push(`${name(nodes[i])} is drawn over ${name(nodes[j])}`);
                    }
                }
            }
            const households = [...document.querySelectorAll('.pw-household')];
            for (const household of households) {
                const label = household.querySelector('.pw-household-label');
                for (const node of nodes.filter(n => !household.contains(n))) {
                    if (cross(household.getBoundingClientRect(), node.getBoundingClientRect()) || cross(label.getBoundingClientRect(), node.getBoundingClientRect())) {
                        problems.push(`the outline of ${name(household)} covers ${name(node)}, who does not live there`);
                    }
                }
                for (const other of households.filter(h => h !== household && !h.contains(household) && !household.contains(h))) {
                    if (household.compareDocumentPosition(other) & Node.DOCUMENT_POSITION_FOLLOWING && cross(household.getBoundingClientRect(), other.getBoundingClientRect())) {
                        problems.push(`the outlines of ${name(household)} and ${name(other)} cross`);
                    }
                }
            }
            return problems;
        }
        """);

    private Task SaveScreenshotAsync(string name)
    {
        var folder = Path.Combine(RepoPaths.Docs, "screenshots");
        Directory.CreateDirectory(folder);
        return Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), Animations = ScreenshotAnimations.Disabled });
    }
}
