using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests;

public sealed class SearchTests(PatchworkApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Typing_a_name_and_picking_the_person_opens_their_network()
    {
        await OpenAsync("/");

        await Page.GetByLabel("Find a person, household, professional or agency").First.FillAsync("Ava");
        await Page.GetByRole(AriaRole.Option, new() { Name = "Ava Turner" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/network/P001$"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex("^Ava Turner, 12$"));
    }

    [Fact]
    public async Task A_name_no_one_has_says_so()
    {
        await OpenAsync("/");

        await Page.GetByLabel("Find a person, household, professional or agency").First.FillAsync("Zzyzx");

        await Expect(Page.GetByText("No one found.")).ToBeVisibleAsync();
    }
}
