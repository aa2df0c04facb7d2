using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using Patchwork.Graph.Access;
using Patchwork.Graph.Feed;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests;

/// <summary>
/// "Feed messages to match": a message from Northvale Homes' system naming an NHS number nobody has waits on the
/// coordinator's list until Jo Whitfield matches it to George Ellis (P066) or rejects it.
/// </summary>
public sealed class FeedMatchTests(ChangeableApp app) : BrowserTest(app), IClassFixture<ChangeableApp>
{
    protected override string SignedInAs => DemoData.CoordinatorEmail;

    private async Task HoldAsync(string sourceId, string nhsNumber)
    {
        var message = JsonSerializer.SerializeToElement(new
        {
            sourceId, nhsNumber, professionalId = "PR034", role = "Housing options officer", since = App.Today.ToString("yyyy-MM-dd"),
        });
        var answer = await App.Feed.ReceiveAsync(Viewer.ForClient("housing-system", "A10"), "housing-system", FeedKind.Involvement, message, Cancellation);
        Assert.Equal(202, answer.Status);
    }

    [Fact]
    public async Task A_coordinator_matches_a_held_message_to_a_person_found_by_search_and_rejects_another()
    {
        await HoldAsync("e2e-match", "9991234527");
        await HoldAsync("e2e-reject", "9991234519");

        await OpenAsync("/coordinator");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Feed messages to match (2)" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Feed messages to match" })).ToBeVisibleAsync();
        var toMatch = Page.GetByRole(AriaRole.Article).Filter(new() { HasText = "e2e-match" });
        await Expect(toMatch.GetByRole(AriaRole.Heading)).ToHaveTextAsync(new Regex("Involvement: Wes Thornton as Housing options officer"));
        await AssertNoViolationsAsync();

        await toMatch.GetByRole(AriaRole.Textbox, new() { Name = "Find the person for message e2e-match" }).FillAsync("George Ellis");
        await toMatch.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await toMatch.GetByRole(AriaRole.Button, new() { Name = "Match to George Ellis" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Matched to George Ellis");
        await AssertNoViolationsAsync();

        var toReject = Page.GetByRole(AriaRole.Article).Filter(new() { HasText = "e2e-reject" });
        await toReject.GetByRole(AriaRole.Button, new() { Name = "Reject the message" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("No feed message is waiting to be matched.");

        var team = await App.Store.GetTeamAsync("P066", App.Today, Cancellation);
        Assert.Contains(team, m => m.Professional.Id == "PR034" && m.Involvement.Role == "Housing options officer");
    }
}
