using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Patchwork.Graph.Sessions;

namespace Patchwork.Web.Auth.Sessions;

/// <summary>
/// Keeps the sign-in ticket on the server, in the governance store, and only its session key in the cookie. Ending
/// the session there (signing out, timing out, an administrator) ends it for every copy of the cookie, on every app
/// server; a saved cookie replayed afterwards is a cookie of nobody.
/// </summary>
internal sealed partial class ServerSessionTicketStore(
    SessionService sessions,
    IDataProtectionProvider protection,
    IOptions<OidcSettings> settings,
    ILogger<ServerSessionTicketStore> logger) : ITicketStore
{
    /// <summary>Set on a request whose cookie names a session that has ended, so the sign-in it is sent to asks for the password.</summary>
    public const string EndedSessionItem = "Patchwork.SessionEnded";

    // The ticket holds the provider's tokens: protected, so a copy of the store file does not hand them out.
    private readonly IDataProtector protector = protection.CreateProtector("Patchwork.Web.Sessions.Ticket");

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, null, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) => StoreAsync(ticket, null, cancellationToken);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var key = SessionService.NewKey();
        var user = ticket.Principal;
        if (user.Identity is ClaimsIdentity identity)
        {
            // The session key rides in the principal, so an open page can ask whether its session still stands.
            foreach (var claim in identity.FindAll(PatchworkAuth.SessionKeyClaim).ToList())
            {
                identity.RemoveClaim(claim);
            }

            identity.AddClaim(new Claim(PatchworkAuth.SessionKeyClaim, key));
        }

        var email = new ProviderClaims(settings.Value).EmailOf(user)?.Address;
        var name = user.Identity?.Name ?? email ?? "(unnamed)";
        var professionalId = user.FindFirst(PatchworkAuth.ProfessionalIdClaim)?.Value;
        // The provider's session id, from the id token, lets a logout from the provider end exactly this session.
        var sid = user.FindFirst(PatchworkAuth.ProviderSessionClaim)?.Value;
        await sessions.StartAsync(key, professionalId, name, email, Protect(ticket), sid, cancellationToken);
        LogStarted(professionalId ?? email ?? name);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, null, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken) => RenewAsync(key, ticket, null, cancellationToken);

    public Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext? httpContext, CancellationToken cancellationToken) =>
        sessions.RenewAsync(key, Protect(ticket), cancellationToken);

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, null, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) => RetrieveAsync(key, null, cancellationToken);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        var stored = await sessions.ResumeAsync(key, cancellationToken);
        if (stored is null)
        {
            httpContext?.Items[EndedSessionItem] = true;
            LogEnded();
            return null;
        }

        try
        {
            return TicketSerializer.Default.Deserialize(protector.Unprotect(stored.Ticket));
        }
        catch (CryptographicException exception)
        {
            // Keys that protected it are gone (a new machine without the key ring): the user signs in again.
            LogUnreadable(exception);
            return null;
        }
    }

    /// <summary>The ticket of an active session without counting a use, for an open page checking in; null once it has ended.</summary>
    public async Task<(UserSession Session, AuthenticationTicket Ticket)?> PeekAsync(string key, CancellationToken cancellationToken)
    {
        var stored = await sessions.PeekAsync(key, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        try
        {
            return (stored.Session, TicketSerializer.Default.Deserialize(protector.Unprotect(stored.Ticket))!);
        }
        catch (CryptographicException exception)
        {
            LogUnreadable(exception);
            return null;
        }
    }

    /// <summary>Keeps an open page's renewed ticket without counting a use.</summary>
    public Task<bool> RenewWithoutUseAsync(UserSession session, AuthenticationTicket ticket, CancellationToken cancellationToken) =>
        sessions.RenewWithoutUseAsync(session, Protect(ticket), cancellationToken);

    public Task RemoveAsync(string key) => RemoveAsync(key, null, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => RemoveAsync(key, null, cancellationToken);

    public Task RemoveAsync(string key, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        // The cookie handler removes on sign-out, and when the ticket's own expiry (the absolute lifetime) has passed.
        if (httpContext?.Request.Path == PatchworkAuth.LogoutPath)
        {
            return sessions.EndAsync(key, SessionService.SignedOut, cancellationToken);
        }

        httpContext?.Items[EndedSessionItem] = true;
        return sessions.EndAsync(key, "its lifetime was over", cancellationToken);
    }

    private byte[] Protect(AuthenticationTicket ticket) => protector.Protect(TicketSerializer.Default.Serialize(ticket));

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Session started for {Who}.")]
    private partial void LogStarted(string who);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Debug, Message = "A request came with the cookie of a session that has ended; it is treated as signed out.")]
    private partial void LogEnded();

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "A session's ticket could not be read (the keys that protected it are gone); the user must sign in again.")]
    private partial void LogUnreadable(Exception exception);
}

/// <summary>The session cookie carries only the key; the ticket and the lifetime rules are the server's.</summary>
internal sealed class ConfigureSessionCookie(ITicketStore store, IOptions<SessionLifetimeOptions> sessions) : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        if (name != PatchworkAuth.CookieScheme)
        {
            return;
        }

        options.SessionStore = store;
        // The cookie lasts no longer than the session may; the idle timeout is kept on the server, for every copy.
        options.ExpireTimeSpan = sessions.Value.AbsoluteLifetime;
        options.SlidingExpiration = false;
    }
}
