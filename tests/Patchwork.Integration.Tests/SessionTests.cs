using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Sessions;

namespace Patchwork.Integration.Tests;

/// <summary>
/// Sessions kept on the server: a copy of the session cookie is worth nothing once the session has ended, whether by
/// signing out, by an administrator, or by the lifetime rules.
/// </summary>
public sealed class SessionTests : IAsyncDisposable
{
    private const string Sam = "sam.adeyemi@northvale.gov.uk";
    private const string TeamCsv = "/network/P001/team.csv";

    private readonly MovableClock clock = new();
    private readonly PatchworkAppFactory app;

    public SessionTests()
    {
        app = new PatchworkAppFactory(services: services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task Saved_cookies_replayed_after_sign_out_get_no_team_and_are_sent_to_sign_in()
    {
        var (browser, cookies) = SignedOutBrowser();
        var home = await browser.SignInAsync(Sam);
        var saved = Copy(cookies);
        // The copy works while the session stands: the replay below fails because signing out ended it, not because
        // copying cookies does not work.
        Assert.Equal(HttpStatusCode.OK, (await Replay(saved).GetAsync(TeamCsv, Ct)).StatusCode);

        await browser.SubmitAsync(await AppBrowser.FormOfAsync(home));

        await AssertSentToSignInAsync(Replay(saved), TeamCsv);
        await AssertSentToSignInAsync(Replay(saved), "/network/P001");
        Assert.Contains(await app.Services.GetRequiredService<IAuditTrail>().RecentAsync(20, Ct), r => r.Entry.Action == AuditActions.SignOut && r.Entry.ActorName == "Sam Adeyemi");
    }

    [Fact]
    public async Task Ending_a_persons_sessions_ends_every_copy_of_their_cookie_and_they_must_give_their_password_again()
    {
        var (browser, cookies) = SignedOutBrowser();
        await browser.SignInAsync(Sam);
        var saved = Copy(cookies);
        var sessions = app.Services.GetRequiredService<SessionService>();
        var sam = Assert.Single(await sessions.ActiveAsync(cancellationToken: Ct));

        var ended = await sessions.EndAllAsync(sam.ProfessionalId!, "admin", "An administrator", Ct);

        Assert.Single(ended);
        await AssertSentToSignInAsync(Replay(saved), TeamCsv);
        var again = await browser.Client.GetAsync("/network/P001", Ct);
        Assert.Equal(HttpStatusCode.Found, again.StatusCode);
        // The provider still knows Sam, but the app asks it to ask for the password: an ended session is not picked up again.
        Assert.Contains("prompt=login", again.Headers.Location!.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_not_used_for_the_idle_timeout_ends()
    {
        var (browser, cookies) = SignedOutBrowser();
        await browser.SignInAsync(Sam);
        clock.Move(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await Replay(Copy(cookies)).GetAsync(TeamCsv, Ct)).StatusCode);

        clock.Move(TimeSpan.FromMinutes(30));

        await AssertSentToSignInAsync(Replay(Copy(cookies)), TeamCsv);
    }

    [Fact]
    public async Task A_session_ends_ten_hours_after_sign_in_however_busy()
    {
        var (browser, cookies) = SignedOutBrowser();
        await browser.SignInAsync(Sam);
        for (var i = 0; i < 39; i++)
        {
            clock.Move(TimeSpan.FromMinutes(15));
            Assert.Equal(HttpStatusCode.OK, (await Replay(Copy(cookies)).GetAsync(TeamCsv, Ct)).StatusCode);
        }

        clock.Move(TimeSpan.FromMinutes(15));

        await AssertSentToSignInAsync(Replay(Copy(cookies)), TeamCsv);
    }

    [Fact]
    public async Task The_cookie_carries_a_session_key_and_no_claims()
    {
        var (browser, cookies) = SignedOutBrowser();
        await browser.SignInAsync(Sam);

        var session = Assert.Single(cookies.GetCookies(PatchworkAppFactory.BaseAddress), c => c.Name.StartsWith(".Patchwork.Session", StringComparison.Ordinal));

        // A ticket with the provider's tokens in it runs to thousands of characters; a key is a few hundred.
        Assert.True(session.Value.Length < 600, $"The session cookie is {session.Value.Length} characters long.");
        Assert.False(session.Expires > DateTime.Now.AddHours(10).AddMinutes(1), "The cookie outlives the session.");
    }

    private (AppBrowser Browser, CookieContainer Cookies) SignedOutBrowser()
    {
        var cookies = new CookieContainer();
        return (new AppBrowser(app.CreateDefaultClient(PatchworkAppFactory.BaseAddress, new CookieContainerHandler(cookies))), cookies);
    }

    /// <summary>Another client (another machine, say) holding a copy of the cookies.</summary>
    private HttpClient Replay(CookieContainer saved) => app.CreateDefaultClient(PatchworkAppFactory.BaseAddress, new CookieContainerHandler(saved));

    private static CookieContainer Copy(CookieContainer cookies)
    {
        var copy = new CookieContainer();
        foreach (Cookie cookie in cookies.GetAllCookies())
        {
            copy.Add(new Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain) { Secure = cookie.Secure, HttpOnly = cookie.HttpOnly });
        }

        return copy;
    }

    private static async Task AssertSentToSignInAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/dev-identity/connect/authorize", response.Headers.Location!.AbsolutePath);
        Assert.DoesNotContain("Ava", body, StringComparison.Ordinal);
    }

    /// <summary>The real time, moved on by as much as a test says: sign-in works as ever, and then hours pass.</summary>
    private sealed class MovableClock : TimeProvider
    {
        private TimeSpan offset;

        public void Move(TimeSpan by) => offset += by;

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }
}
