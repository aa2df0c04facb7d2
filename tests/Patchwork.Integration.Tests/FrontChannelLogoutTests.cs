using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Patchwork.Graph.Access;
using Patchwork.Graph.Sessions;
using Patchwork.Web.Auth;

namespace Patchwork.Integration.Tests;

/// <summary>
/// The identity provider signs a person out through a hidden frame (OpenID Connect Front-Channel Logout 1.0): the
/// request naming the provider's issuer and a session id ends the sessions begun from it; one naming another issuer,
/// or no session, ends nothing. Only that response may be framed, and only by the provider.
/// </summary>
public sealed class FrontChannelLogoutTests : IAsyncDisposable
{
    private const string Sam = "sam.adeyemi@northvale.gov.uk";
    private const string TeamCsv = "/network/P001/team.csv";
    private readonly PatchworkAppFactory app = new();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<(AppBrowser Browser, string Issuer, string Sid)> SignInSamAsync()
    {
        var browser = new AppBrowser(app.CreateClient());
        await browser.SignInAsync(Sam, startAt: "/");
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync(TeamCsv, Cancellation)).StatusCode);
        var issuer = Assert.Single(await app.Services.GetRequiredService<IIdentityLinks>().ForProfessionalAsync("PR001", Cancellation)).Issuer;
        var sid = Assert.Single(await app.Services.GetRequiredService<SessionService>().ActiveAsync("PR001", Cancellation)).Sid;
        Assert.False(string.IsNullOrEmpty(sid));
        return (browser, issuer, sid!);
    }

    private Task<HttpResponseMessage> FrontChannelAsync(string query) =>
        app.CreateClient().GetAsync(FrontChannelLogout.Path + query, Cancellation);

    [Fact]
    public async Task The_providers_frame_naming_a_session_ends_it()
    {
        var (browser, issuer, sid) = await SignInSamAsync();

        var answer = await FrontChannelAsync($"?iss={Uri.EscapeDataString(issuer)}&sid={Uri.EscapeDataString(sid)}");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("no-store", answer.Headers.CacheControl?.ToString());
        Assert.Contains("Signed out of Patchwork", await answer.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await browser.Client.GetAsync(TeamCsv, Cancellation)).StatusCode);
    }

    public static TheoryData<string, string> Refused => new()
    {
        { "another issuer", "does not come from the identity provider" },
        { "no sid", "names no issuer and session" },
        { "no iss", "names no issuer and session" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_request_not_from_the_provider_or_naming_no_session_ends_nothing(string flaw, string message)
    {
        var (browser, issuer, sid) = await SignInSamAsync();
        var query = flaw switch
        {
            "another issuer" => $"?iss={Uri.EscapeDataString("https://attacker.example/")}&sid={Uri.EscapeDataString(sid)}",
            "no sid" => $"?iss={Uri.EscapeDataString(issuer)}",
            _ => $"?sid={Uri.EscapeDataString(sid)}",
        };

        var answer = await FrontChannelAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains(message, await answer.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync(TeamCsv, Cancellation)).StatusCode);
    }

    [Fact]
    public async Task Only_the_front_channel_page_may_be_framed_and_only_by_the_provider()
    {
        var frontChannel = await FrontChannelAsync("");
        var problemPage = await app.CreateClient().GetAsync("/authentication/problem/cancelled", Cancellation);

        var framed = Assert.Single(frontChannel.Headers.GetValues("Content-Security-Policy"));
        var elsewhere = Assert.Single(problemPage.Headers.GetValues("Content-Security-Policy"));
        // The development provider is the app itself, so the provider's origin is 'self'.
        Assert.Contains("frame-ancestors 'self'", framed, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", elsewhere, StringComparison.Ordinal);
        Assert.Equal(elsewhere.Replace("frame-ancestors 'none'", "frame-ancestors 'self'", StringComparison.Ordinal), framed);
        Assert.False(frontChannel.Headers.Contains("X-Frame-Options"));
        Assert.Equal("DENY", Assert.Single(problemPage.Headers.GetValues("X-Frame-Options")));
    }
}

/// <summary>With a council's provider configured, the front-channel page may be framed by that provider's origin alone.</summary>
public sealed class FrontChannelFramingTests : IAsyncDisposable
{
    private readonly PatchworkAppFactory app = new(settings: new Dictionary<string, string?>
    {
        ["DevIdentity:Enabled"] = "false",
        ["Authentication:Oidc:Authority"] = "https://login.council.example/realms/staff",
        ["Authentication:Oidc:ClientSecret"] = "not-used-here",
    });

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task The_front_channel_page_names_the_providers_origin_as_its_only_framer()
    {
        var answer = await app.CreateClient().GetAsync(FrontChannelLogout.Path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var policy = Assert.Single(answer.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors https://login.council.example;", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("'none'", policy.Split(';').Single(d => d.Contains("frame-ancestors", StringComparison.Ordinal)), StringComparison.Ordinal);
    }
}
