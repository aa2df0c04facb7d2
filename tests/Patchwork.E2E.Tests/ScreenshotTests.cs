using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests;

/// <summary>Pictures of the main screens for the docs (docs/screenshots), taken at 1600x1000 on every run.</summary>
public sealed class ScreenshotTests(PatchworkApp app) : BrowserTest(app)
{
    private static string Folder => Path.Combine(RepoPaths.Docs, "screenshots");

    [Fact]
    public async Task Main_screens_are_captured_for_the_docs()
    {
        var network = await DrawnNetwork.OfAsync(App.Network, App.Viewer, "P001", App.Today);
        var stepped = await DrawnNetwork.OfAsync(App.Network, App.Viewer, "P001", App.Today, 1, DemoData.Margaret);
        Directory.CreateDirectory(Folder);

        await OpenAsync("/");
        await Page.GetByLabel("Find a person, household, professional or agency").First.FillAsync("Turner");
        await Expect(Page.GetByRole(AriaRole.Option, new() { Name = "Ava Turner" })).ToBeVisibleAsync();
        await SaveAsync("home-search.png");

        await OpenAsync("/network/P001");
        await Expect(Page.Locator(".diagram-link")).ToHaveCountAsync(network.Links);
        await SaveAsync("network.png");

        await Node("Person: Margaret Hale").DblClickAsync();
        await Expect(Node("Household: Margaret Hale")).ToBeVisibleAsync();
        await Expect(Page.Locator(".diagram-link")).ToHaveCountAsync(stepped.Links);
        await SaveAsync("network-step-out.png");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Table view" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Rowheader)).ToHaveCountAsync(stepped.Nodes.Count);
        await SaveAsync("table-view.png");

        await OpenAsync("/network/P001");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Hand over lead" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Radio)).ToHaveCountAsync(2);
        await SaveAsync("hand-over-lead.png");

        await OpenAsync("/household/H001");
        await Expect(Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Ava Turner" })).ToBeVisibleAsync();
        await SaveAsync("household.png");

        Assert.All(
            new[] { "home-search.png", "network.png", "network-step-out.png", "table-view.png", "hand-over-lead.png", "household.png" },
            name => Assert.True(new FileInfo(Path.Combine(Folder, name)).Length > 10_000, $"{name} looks empty."));
    }

    private Task SaveAsync(string name) => Save(Page, name);

    internal static Task Save(IPage page, string name) => page.ScreenshotAsync(new PageScreenshotOptions
    {
        Path = Path.Combine(Folder, name),
        Animations = ScreenshotAnimations.Disabled,
    });
}

/// <summary>The coordinator's dashboard for the docs, with the concerns list open.</summary>
public sealed class CoordinatorScreenshotTests(PatchworkApp app) : BrowserTest(app)
{
    protected override string SignedInAs => DemoData.CoordinatorEmail;

    [Fact]
    public async Task The_dashboard_is_captured_for_the_docs()
    {
        await OpenAsync("/coordinator?list=concerns");
        await Expect(Page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link, new() { Name = "Mason Hughes" })).ToBeVisibleAsync();
        await ScreenshotTests.Save(Page, "coordinator.png");

        Assert.True(new FileInfo(Path.Combine(RepoPaths.Docs, "screenshots", "coordinator.png")).Length > 10_000, "coordinator.png looks empty.");
    }
}
