using System.Text.Json;
using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
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
    [InlineData(1280, 720, 14, 12)]
    public async Task Meeting_mode_draws_every_name_and_second_line_large_enough_to_read_across_the_room(int width, int height, double name, double second)
    {
        await Page.SetViewportSizeAsync(width, height);
        var network = await DrawnNetwork.OfAsync(App.Network, App.Viewer, "P001", App.Today);
        await OpenAsync("/meeting/P001");
        await Expect(Page.Locator(".diagram-link")).ToHaveCountAsync(network.Links);

        var sizes = await DrawnSizesAsync();
        AssertAtLeast(sizes, name, second, $"meeting mode at {width}x{height}");
        await SaveScreenshotAsync($"meeting-{width}x{height}.png");
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
                        name: size('.pw-name, .pw-household-label, .pw-group-name'),
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
