using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests.Attacks;

/// <summary>
/// Every read path, asked by an outsider to the demo's sensitive service: search box, node pages, the network
/// with a step out, node details and table view, meeting mode, and every export. Nothing of the service reaches
/// the page or the circuit. See README.md in this folder to add an attack.
/// </summary>
public sealed class ReadPathAttacks(PatchworkApp app) : BrowserTest(app)
{
    private const string SearchLabel = "Find a person, household, professional or agency";

    [Theory]
    [InlineData("Pathways")]
    [InlineData("Recovery")]
    [InlineData("Kieran")]
    [InlineData("Tasha Quinn")]
    [InlineData("Lynch")]
    public async Task The_search_box_finds_nothing_of_the_sensitive_service(string typed)
    {
        var frames = CircuitFrames.Record(Page);
        await OpenAsync("/");

        await Page.GetByLabel(SearchLabel).First.FillAsync(typed);

        await Expect(Page.GetByText("No one found.")).ToBeVisibleAsync();
        await SensitiveService.NoneOnAsync(Page, frames, typed);
    }

    [Theory]
    [InlineData("/professional/PR005", "/professional/PR995")]
    [InlineData("/professional/PR036", "/professional/PR996")]
    [InlineData("/agency/A12", "/agency/A99")]
    public async Task A_page_about_the_sensitive_service_reads_as_one_about_nothing(string hidden, string missing)
    {
        var (missingStatus, missingTitle, missingText) = await PageAsync(missing);
        var frames = CircuitFrames.Record(Page);

        var (status, title, text) = await PageAsync(hidden);

        Assert.Equal(missingStatus, status);
        Assert.Equal(missingTitle, title);
        Assert.Equal(missingText.Replace(missing.Split('/')[^1], hidden.Split('/')[^1], StringComparison.Ordinal), text);
        await SensitiveService.NoneOnAsync(Page, frames);
    }

    [Fact]
    public async Task The_network_stepped_out_to_the_client_with_details_and_table_shows_a_placeholder_only()
    {
        var frames = CircuitFrames.Record(Page);
        await OpenAsync($"/network/P001?expand=person%3A{SensitiveService.Client}");
        await Expect(Node("Person: Liam Turner")).ToHaveAccessibleNameAsync(new Regex("stepped out$"));

        var placeholder = Node("Professional: A sensitive service is involved").First;
        await placeholder.ClickAsync();
        await Expect(Page.Locator("#details-heading")).ToHaveTextAsync("Professional: A sensitive service is involved");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Table view" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Table)).ToBeVisibleAsync();

        await SensitiveService.NoneOnAsync(Page, frames);
    }

    [Fact]
    public async Task Meeting_mode_with_contact_details_shown_keeps_the_service_hidden()
    {
        var frames = CircuitFrames.Record(Page);
        await OpenAsync($"/meeting/P001?expand=person%3A{SensitiveService.Client}");
        // Drawn as its placeholder, or - where the room's size groups the family's other professionals so every name
        // stays readable - counted beside the diagram as a sensitive service; named neither way.
        await Expect(Node("Professional: A sensitive service is involved").Or(Page.GetByText("+ a sensitive service")).First).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Show contact details" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Hide contact details" })).ToBeVisibleAsync();

        await SensitiveService.NoneOnAsync(Page, frames);
    }

    [Fact]
    public async Task The_svg_and_png_exports_of_a_stepped_out_network_keep_the_service_hidden()
    {
        var frames = CircuitFrames.Record(Page);
        await OpenAsync($"/network/P001?expand=person%3A{SensitiveService.Client}");
        await Expect(Node("Professional: A sensitive service is involved").First).ToBeVisibleAsync();

        var svg = await DownloadAsync("Diagram as SVG");
        var text = await File.ReadAllTextAsync(await svg.PathAsync(), Cancellation);
        Assert.Contains("Liam Turner", text, StringComparison.Ordinal);
        SensitiveService.NoneIn(text, "SVG file");

        // The PNG is drawn in the browser from markup the circuit sends: that markup is in the frames.
        var png = await DownloadAsync("Diagram as PNG");
        Assert.EndsWith(".png", png.SuggestedFilename, StringComparison.Ordinal);
        await SensitiveService.NoneOnAsync(Page, frames);
    }

    [Fact]
    public async Task The_team_csv_of_the_services_client_names_no_worker()
    {
        // Sam is not on Liam's team: he states a reason to open it (break glass), then exports the team.
        var frames = CircuitFrames.Record(Page);
        await OpenAsync($"/network/{SensitiveService.Client}");
        await Page.GetByLabel("Why do you need to see this network?").FillAsync("Liam is due to collect Ava today; checking who else supports him.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Record my reason and open the network" }).ClickAsync();
        await Expect(Node("Person: Liam Turner")).ToBeVisibleAsync();

        var csv = await DownloadAsync("Team as CSV");
        var rows = await File.ReadAllTextAsync(await csv.PathAsync(), Cancellation);

        Assert.Contains("A sensitive service is involved", rows, StringComparison.Ordinal);
        SensitiveService.NoneIn(rows, "team CSV");
        await SensitiveService.NoneOnAsync(Page, frames);
    }

    private async Task<(int? Status, string Title, string Text)> PageAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        var heading = Page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Expect(heading).ToBeVisibleAsync();
        await Expect(Page).ToHaveTitleAsync(new Regex(" - Patchwork$"));
        return (response?.Status, await Page.TitleAsync(), await Page.Locator("#main").InnerTextAsync());
    }

    private async Task<IDownload> DownloadAsync(string item)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Export" }).ClickAsync();
        return await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Menuitem, new() { Name = item }).ClickAsync());
    }
}

/// <summary>The same read paths for a coordinator, who may see the service: each attack above could fail.</summary>
public sealed class ReadPathAttacksSeenByTheCoordinator(PatchworkApp app) : BrowserTest(app)
{
    protected override string SignedInAs => DemoData.CoordinatorEmail;

    [Fact]
    public async Task The_search_box_finds_the_services_worker_for_a_coordinator()
    {
        await OpenAsync("/");

        await Page.GetByLabel("Find a person, household, professional or agency").First.FillAsync("Kieran");

        await Expect(Page.GetByRole(AriaRole.Option, new() { NameRegex = new Regex("Kieran Lynch") })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_page_about_the_services_worker_names_him_to_a_coordinator()
    {
        await OpenAsync("/professional/PR005");

        await Expect(Page).ToHaveTitleAsync("Kieran Lynch - Patchwork");
    }
}
