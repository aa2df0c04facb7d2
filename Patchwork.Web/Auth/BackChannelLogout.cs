using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Patchwork.Graph.Access;
using Patchwork.Graph.Sessions;

namespace Patchwork.Web.Auth;

/// <summary>
/// OpenID Connect Back-Channel Logout 1.0: <c>POST /authentication/backchannel-logout</c> with a logout token from the
/// identity provider ends the signed-out person's sessions on every server. The token is checked as the specification
/// asks - the provider's signature, issuer, this client as audience, the logout event, a session id or a subject, no
/// nonce. A token naming a provider session (<c>sid</c>) ends the sessions begun from it; one naming only a subject ends
/// every session of the person found by the account link made at sign-in (issuer and subject).
/// </summary>
internal static partial class BackChannelLogout
{
    public const string Path = "/authentication/backchannel-logout";
    public const string LogoutEvent = "http://schemas.openid.net/event/backchannel-logout";

    public static IEndpointRouteBuilder MapBackChannelLogout(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, EndAsync).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> EndAsync(
        HttpContext context,
        [FromForm(Name = "logout_token")] string? logoutToken,
        IOptionsMonitor<OpenIdConnectOptions> oidc,
        IIdentityLinks links,
        SessionService sessions,
        ILoggerFactory loggers)
    {
        context.Response.Headers.CacheControl = "no-store";
        var logger = loggers.CreateLogger(typeof(BackChannelLogout));
        var options = oidc.Get(PatchworkAuth.OidcScheme);
        var configuration = await options.ConfigurationManager!.GetConfigurationAsync(context.RequestAborted);
        var (target, problem) = await ReadAsync(logoutToken, configuration.Issuer, configuration.SigningKeys, options.ClientId!);
        if (target is null)
        {
            LogRefused(logger, problem!);
            return Results.BadRequest(new { error = "invalid_request", error_description = problem });
        }

        var reason = $"signed out at the identity provider ({target.Issuer})";
        if (target.Sid is { } sid)
        {
            // The provider names one of its sessions: only the sessions begun from it end, the person's others stand.
            var ended = await sessions.EndBySidAsync(sid, reason, context.RequestAborted);
            LogEndedSid(logger, ended.Count);
            return Results.Ok();
        }

        var link = await links.FindAsync(target.Issuer, target.Subject!, context.RequestAborted);
        if (link is not null)
        {
            var ended = await sessions.EndAllAsync(link.ProfessionalId, "identity-provider", $"the identity provider ({target.Issuer})", context.RequestAborted);
            LogEnded(logger, link.ProfessionalId, ended.Count);
        }

        // An account nobody is linked to has no session here: the logout is done.
        return Results.Ok();
    }

    /// <summary>What a logout token signs out: one provider session (<c>sid</c>) when it names one, else every session of the subject.</summary>
    internal sealed record LogoutTarget(string Issuer, string? Subject, string? Sid);

    /// <summary>What a logout token signs out, or why the token is refused.</summary>
    internal static async Task<(LogoutTarget? Target, string? Problem)> ReadAsync(string? token, string issuer, IEnumerable<SecurityKey> keys, string clientId)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return (null, "no logout_token was sent");
        }

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = clientId,
            IssuerSigningKeys = keys,
            // A logout token need not carry an expiry; when it does, it is checked.
            RequireExpirationTime = false,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromMinutes(2),
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return (null, $"the logout token is not valid: {result.Exception?.Message ?? "unreadable"}");
        }

        if (jwt.TryGetPayloadValue<object>("nonce", out _))
        {
            return (null, "a logout token must not carry a nonce");
        }

        if (!HasLogoutEvent(jwt))
        {
            return (null, $"the logout token's events claim does not name {LogoutEvent}");
        }

        var sid = Text(jwt, PatchworkAuth.ProviderSessionClaim);
        var subject = Text(jwt, "oid") ?? Text(jwt, "sub");
        if (sid is null && subject is null)
        {
            return (null, "the logout token names neither a session (sid) nor a subject (sub), as the specification requires one");
        }

        return (new LogoutTarget(jwt.Issuer, subject, sid), null);
    }

    private static string? Text(JsonWebToken jwt, string claim) =>
        jwt.TryGetPayloadValue<string>(claim, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    private static bool HasLogoutEvent(JsonWebToken jwt)
    {
        if (!jwt.TryGetPayloadValue<JsonElement>("events", out var events) || events.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        return events.TryGetProperty(LogoutEvent, out var member) && member.ValueKind == JsonValueKind.Object;
    }

    [LoggerMessage(EventId = 2020, Level = LogLevel.Warning, Message = "A back-channel logout was refused: {Problem}.")]
    private static partial void LogRefused(ILogger logger, string problem);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Information, Message = "The identity provider signed out professional {ProfessionalId}: {Count} session(s) ended.")]
    private static partial void LogEnded(ILogger logger, string professionalId, int count);

    [LoggerMessage(EventId = 2022, Level = LogLevel.Information, Message = "The identity provider ended one of its sessions: {Count} session(s) begun from it ended.")]
    private static partial void LogEndedSid(ILogger logger, int count);
}
