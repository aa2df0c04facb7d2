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
        await AssertNoSeriousViolationsAsync();

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

    private Task SaveScreenshotAsync(string name)
    {
        var folder = Path.Combine(RepoPaths.Docs, "screenshots");
        Directory.CreateDirectory(folder);
        return Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), Animations = ScreenshotAnimations.Disabled });
    }
}
