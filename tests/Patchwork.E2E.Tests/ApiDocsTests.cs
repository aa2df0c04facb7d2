using System.Collections.Concurrent;
using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests;

/// <summary>
/// The feed API's reference page renders in Chromium under the app's content security policy, offline: every request
/// the page makes goes to the app itself, and the browser reports no refused script, style or connection.
/// </summary>
public sealed class ApiDocsTests(PatchworkApp app) : BrowserTest(app)
{
    [Fact]
    public async Task The_reference_page_renders_the_document_from_the_app_alone_with_no_policy_violation()
    {
        // Not signed in: in Development the page is open to anyone.
        await using var context = await App.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseUrl.ToString() });
        var elsewhere = new ConcurrentQueue<string>();
        var problems = new ConcurrentQueue<string>();
        // Anything not for the app is refused, as on a machine with no internet; it is also recorded, so a page that
        // reaches out fails the test even if it would have rendered without the answer.
        await context.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Scheme is "data" or "blob" || (url.Host == App.BaseUrl.Host && url.Port == App.BaseUrl.Port))
            {
                await route.ContinueAsync();
                return;
            }

            elsewhere.Enqueue(route.Request.Url);
            await route.AbortAsync();
        });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Enqueue(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Enqueue("page error: " + error);
        var document = page.WaitForResponseAsync(r => r.Url.EndsWith("/openapi/v1.json", StringComparison.Ordinal));

        await page.GotoAsync("/api/docs");

        Assert.Equal(200, (await document).Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Patchwork feed API", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("patchwork.write").First).ToBeAttachedAsync();
        var policy = await page.EvaluateAsync<bool>("() => typeof window.Scalar === 'object'");
        Assert.True(policy, "Scalar's script did not run: the page's policy refused it.");
        Assert.True(elsewhere.IsEmpty, "The page reached outside the app: " + string.Join(", ", elsewhere));
        Assert.True(problems.IsEmpty, "The browser reported errors: " + string.Join("\n", problems));
    }
}
