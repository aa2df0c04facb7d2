using System.Globalization;
using System.Xml.Linq;
using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests;

/// <summary>The network as a picture or a spreadsheet: what the viewer may see, marked, and recorded.</summary>
public sealed class ExportTests(PatchworkApp app) : BrowserTest(app)
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public async Task The_diagram_downloads_as_an_SVG_with_the_focus_person_and_the_marking()
    {
        await OpenAsync("/network/P001");
        await Expect(Page.Locator(".diagram-link").First).ToBeAttachedAsync();

        var download = await DownloadAsync("Diagram as SVG");

        Assert.Matches(@"^network-ava-turner-\d{4}-\d{2}-\d{2}\.svg$", download.SuggestedFilename);
        var text = await File.ReadAllTextAsync(await download.PathAsync(), Cancellation);
        var svg = XDocument.Parse(text);
        Assert.Equal(Svg + "svg", svg.Root!.Name);
        var words = string.Join('\n', svg.Descendants(Svg + "text").Select(t => t.Value));
        Assert.Contains("Ava Turner, 12", words, StringComparison.Ordinal);
        Assert.Contains("OFFICIAL-SENSITIVE", words, StringComparison.Ordinal);
        Assert.Contains("Exported by Sam Adeyemi", words, StringComparison.Ordinal);
        Assert.Contains($"as at {App.Today.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}", words, StringComparison.Ordinal);
        // Sam may see Ava's home address, so his own export shows it; a sensitive service does not reach it.
        Assert.Contains("Household: 14 Elm Road", words, StringComparison.Ordinal);
        Assert.DoesNotContain("Kieran", text, StringComparison.Ordinal);
        await KeepAsync(download, "network.svg");

        var trail = await App.Audit.ForPersonAsync("P001", cancellationToken: Cancellation);
        Assert.Contains(trail, r => r.Entry.Action == "export" && r.Entry.Actor == "PR001" && r.Entry.Details!.StartsWith("diagram as SVG", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_export_from_a_meeting_has_no_contact_details_or_addresses()
    {
        await OpenAsync("/meeting/P001");
        await Expect(Page.Locator(".diagram-link").First).ToBeAttachedAsync();
        await Page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Priya Shah") }).CheckAsync();

        var svg = await DownloadAsync("Diagram as SVG");
        var text = await File.ReadAllTextAsync(await svg.PathAsync(), Cancellation);
        Assert.Equal(Svg + "svg", XDocument.Parse(text).Root!.Name);
        Assert.Contains("Ava Turner", text, StringComparison.Ordinal);
        Assert.Contains("in the room", text, StringComparison.Ordinal);
        Assert.DoesNotContain("14 Elm Road", text, StringComparison.Ordinal);
        await KeepAsync(svg, "meeting.svg");

        var png = await DownloadAsync("Diagram as PNG");
        Assert.Matches(@"^meeting-ava-turner-\d{4}-\d{2}-\d{2}\.png$", png.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync(await png.PathAsync(), Cancellation);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.True(bytes.Length > 20_000, $"The PNG is only {bytes.Length} bytes.");
        await KeepAsync(png, "meeting.png");

        var csv = await DownloadAsync("Team as CSV");
        var rows = (await File.ReadAllTextAsync(await csv.PathAsync(), Cancellation)).TrimStart('\uFEFF');
        Assert.StartsWith("name,role,lead,agency,team,phone,email", rows, StringComparison.Ordinal);
        Assert.Contains("Sam Adeyemi,Child protection social worker,yes", rows, StringComparison.Ordinal);
        Assert.DoesNotContain("01632", rows, StringComparison.Ordinal);
        Assert.DoesNotContain("@", rows, StringComparison.Ordinal);

        var trail = await App.Audit.ForPersonAsync("P001", cancellationToken: Cancellation);
        Assert.Contains(trail, r => r.Entry.Action == "export" && r.Entry.Details!.StartsWith("diagram as PNG", StringComparison.Ordinal) && r.Entry.Details.EndsWith("meeting view, contact details hidden", StringComparison.Ordinal));
        Assert.Contains(trail, r => r.Entry.Action == "export" && r.Entry.Details!.StartsWith("team as CSV", StringComparison.Ordinal) && r.Entry.Details.EndsWith("meeting view, contact details hidden", StringComparison.Ordinal));
    }

    private async Task<IDownload> DownloadAsync(string item)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Export" }).ClickAsync();
        return await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Menuitem, new() { Name = item }).ClickAsync());
    }

    /// <summary>Keeps a copy beside the test binaries, to look at.</summary>
    private static async Task KeepAsync(IDownload download, string name)
    {
        var folder = Path.Combine(RepoPaths.Artifacts, "exports");
        Directory.CreateDirectory(folder);
        await download.SaveAsAsync(Path.Combine(folder, name));
    }
}
