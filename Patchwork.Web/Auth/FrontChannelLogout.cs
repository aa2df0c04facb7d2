using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Patchwork.Graph.Sessions;

namespace Patchwork.Web.Auth;

/// <summary>
/// OpenID Connect Front-Channel Logout 1.0: the identity provider, signing a person out, loads
/// <c>/authentication/frontchannel-logout?iss=..&amp;sid=..</c> in a hidden frame of its own page. The sessions begun
/// from that provider session end on every server. The provider's cookies do not come with a third-party frame, so
/// the request is trusted for what it names only: the issuer must be the configured provider's and the sid one the
/// provider gave at sign-in. The page is the only one the provider's origin may frame (see SecurityHeaders).
/// </summary>
internal static partial class FrontChannelLogout
{
    public const string Path = "/authentication/frontchannel-logout";

    public static IEndpointRouteBuilder MapFrontChannelLogout(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, EndAsync).AllowAnonymous();
        return endpoints;
    }

    private static async Task<IResult> EndAsync(
        HttpContext context,
        string? iss,
        string? sid,
        IOptionsMonitor<OpenIdConnectOptions> oidc,
        SessionService sessions,
        ILoggerFactory loggers)
    {
        context.Response.Headers.CacheControl = "no-store";
        var logger = loggers.CreateLogger(typeof(FrontChannelLogout));
        if (string.IsNullOrWhiteSpace(iss) || string.IsNullOrWhiteSpace(sid))
        {
            LogRefused(logger, "it names no issuer (iss) and session (sid); register the front-channel logout URI with session required");
            return Page(StatusCodes.Status400BadRequest, "This sign-out request names no issuer and session (iss and sid); nothing was signed out.");
        }

        var options = oidc.Get(PatchworkAuth.OidcScheme);
        var configuration = await options.ConfigurationManager!.GetConfigurationAsync(context.RequestAborted);
        if (!string.Equals(iss, configuration.Issuer, StringComparison.Ordinal))
        {
            // Not the provider Patchwork signs in with: a page elsewhere must not end sessions here.
            LogRefused(logger, $"its issuer is not the configured provider's ({configuration.Issuer})");
            return Page(StatusCodes.Status400BadRequest, "This sign-out request does not come from the identity provider Patchwork signs in with; nothing was signed out.");
        }

        var ended = await sessions.EndBySidAsync(sid, $"signed out at the identity provider ({iss})", context.RequestAborted);
        LogEnded(logger, ended.Count);
        return Page(StatusCodes.Status200OK, "Signed out of Patchwork.");
    }

    // A page with no script and no links: the provider shows it in a hidden frame, no one reads it.
    private static IResult Page(int status, string text) =>
        Results.Content(
            $"<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Patchwork</title></head><body><p>{System.Net.WebUtility.HtmlEncode(text)}</p></body></html>",
            "text/html; charset=utf-8",
            statusCode: status);

    [LoggerMessage(EventId = 2023, Level = LogLevel.Warning, Message = "A front-channel logout was refused: {Problem}.")]
    private static partial void LogRefused(ILogger logger, string problem);

    [LoggerMessage(EventId = 2024, Level = LogLevel.Information, Message = "The identity provider ended one of its sessions through the front channel: {Count} session(s) begun from it ended.")]
    private static partial void LogEnded(ILogger logger, int count);
}
