using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenIddict.Abstractions;
using Patchwork.Graph.Sessions;
using Patchwork.Web.Auth;
using Patchwork.Web.Auth.Sessions;

namespace Patchwork.Integration.Tests;

/// <summary>
/// Every Authentication:Session:RevalidateEvery (15 minutes here, on a clock the test moves) the app renews the user's
/// tokens with the provider: renewed, the session stands with the new tokens; refused (the provider revoked them), the
/// session ends and the user is sent to sign in with their password; the provider not answering keeps the session.
/// </summary>
public sealed class RevalidationTests : IAsyncDisposable
{
    private const string Sam = "sam.adeyemi@northvale.gov.uk";
    private const string TeamCsv = "/network/P001/team.csv";
    private static readonly TimeSpan PastRevalidation = TimeSpan.FromMinutes(16);
    private readonly MovableClock clock = new();
    private readonly TokenEndpointSwitch tokenEndpoint = new();
    private readonly PatchworkAppFactory app;

    public RevalidationTests()
    {
        app = new PatchworkAppFactory(services: services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
            services.PostConfigure<OpenIdConnectOptions>(PatchworkAuth.OidcScheme, options =>
            {
                tokenEndpoint.InnerHandler = options.BackchannelHttpHandler ?? new HttpClientHandler();
                options.BackchannelHttpHandler = tokenEndpoint;
                options.Backchannel = new HttpClient(tokenEndpoint);
            });
        });
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(AppBrowser Browser, string Key)> SignInSamAsync()
    {
        var browser = new AppBrowser(app.CreateClient());
        await browser.SignInAsync(Sam, startAt: "/");
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync(TeamCsv, Ct)).StatusCode);
        var key = Assert.Single(await app.Services.GetRequiredService<SessionService>().ActiveAsync("PR001", Ct)).Key;
        Assert.NotNull(await RefreshTokenAsync(key));
        return (browser, key);
    }

    private async Task<string?> RefreshTokenAsync(string key)
    {
        var ticket = await app.Services.GetRequiredService<ITicketStore>().RetrieveAsync(key, Ct);
        return ticket?.Properties.GetTokenValue("refresh_token");
    }

    [Fact]
    public async Task Before_the_interval_nothing_is_asked_and_after_it_the_renewed_tokens_are_kept()
    {
        var (browser, key) = await SignInSamAsync();
        var first = await RefreshTokenAsync(key);

        clock.Move(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync(TeamCsv, Ct)).StatusCode);
        Assert.Equal(first, await RefreshTokenAsync(key));
        Assert.Equal(0, tokenEndpoint.Refreshes);

        clock.Move(PastRevalidation);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync(TeamCsv, Ct)).StatusCode);
        var second = await RefreshTokenAsync(key);
        Assert.NotEqual(first, second);
        Assert.Equal(1, tokenEndpoint.Refreshes);

        // The renewed refresh token is the one used next time (the provider spends each only once).
        clock.Move(PastRevalidation);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync(TeamCsv, Ct)).StatusCode);
        Assert.NotEqual(second, await RefreshTokenAsync(key));
        Assert.Equal(2, tokenEndpoint.Refreshes);
    }

    [Fact]
    public async Task A_provider_that_refuses_to_renew_ends_the_session_and_the_user_signs_in_again_with_their_password()
    {
        var (browser, key) = await SignInSamAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
            await foreach (var token in tokens.FindBySubjectAsync("PR001", Ct))
            {
                await tokens.TryRevokeAsync(token, Ct);
            }
        }

        clock.Move(PastRevalidation);
        var answer = await browser.Client.GetAsync(TeamCsv, Ct);

        Assert.NotEqual(HttpStatusCode.OK, answer.StatusCode);
        var ended = await app.Services.GetRequiredService<ISessionStore>().FindSessionAsync(key, Ct);
        Assert.NotNull(ended?.Session.EndedAt);
        Assert.Contains("refused to renew", ended.Session.EndReason, StringComparison.Ordinal);
        var page = await browser.Client.GetAsync("/network/P001", Ct);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("prompt=login", page.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_that_does_not_answer_keeps_the_session_and_is_asked_again_a_minute_later()
    {
        var (browser, key) = await SignInSamAsync();
        var first = await RefreshTokenAsync(key);
        tokenEndpoint.Down = true;

        clock.Move(PastRevalidation);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync(TeamCsv, Ct)).StatusCode);
        Assert.Equal(first, await RefreshTokenAsync(key));
        Assert.Equal(1, tokenEndpoint.Failed);

        tokenEndpoint.Down = false;
        clock.Move(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync(TeamCsv, Ct)).StatusCode);
        Assert.NotEqual(first, await RefreshTokenAsync(key));
        Assert.Equal(1, tokenEndpoint.Refreshes);
    }

    [Fact]
    public async Task An_open_page_checking_in_revalidates_without_counting_as_a_use_and_loses_a_refused_session()
    {
        var (_, key) = await SignInSamAsync();
        var revalidation = app.Services.GetRequiredService<ProviderRevalidation>();
        var tickets = (ServerSessionTicketStore)app.Services.GetRequiredService<ITicketStore>();
        var store = app.Services.GetRequiredService<ISessionStore>();
        var first = await RefreshTokenAsync(key);
        var seen = (await store.FindSessionAsync(key, Ct))!.Session.LastSeenAt;

        clock.Move(PastRevalidation);
        Assert.True(await revalidation.StillStandsAsync(key, tickets, Ct));
        Assert.Equal(1, tokenEndpoint.Refreshes);
        Assert.Equal(seen, (await store.FindSessionAsync(key, Ct))!.Session.LastSeenAt);
        Assert.NotEqual(first, (await tickets.PeekAsync(key, Ct))?.Ticket.Properties.GetTokenValue("refresh_token"));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
            await foreach (var token in tokens.FindBySubjectAsync("PR001", Ct))
            {
                await tokens.TryRevokeAsync(token, Ct);
            }
        }

        clock.Move(PastRevalidation);
        Assert.False(await revalidation.StillStandsAsync(key, tickets, Ct));
        Assert.NotNull((await store.FindSessionAsync(key, Ct))!.Session.EndedAt);
    }

    /// <summary>Counts the refreshes that reach the provider's token endpoint, and can cut the connection to it.</summary>
    private sealed class TokenEndpointSwitch : DelegatingHandler
    {
        public bool Down { get; set; }

        public int Refreshes { get; private set; }

        public int Failed { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var refresh = request.Content is not null && (await request.Content.ReadAsStringAsync(cancellationToken)).Contains("grant_type=refresh_token", StringComparison.Ordinal);
            if (refresh && Down)
            {
                Failed++;
                throw new HttpRequestException("Connection refused (the test cut the provider off).");
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (refresh && response.IsSuccessStatusCode)
            {
                Refreshes++;
            }

            return response;
        }
    }

    private sealed class MovableClock : TimeProvider
    {
        private TimeSpan offset;

        public void Move(TimeSpan by) => offset += by;

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }
}
