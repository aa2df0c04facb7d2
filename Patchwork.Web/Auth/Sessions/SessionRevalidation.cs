using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Patchwork.Graph.Sessions;

namespace Patchwork.Web.Auth.Sessions;

/// <summary>
/// The signed-in user of an open page (a Blazor circuit), asking the session store at intervals whether their session
/// still stands: once it has ended anywhere (signed out in another tab, timed out, ended by an administrator), the
/// page loses its user and is sent to sign in.
/// </summary>
internal sealed class SessionAuthenticationStateProvider(ILoggerFactory loggerFactory, SessionService sessions, ProviderRevalidation provider, Microsoft.AspNetCore.Authentication.Cookies.ITicketStore tickets)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    private static readonly TimeSpan LongestInterval = TimeSpan.FromMinutes(1);
    private static readonly Task<AuthenticationState> Nobody = Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())));

    /// <summary>Every minute, or a quarter of the idle timeout when that is shorter.</summary>
    protected override TimeSpan RevalidationInterval =>
        sessions.Policy.IdleTimeout / 4 < LongestInterval ? sessions.Policy.IdleTimeout / 4 : LongestInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        SessionKey(authenticationState.User) is { } key
            ? await sessions.IsActiveAsync(key, cancellationToken) && (tickets is not ServerSessionTicketStore server || await provider.StillStandsAsync(key, server, cancellationToken))
            : authenticationState.User.Identity?.IsAuthenticated != true;

    /// <summary>The page's user is nobody from now on.</summary>
    public void EndSession() => SetAuthenticationState(Nobody);

    public static string? SessionKey(ClaimsPrincipal user) => user.FindFirst(PatchworkAuth.SessionKeyClaim)?.Value;
}

/// <summary>
/// Someone working on an open page uses their session as much as someone loading pages: each event from the page
/// counts as a use (written at most once per touch interval). An event on a page whose session has ended is not run,
/// and the page loses its user at once.
/// </summary>
internal sealed class SessionActivityCircuitHandler(AuthenticationStateProvider authentication, SessionService sessions) : CircuitHandler
{
    private long checkedAt = long.MinValue;

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            if (await StillSignedInAsync())
            {
                await next(context);
            }
        };

    private async Task<bool> StillSignedInAsync()
    {
        var now = Environment.TickCount64;
        if (now - checkedAt < (long)sessions.Policy.TouchInterval.TotalMilliseconds)
        {
            return true;
        }

        var state = await authentication.GetAuthenticationStateAsync();
        if (SessionAuthenticationStateProvider.SessionKey(state.User) is not { } key)
        {
            return state.User.Identity?.IsAuthenticated != true;
        }

        if (await sessions.TouchAsync(key))
        {
            checkedAt = now;
            return true;
        }

        (authentication as SessionAuthenticationStateProvider)?.EndSession();
        return false;
    }
}
