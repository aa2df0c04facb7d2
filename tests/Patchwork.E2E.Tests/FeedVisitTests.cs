using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests;

/// <summary>
/// The "done when", as a school system's developer tries it: Northvale Academy's system gets a token, posts
/// Rebecca Hollis's visit to Ruby Fraser (P059) twice, and the coordinator watching Ruby's network sees it once, live.
/// </summary>
public sealed class FeedVisitTests(ChangeableApp app) : BrowserTest(app), IClassFixture<ChangeableApp>
{
    private const string Ruby = "P059";
    private const string Rebecca = "PR023";

    /// <summary>The figure: every open view shows a change within 2 seconds.</summary>
    private static readonly LocatorAssertionsToContainTextOptions WithinTwoSeconds = new() { Timeout = 2_000 };

    protected override string SignedInAs => DemoData.CoordinatorEmail;

    [Fact]
    public async Task A_visit_posted_twice_by_a_school_system_shows_once_on_the_childs_open_network_within_two_seconds()
    {
        await OpenAsync($"/network/{Ruby}");
        var team = Page.GetByRole(AriaRole.Region, new() { Name = "Team around Ruby Fraser" });
        var rebecca = team.GetByRole(AriaRole.Listitem).Filter(new() { Has = Page.GetByRole(AriaRole.Heading, new() { Name = "Rebecca Hollis" }) });
        await Expect(rebecca).ToContainTextAsync("Last contact: ");
        await Expect(rebecca).Not.ToContainTextAsync("(today), seen alone");
        var before = await App.Store.GetRevisionAsync(Ruby, Cancellation);

        using var http = new HttpClient { BaseAddress = App.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http));
        var at = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds());
        var visit = new
        {
            sourceId = "mis-visit-e2e", personId = Ruby, professionalId = Rebecca, at = at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            kind = "visit", planned = false, seen = true, seenAlone = true,
        };
        var first = await PostAsync(http, visit);
        var second = await PostAsync(http, visit);

        await Expect(rebecca).ToContainTextAsync("Last contact: visit", WithinTwoSeconds);
        await Expect(rebecca).ToContainTextAsync("(today), seen alone", WithinTwoSeconds);
        Assert.Equal(201, first.Status);
        Assert.Equal(first, second);
        // Recorded once: one write to Ruby's network, and it is the visit sent.
        Assert.Equal(before.Number + 1, (await App.Store.GetRevisionAsync(Ruby, Cancellation)).Number);
        Assert.Equal(before.Number + 1, JsonDocument.Parse(first.Body).RootElement.GetProperty("revision").GetInt64());
        var members = await App.Store.GetTeamAsync(Ruby, App.Today, Cancellation);
        Assert.Equal(at, members.Single(m => m.Professional.Id == Rebecca).LastContact!.At);
    }

    private static async Task<string> TokenAsync(HttpClient http)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = ChangeableApp.SchoolClient,
            ["client_secret"] = ChangeableApp.SchoolSecret,
            ["scope"] = "patchwork.read patchwork.write",
        });
        using var response = await http.PostAsync(new Uri("/dev-identity/connect/token", UriKind.Relative), form, Cancellation);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.IsSuccessStatusCode, $"token request: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    private static async Task<(int Status, string Body)> PostAsync(HttpClient http, object message)
    {
        using var response = await http.PostAsJsonAsync(new Uri("/api/v1/contacts", UriKind.Relative), message, Cancellation);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(Cancellation));
    }
}
