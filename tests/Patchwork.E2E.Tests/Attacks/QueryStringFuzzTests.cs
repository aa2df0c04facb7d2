using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using Patchwork.Graph.Audit;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests.Attacks;

/// <summary>
/// Every address is safe to type: boundary values and seeded random values in the query string of every routed
/// page never leave a dead circuit (Blazor's error bar stays hidden, the page's heading shows, nothing answers 500),
/// every file endpoint answers without a 500, and an id that names nobody answers exactly as one the viewer may
/// not see. One browser page per signed-in user, reused for the whole class; the number of addresses is bounded.
/// </summary>
public sealed class QueryStringFuzzTests(PatchworkApp app, QueryStringFuzzTests.Pages pages) : IClassFixture<QueryStringFuzzTests.Pages>
{
    /// <summary>The random values' seed: fixed, so a failure can be run again; PATCHWORK_FUZZ_SEED changes it.</summary>
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("PATCHWORK_FUZZ_SEED"), CultureInfo.InvariantCulture, out var seed) ? seed : 20261203;

    private const int RandomAddresses = 16;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Values at and past every edge a query string value has, already escaped for a URL.</summary>
    private static readonly string[] Boundary =
    [
        "2147483648", "-1", "0", "99999999999999999999999999", "",
        "0001-01-01", "9999-12-31", "2026-02-30", "1899-12-31",
        "junk", Uri.EscapeDataString("ü🙂名前"), "..%2F..%2Fetc%2Fpasswd", "../../", "%00", "%E0%A4%A", "%C0%AF", "%",
        Uri.EscapeDataString("professional:sensitive-1"), Uri.EscapeDataString("person:P999"), Uri.EscapeDataString("agency:A01,,,:,person:"),
        new string('9', 3000),
    ];

    /// <summary>For a page that reads no query string: enough to show it ignores one.</summary>
    private static readonly string[] Ignored = ["2147483648", "9999-12-31", "%00", "..%2F..%2Fetc", "%E0%A4%A", new string('9', 3000)];

    /// <summary>Each routed page, who opens it, the query keys it reads, and how to tell it has finished drawing.</summary>
    private static readonly RoutedPage[] Routed =
    [
        new("/network/P001", DemoData.SamEmail, ["asAt", "depth", "expand"], Settled.Heading),
        new("/meeting/P001", DemoData.SamEmail, ["asAt", "depth", "expand"], Settled.Heading),
        new("/coordinator", DemoData.CoordinatorEmail, ["asAt", "list"], Settled.Counted),
        new("/audit", DemoData.GovernanceEmail, ["person"], Settled.Verified),
        new("/household/H001", DemoData.SamEmail, ["asAt", "depth"], Settled.Idle, ReadsQuery: false),
        new("/professional/PR001", DemoData.SamEmail, ["asAt", "depth"], Settled.Idle, ReadsQuery: false),
        new("/agency/A01", DemoData.SamEmail, ["asAt", "depth"], Settled.Idle, ReadsQuery: false),
        new("/people/new", DemoData.SamEmail, ["asAt", "expand"], Settled.Heading, ReadsQuery: false),
        new("/", DemoData.SamEmail, ["asAt", "list"], Settled.Idle, ReadsQuery: false),
    ];

    [Fact]
    public async Task Boundary_values_in_any_query_key_of_any_routed_page_never_kill_the_circuit()
    {
        var failures = new List<string>();
        foreach (var page in Routed)
        {
            foreach (var key in page.Keys)
            {
                foreach (var value in page.ReadsQuery ? Boundary : Ignored)
                {
                    await CheckAsync(page, $"{key}={value}", failures);
                }
            }

            // Repeated keys, and every key junk at once.
            await CheckAsync(page, string.Join('&', page.Keys.Select(k => $"{k}=2025-01-01&{k}=9999-12-31&{k}=")), failures);
            await CheckAsync(page, string.Join('&', page.Keys.Select(k => $"{k}=2147483648")), failures);
        }

        Assert.True(failures.Count == 0, $"{failures.Count} address(es) broke a page:\n{string.Join('\n', failures)}");
    }

    [Fact]
    public async Task Seeded_random_values_in_the_query_string_never_kill_the_circuit()
    {
        var random = new Random(Seed);
        var failures = new List<string>();
        for (var i = 0; i < RandomAddresses; i++)
        {
            var page = Routed[random.Next(Routed.Length)];
            var query = string.Join('&', Enumerable.Range(0, random.Next(1, 4)).Select(_ => $"{page.Keys[random.Next(page.Keys.Count)]}={Uri.EscapeDataString(RandomValue(random))}"));
            await CheckAsync(page, query, failures);
        }

        Assert.True(failures.Count == 0, $"With seed {Seed} (set PATCHWORK_FUZZ_SEED to run it again), {failures.Count} address(es) broke a page:\n{string.Join('\n', failures)}");
    }

    [Fact]
    public async Task Every_file_endpoint_answers_any_query_string_without_a_server_error()
    {
        var failures = new List<string>();
        var random = new Random(Seed);
        var values = Boundary.Concat(Enumerable.Range(0, 6).Select(_ => Uri.EscapeDataString(RandomValue(random)))).ToList();
        string[] team = ["/network/P001/team.csv", "/network/P999/team.csv", "/network/P002/team.csv"];
        foreach (var path in team)
        {
            foreach (var value in values)
            {
                await ExpectNoServerErrorAsync(DemoData.SamEmail, $"{path}?asAt={value}&audience={value}", failures);
            }
        }

        foreach (var value in values)
        {
            await ExpectNoServerErrorAsync(DemoData.CoordinatorEmail, $"/coordinator/no-lead.csv?asAt={value}", failures);
            await ExpectNoServerErrorAsync(DemoData.CoordinatorEmail, $"/coordinator/{value}.csv?asAt={value}", failures);
            await ExpectNoServerErrorAsync(DemoData.CoordinatorEmail, $"/network/P999/team.csv?asAt={value}", failures);
            await ExpectNoServerErrorAsync(DemoData.GovernanceEmail, $"/audit/export.csv?person={value}", failures);
        }

        // Odd ids in the path itself, for every page and file that takes one.
        foreach (var id in new[] { "P999", "..%2F..%2Fetc", "%00", "%2e%2e", Uri.EscapeDataString("sensitive-1"), new string('P', 3000), "%E0%A4%A" })
        {
            foreach (var path in new[] { $"/network/{id}", $"/meeting/{id}", $"/household/{id}", $"/professional/{id}", $"/agency/{id}", $"/network/{id}/team.csv" })
            {
                await ExpectNoServerErrorAsync(DemoData.SamEmail, path, failures);
            }
        }

        Assert.True(failures.Count == 0, $"With seed {Seed}, {failures.Count} request(s) answered with a server error:\n{string.Join('\n', failures)}");
    }

    [Fact]
    public async Task An_id_that_names_nobody_answers_as_a_network_not_open_does_and_both_are_recorded_as_refused()
    {
        var api = (await pages.ForAsync(app, DemoData.SamEmail)).APIRequest;
        foreach (var query in new[] { "", "?audience=meeting", "?asAt=2025-01-01" })
        {
            var unknown = await api.GetAsync($"/network/P999/team.csv{query}");
            var forbidden = await api.GetAsync($"/network/P002/team.csv{query}");
            Assert.Equal(403, forbidden.Status);
            Assert.Equal(forbidden.Status, unknown.Status);
            Assert.Equal(await forbidden.TextAsync(), await unknown.TextAsync());
        }

        var page = await pages.ForAsync(app, DemoData.SamEmail);
        foreach (var route in new[] { "network", "meeting" })
        {
            Assert.Equal(await MainTextAsync(page, $"/{route}/P002"), await MainTextAsync(page, $"/{route}/P999"));
        }

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This network is not open to you");
        foreach (var id in new[] { "P999", "P002" })
        {
            var trail = await app.Audit.ForPersonAsync(id, cancellationToken: Cancellation);
            Assert.Contains(trail, r => r.Entry.Action == AuditActions.Refused && r.Entry.Actor == app.Viewer.ProfessionalId && r.Entry.Target == $"person:{id}");
        }
    }

    [Fact]
    public async Task A_reason_given_for_an_id_that_names_nobody_is_recorded_and_the_page_says_there_is_no_such_person()
    {
        var page = await pages.ForAsync(app, DemoData.SamEmail);
        await GoAsync(page, "/network/P998");
        await page.GetByLabel("Why do you need to see this network?").FillAsync("A caller gave this id for a child, checking who is involved.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record my reason and open the network" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is no person with the id 'P998'" })).ToBeVisibleAsync();
        var trail = await app.Audit.ForPersonAsync("P998", cancellationToken: Cancellation);
        Assert.Contains(trail, r => r.Entry.Action == AuditActions.BreakGlass && r.Entry.Reason!.StartsWith("A caller gave", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_measured_breaks_fall_back_with_a_notice_on_the_page()
    {
        var page = await pages.ForAsync(app, DemoData.SamEmail);

        await GoAsync(page, "/network/P001?asAt=9999-12-31");
        await Expect(page.GetByRole(AriaRole.Note).Filter(new() { HasText = "The date 9999-12-31 is outside the records" })).ToContainTextAsync("showing today.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Ava Turner");

        await GoAsync(page, "/network/P001?depth=2147483648");
        await Expect(page.GetByRole(AriaRole.Note).Filter(new() { HasText = "The depth '2147483648' is not one the page offers" })).ToBeVisibleAsync();

        await GoAsync(page, $"/network/P001?expand={Uri.EscapeDataString("person:P004,professional:sensitive-1")}");
        await Expect(page.GetByRole(AriaRole.Note).Filter(new() { HasText = "One step out could not be shown." })).ToBeVisibleAsync();
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();

        var file = await page.APIRequest.GetAsync("/network/P001/team.csv?asAt=9999-12-31");
        Assert.Equal(400, file.Status);
        Assert.StartsWith("The date 9999-12-31 is outside the records", await file.TextAsync(), StringComparison.Ordinal);
    }

    private async Task CheckAsync(RoutedPage routed, string query, List<string> failures)
    {
        var url = $"{routed.Path}?{query}";
        var page = await pages.ForAsync(app, routed.SignedInAs);
        try
        {
            var response = await page.GotoAsync(url);
            if (response is null || response.Status >= 500)
            {
                failures.Add($"{Short(url)}: answered {response?.Status}");
                return;
            }

            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            switch (routed.Settled)
            {
                case Settled.Counted:
                    await Expect(page.GetByText("Counting...")).ToHaveCountAsync(0);
                    break;
                case Settled.Verified:
                    await Expect(page.GetByText("check out against the hash chain")).ToBeVisibleAsync();
                    break;
                case Settled.Idle:
                    await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                    break;
            }

            await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync(new() { Timeout = 1000 });
        }
        catch (PlaywrightException exception)
        {
            failures.Add($"{Short(url)}: {exception.Message.Split('\n')[0]}");
        }
    }

    private async Task ExpectNoServerErrorAsync(string email, string path, List<string> failures)
    {
        var api = (await pages.ForAsync(app, email)).APIRequest;
        var response = await api.GetAsync(path, new() { MaxRedirects = 0 });
        if (response.Status >= 500)
        {
            failures.Add($"{Short(path)} as {email}: {response.Status}");
        }
    }

    private static async Task GoAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
    }

    private static async Task<string> MainTextAsync(IPage page, string url)
    {
        await GoAsync(page, url);
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        return await page.Locator("main, .pw-meeting").First.InnerTextAsync();
    }

    /// <summary>A value a person, a script or a broken link might put in an address.</summary>
    private static string RandomValue(Random random)
    {
        string[] pieces = ["2026-", "13", "-00", "9", "-", ":", ",", "person", "household:", "professional:", "agency:", "P0", "..", "/", "%", "\0", " ", "ü", "🙂", "'", "\"", "<b>", "&", "=", "+", "e9", "٣"];
        var text = new StringBuilder();
        var count = random.Next(0, 12);
        for (var i = 0; i < count; i++)
        {
            text.Append(pieces[random.Next(pieces.Length)]);
        }

        return random.Next(20) == 0 ? new string('x', random.Next(1000, 4000)) : text.ToString();
    }

    private static string Short(string url) => url.Length > 160 ? $"{url[..160]}... ({url.Length} characters)" : url;

    /// <summary>How a page shows it has finished drawing what its address asked for.</summary>
    public enum Settled
    {
        /// <summary>Its heading is drawn only once it has opened what it was asked for.</summary>
        Heading,

        /// <summary>The coordinator's counts are in.</summary>
        Counted,

        /// <summary>The audit trail's hash chain has been checked.</summary>
        Verified,

        /// <summary>Nothing more is loading.</summary>
        Idle,
    }

    private sealed record RoutedPage(string Path, string SignedInAs, IReadOnlyList<string> Keys, Settled Settled, bool ReadsQuery = true);

    /// <summary>One browser context and page per signed-in user, made on first use and kept for the class.</summary>
    public sealed class Pages : IAsyncDisposable
    {
        private readonly Dictionary<string, (IBrowserContext Context, IPage Page)> open = new(StringComparer.OrdinalIgnoreCase);

        public async Task<IPage> ForAsync(PatchworkApp app, string email)
        {
            ArgumentNullException.ThrowIfNull(app);
            if (!open.TryGetValue(email, out var found))
            {
                var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
                {
                    BaseURL = app.BaseUrl.ToString(),
                    ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
                    Locale = "en-GB",
                    TimezoneId = "Europe/London",
                    StorageStatePath = await app.SessionAsync(email),
                });
                context.SetDefaultTimeout(15_000);
                Assertions.SetDefaultExpectTimeout(15_000);
                found = (context, await context.NewPageAsync());
                open[email] = found;
            }

            return found.Page;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var (context, _) in open.Values)
            {
                await context.DisposeAsync();
            }
        }
    }
}
