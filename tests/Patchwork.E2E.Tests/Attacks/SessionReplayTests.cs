using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests.Attacks;

/// <summary>
/// The app of these tests: sessions end after 15 seconds unused and 45 seconds after sign-in, set through the same
/// environment variables an operator would use, so the lifetime rules can be watched within a test.
/// </summary>
public sealed class ShortSessionsApp : PatchworkApp
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromSeconds(45);

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Authentication__Session__IdleTimeout"] = "00:00:15",
        ["Authentication__Session__AbsoluteLifetime"] = "00:00:45",
    };
}

/// <summary>
/// Someone copies a signed-in person's cookies (a shared computer, a stolen laptop, malware) and uses them elsewhere.
/// Once the session has ended - signed out, ended by an administrator, timed out - the copy gets nothing, and an open
/// page is sent to sign in.
/// </summary>
public sealed partial class SessionReplayTests(ShortSessionsApp app) : IClassFixture<ShortSessionsApp>, IAsyncLifetime
{
    private const string TeamCsv = "/network/P001/team.csv";
    private static readonly Regex SignInPage = SignInPattern();
    private readonly List<IBrowserContext> contexts = [];

    public ValueTask InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(15_000);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.DisposeAsync();
        }
    }

    [Fact]
    public async Task Cookies_saved_before_sign_out_get_no_team_and_no_network_afterwards()
    {
        var sam = await SignedInPageAsync("/network/P001");
        await Expect(sam.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Ava Turner");
        var saved = await sam.Context.StorageStateAsync();
        var thief = await ContextAsync(saved);
        // The copy works while the session stands, so what follows shows signing out ended it.
        var before = await thief.APIRequest.GetAsync(TeamCsv);
        Assert.Equal(200, before.Status);
        Assert.Contains("01632", await before.TextAsync(), StringComparison.Ordinal);

        await sam.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(sam).ToHaveURLAsync(SignInPage);

        var csv = await thief.APIRequest.GetAsync(TeamCsv);
        Assert.Matches(SignInPage, csv.Url);
        Assert.DoesNotContain("01632", await csv.TextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("text/csv", csv.Headers.GetValueOrDefault("content-type") ?? "", StringComparison.Ordinal);
        var page = await thief.NewPageAsync();
        await page.GotoAsync("/network/P001");
        await Expect(page).ToHaveURLAsync(SignInPage);
        await Expect(page.GetByLabel("Password")).ToBeVisibleAsync();
        await Expect(page.GetByText("Ava Turner")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_administrator_ending_a_persons_sessions_sends_their_open_page_and_every_copy_to_sign_in()
    {
        var sam = await SignedInPageAsync("/network/P001");
        await Expect(sam.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Ava Turner");
        var thief = await ContextAsync(await sam.Context.StorageStateAsync());

        var listed = await PatchworkCli.RunAsync("sessions", "list", "--email", DemoData.SamEmail, "--db", app.Server.StorePath);
        Assert.Contains("Sam Adeyemi", listed, StringComparison.Ordinal);
        var ended = await PatchworkCli.RunAsync("sessions", "end", "--email", DemoData.SamEmail, "--db", app.Server.StorePath);
        Assert.Contains("Ended 1 session(s) of Sam Adeyemi", ended, StringComparison.Ordinal);

        // The open page checks its session every quarter of the idle timeout here (every minute by default).
        await Expect(sam).ToHaveURLAsync(SignInPage, new() { Timeout = 30_000 });
        await Expect(sam.GetByLabel("Password")).ToBeVisibleAsync();
        var csv = await thief.APIRequest.GetAsync(TeamCsv);
        Assert.Matches(SignInPage, csv.Url);
        Assert.DoesNotContain("01632", await csv.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_open_page_left_unused_for_the_idle_timeout_is_sent_to_sign_in()
    {
        var clock = Stopwatch.StartNew();
        var sam = await SignedInPageAsync("/");
        await Expect(sam.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();

        await Expect(sam).ToHaveURLAsync(SignInPage, new() { Timeout = 40_000 });

        // Sent away by the idle timeout, not the absolute lifetime: well before that.
        Assert.True(clock.Elapsed < ShortSessionsApp.AbsoluteLifetime, $"The page was sent to sign in after {clock.Elapsed}.");
        await Expect(sam.GetByLabel("Password")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_session_in_constant_use_still_ends_at_its_absolute_lifetime()
    {
        var sam = await SignedInPageAsync("/");
        var clock = Stopwatch.StartNew();
        var longestGap = TimeSpan.Zero;
        var last = clock.Elapsed;

        // Sam keeps working - a page every moment, never near the idle timeout - until the app sends him to sign in.
        // Each load is a use of the session; the page's own circuit may not start once the session has ended.
        for (var load = 0; load < 1000 && !SignInPage.IsMatch(sam.Url); load++)
        {
            await sam.GotoAsync(load % 2 == 0 ? "/network/P001" : "/");
            longestGap = clock.Elapsed - last > longestGap ? clock.Elapsed - last : longestGap;
            last = clock.Elapsed;
        }

        Assert.Matches(SignInPage, sam.Url);
        Assert.True(longestGap < ShortSessionsApp.IdleTimeout, $"A page took {longestGap} to load: the idle timeout, not the lifetime, may have ended the session.");
        Assert.True(clock.Elapsed >= ShortSessionsApp.AbsoluteLifetime - TimeSpan.FromSeconds(5), $"Sent to sign in after {clock.Elapsed}, before the absolute lifetime.");
    }

    /// <summary>A new browser (context) signed in as Sam through the provider's form, on <paramref name="path"/>.</summary>
    private async Task<IPage> SignedInPageAsync(string path)
    {
        var context = await ContextAsync(storageState: null);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await SignIn.CompleteAsync(page, DemoData.SamEmail);
        return page;
    }

    private async Task<IBrowserContext> ContextAsync(string? storageState)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
            Locale = "en-GB",
            StorageState = storageState,
        });
        context.SetDefaultTimeout(15_000);
        contexts.Add(context);
        return context;
    }

    [GeneratedRegex("/dev-identity/signin")]
    private static partial Regex SignInPattern();
}
