using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using Patchwork.Graph.Access;
using Patchwork.Graph.Sessions;
using Patchwork.Web.Auth;

namespace Patchwork.Integration.Tests;

/// <summary>
/// The identity provider signs a person out of Patchwork with a logout token (OpenID Connect Back-Channel Logout 1.0):
/// a token signed with the development provider's own key ends every session of the person; a token that fails any
/// check of the specification ends nothing.
/// </summary>
public sealed class BackChannelLogoutTests : IAsyncDisposable
{
    private const string Sam = "sam.adeyemi@northvale.gov.uk";
    private readonly PatchworkAppFactory app = new();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<(AppBrowser Browser, string Issuer)> SignInSamAsync()
    {
        var browser = new AppBrowser(app.CreateClient());
        await browser.SignInAsync(Sam, startAt: "/");
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/network/P001/team.csv", Cancellation)).StatusCode);
        var issuer = Assert.Single(await app.Services.GetRequiredService<IIdentityLinks>().ForProfessionalAsync("PR001", Cancellation)).Issuer;
        return (browser, issuer);
    }

    private SigningCredentials ProviderKey() =>
        app.Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue.SigningCredentials.First();

    private static string Token(string issuer, SigningCredentials key, string audience = "patchwork-web", string? subject = "PR001", bool logoutEvent = true, bool nonce = false, string? sid = null)
    {
        var claims = new Dictionary<string, object> { ["jti"] = Guid.NewGuid().ToString("N") };
        if (sid is not null)
        {
            claims["sid"] = sid;
        }

        if (subject is not null)
        {
            claims["sub"] = subject;
        }

        if (logoutEvent)
        {
            claims["events"] = new Dictionary<string, object> { [BackChannelLogout.LogoutEvent] = new Dictionary<string, object>() };
        }

        if (nonce)
        {
            claims["nonce"] = "n-0S6_WzA2Mj";
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = DateTime.UtcNow,
            Claims = claims,
            SigningCredentials = key,
        });
    }

    private async Task<HttpResponseMessage> PostAsync(string token) =>
        await app.CreateClient().PostAsync(BackChannelLogout.Path, new FormUrlEncodedContent(new Dictionary<string, string> { ["logout_token"] = token }), Cancellation);

    [Fact]
    public async Task A_logout_token_from_the_provider_ends_the_persons_sessions_for_every_cookie_copy()
    {
        var (browser, issuer) = await SignInSamAsync();

        var answer = await PostAsync(Token(issuer, ProviderKey()));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("no-store", answer.Headers.CacheControl?.ToString());
        var replay = await browser.Client.GetAsync("/network/P001/team.csv", Cancellation);
        Assert.NotEqual(HttpStatusCode.OK, replay.StatusCode);
    }

    private async Task<string> OnlySessionSidAsync()
    {
        var session = Assert.Single(await app.Services.GetRequiredService<SessionService>().ActiveAsync("PR001", Cancellation));
        Assert.False(string.IsNullOrEmpty(session.Sid), "The session should keep the sid of the provider's id token.");
        return session.Sid!;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_logout_token_naming_a_provider_session_ends_only_the_sessions_begun_from_it(bool withSubject)
    {
        var (laptop, issuer) = await SignInSamAsync();
        var laptopSid = await OnlySessionSidAsync();
        var tablet = new AppBrowser(app.CreateClient());
        await tablet.SignInAsync(Sam, startAt: "/");

        var answer = await PostAsync(Token(issuer, ProviderKey(), subject: withSubject ? "PR001" : null, sid: laptopSid));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await laptop.Client.GetAsync("/network/P001/team.csv", Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tablet.Client.GetAsync("/network/P001/team.csv", Cancellation)).StatusCode);
    }

    [Fact]
    public async Task A_logout_token_naming_an_unknown_provider_session_ends_nothing()
    {
        var (browser, issuer) = await SignInSamAsync();

        var answer = await PostAsync(Token(issuer, ProviderKey(), sid: "a-session-nobody-began"));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/network/P001/team.csv", Cancellation)).StatusCode);
    }

    public static TheoryData<string> RefusedTokens => ["another key", "another audience", "no logout event", "a nonce", "neither subject nor session", "not a token"];

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task A_logout_token_that_fails_a_check_ends_nothing(string flaw)
    {
        var (browser, issuer) = await SignInSamAsync();
        var token = flaw switch
        {
            "another key" => Token(issuer, new SigningCredentials(new RsaSecurityKey(RSA.Create(2048)), SecurityAlgorithms.RsaSha256)),
            "another audience" => Token(issuer, ProviderKey(), audience: "another-client"),
            "no logout event" => Token(issuer, ProviderKey(), logoutEvent: false),
            "a nonce" => Token(issuer, ProviderKey(), nonce: true),
            "neither subject nor session" => Token(issuer, ProviderKey(), subject: null),
            _ => "not-a-token",
        };

        var answer = await PostAsync(token);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/network/P001/team.csv", Cancellation)).StatusCode);
    }
}
