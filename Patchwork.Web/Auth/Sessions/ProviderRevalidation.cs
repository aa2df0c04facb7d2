using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Patchwork.Graph.Sessions;

namespace Patchwork.Web.Auth.Sessions;

/// <summary>What asking the provider again came to.</summary>
internal enum RevalidationOutcome
{
    /// <summary>Not yet due: nothing was asked.</summary>
    NotDue,

    /// <summary>The provider renewed the tokens: the session stands until the next revalidation.</summary>
    Renewed,

    /// <summary>The provider refused (the grant revoked, the user disabled or deleted): the session ends.</summary>
    Refused,

    /// <summary>The provider did not answer: the session stands, and it is asked again in a minute.</summary>
    Unreachable,

    /// <summary>The provider gave no refresh token at sign-in: nothing can be asked; the session stands.</summary>
    NoRefreshToken,
}

/// <summary>
/// Every <c>Authentication:Session:RevalidateEvery</c> the user's tokens are renewed with the provider (the
/// refresh_token grant, with the refresh token kept in the server-side ticket), so a person disabled at the provider
/// loses Patchwork within that interval. A refusal ends the session; a provider that does not answer does not sign
/// everyone out - it is logged and asked again shortly.
/// </summary>
internal sealed partial class ProviderRevalidation(
    IOptionsMonitor<OpenIdConnectOptions> oidc,
    IOptions<SessionLifetimeOptions> lifetime,
    ClientAuthentication client,
    SessionService sessions,
    TimeProvider clock,
    ILogger<ProviderRevalidation> logger)
{
    /// <summary>Kept in the ticket's properties: when the provider is next asked (ISO 8601, UTC).</summary>
    public const string NextItem = ".patchwork.revalidate_at";

    private static readonly TimeSpan RetryUnreachable = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    // Refresh tokens are often single-use: the requests of one page must not each spend it. One at a time per session.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> locks = new(StringComparer.Ordinal);

    /// <summary>The cookie handler's check of each request's session.</summary>
    public async Task OnValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null || SessionAuthenticationStateProvider.SessionKey(context.Principal) is not { } key || !IsDue(context.Properties))
        {
            return;
        }

        var gate = locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(context.HttpContext.RequestAborted);
        try
        {
            // Another request of the same session may have asked while this one waited: take its answer.
            var store = context.HttpContext.RequestServices.GetRequiredService<ITicketStore>();
            var current = await store.RetrieveAsync(key, context.HttpContext, context.HttpContext.RequestAborted);
            if (current is null)
            {
                context.RejectPrincipal();
                return;
            }

            if (!IsDue(current.Properties))
            {
                CopyItems(current.Properties, context.Properties);
                return;
            }

            switch (await RevalidateAsync(key, context.Properties, context.HttpContext.RequestAborted))
            {
                case RevalidationOutcome.Refused:
                    context.HttpContext.Items[ServerSessionTicketStore.EndedSessionItem] = true;
                    context.RejectPrincipal();
                    break;
                case RevalidationOutcome.Renewed:
                case RevalidationOutcome.Unreachable:
                case RevalidationOutcome.NoRefreshToken:
                    // The new tokens and the next time to ask go back to the server-side ticket.
                    await store.RenewAsync(key, new AuthenticationTicket(context.Principal, context.Properties, context.Scheme.Name), context.HttpContext, context.HttpContext.RequestAborted);
                    break;
                case RevalidationOutcome.NotDue:
                    break;
            }
        }
        finally
        {
            gate.Release();
            if (gate.CurrentCount == 1)
            {
                locks.TryRemove(new KeyValuePair<string, SemaphoreSlim>(key, gate));
            }
        }
    }

    /// <summary>
    /// For an open page, which sends no requests the cookie handler sees: asks the provider when the session is due,
    /// and says whether the session still stands.
    /// </summary>
    public async Task<bool> StillStandsAsync(string key, ServerSessionTicketStore store, CancellationToken cancellationToken)
    {
        var gate = locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (await store.PeekAsync(key, cancellationToken) is not var (session, ticket))
            {
                return false;
            }

            switch (await RevalidateAsync(key, ticket.Properties, cancellationToken))
            {
                case RevalidationOutcome.Refused:
                    return false;
                case RevalidationOutcome.Renewed:
                case RevalidationOutcome.Unreachable:
                case RevalidationOutcome.NoRefreshToken:
                    await store.RenewWithoutUseAsync(session, ticket, cancellationToken);
                    return true;
                case RevalidationOutcome.NotDue:
                    return true;
            }

            return true;
        }
        finally
        {
            gate.Release();
            if (gate.CurrentCount == 1)
            {
                locks.TryRemove(new KeyValuePair<string, SemaphoreSlim>(key, gate));
            }
        }
    }

    public bool IsDue(AuthenticationProperties properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var next = properties.Items.TryGetValue(NextItem, out var text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at
            : (properties.IssuedUtc ?? clock.GetUtcNow()) + lifetime.Value.RevalidateEvery;
        return clock.GetUtcNow() >= next;
    }

    /// <summary>Asks the provider to renew the session's tokens, and updates <paramref name="properties"/> with what it said.</summary>
    public async Task<RevalidationOutcome> RevalidateAsync(string key, AuthenticationProperties properties, CancellationToken cancellationToken)
    {
        if (!IsDue(properties))
        {
            return RevalidationOutcome.NotDue;
        }

        var refreshToken = properties.GetTokenValue("refresh_token");
        if (string.IsNullOrEmpty(refreshToken))
        {
            LogNoRefreshToken();
            ScheduleNext(properties, lifetime.Value.RevalidateEvery);
            return RevalidationOutcome.NoRefreshToken;
        }

        var options = oidc.Get(PatchworkAuth.OidcScheme);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            var configuration = await options.ConfigurationManager!.GetConfigurationAsync(timeout.Token);
            var form = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken };
            client.AddTo(form, configuration.TokenEndpoint, configuration.Issuer, options.ClientSecret);
            using var request = new HttpRequestMessage(HttpMethod.Post, configuration.TokenEndpoint) { Content = new FormUrlEncodedContent(form) };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await options.Backchannel.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            if ((int)response.StatusCode is 400 or 401)
            {
                var (error, description) = ErrorOf(body);
                var reason = $"the identity provider refused to renew it ({error}{(description is null ? "" : ": " + description)})";
                await sessions.EndAsync(key, reason, cancellationToken);
                LogRefused(error, description ?? "");
                return RevalidationOutcome.Refused;
            }

            if (!response.IsSuccessStatusCode)
            {
                LogUnreachable(null, $"HTTP {(int)response.StatusCode}");
                ScheduleNext(properties, RetryUnreachable);
                return RevalidationOutcome.Unreachable;
            }

            StoreTokens(properties, body);
            ScheduleNext(properties, lifetime.Value.RevalidateEvery);
            return RevalidationOutcome.Renewed;
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or InvalidOperationException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnreachable(exception, exception.GetType().Name);
            ScheduleNext(properties, RetryUnreachable < lifetime.Value.RevalidateEvery ? RetryUnreachable : lifetime.Value.RevalidateEvery);
            return RevalidationOutcome.Unreachable;
        }
    }

    private void ScheduleNext(AuthenticationProperties properties, TimeSpan after) =>
        properties.Items[NextItem] = (clock.GetUtcNow() + after).ToString("O", CultureInfo.InvariantCulture);

    private void StoreTokens(AuthenticationProperties properties, string body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var tokens = properties.GetTokens().ToDictionary(t => t.Name, t => t.Value, StringComparer.Ordinal);
        foreach (var name in (string[])["access_token", "refresh_token", "id_token", "token_type"])
        {
            // A provider that does not rotate refresh tokens sends none back: the old one stays.
            if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                tokens[name] = value.GetString()!;
            }
        }

        if (root.TryGetProperty("expires_in", out var expiresIn) && expiresIn.TryGetInt32(out var seconds))
        {
            tokens["expires_at"] = (clock.GetUtcNow() + TimeSpan.FromSeconds(seconds)).ToString("o", CultureInfo.InvariantCulture);
        }

        properties.StoreTokens(tokens.Select(pair => new AuthenticationToken { Name = pair.Key, Value = pair.Value }));
    }

    private static (string Error, string? Description) ErrorOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var error = json.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            var description = json.RootElement.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            return (error ?? "unknown error", description);
        }
        catch (JsonException)
        {
            return ("an answer that is not OAuth JSON", null);
        }
    }

    private static void CopyItems(AuthenticationProperties from, AuthenticationProperties to)
    {
        to.Items.Clear();
        foreach (var (name, value) in from.Items)
        {
            to.Items[name] = value;
        }
    }

    [LoggerMessage(EventId = 2110, Level = LogLevel.Information, Message = "The identity provider refused to renew a session's tokens ({Error} {Description}); the session is ended and the user must sign in again.")]
    private partial void LogRefused(string error, string description);

    [LoggerMessage(EventId = 2111, Level = LogLevel.Warning, Message = "The identity provider did not answer the session revalidation ({Cause}); the session stands and is revalidated again shortly.")]
    private partial void LogUnreachable(Exception? exception, string cause);

    [LoggerMessage(EventId = 2112, Level = LogLevel.Warning, Message = "A session has no refresh token, so the identity provider cannot be asked whether the user may stay signed in; add offline_access to Authentication:Oidc:Scopes if the provider needs it for refresh tokens.")]
    private partial void LogNoRefreshToken();
}
