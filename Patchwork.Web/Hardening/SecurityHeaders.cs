using Microsoft.Extensions.Options;
using Patchwork.Web.Auth;

namespace Patchwork.Web.Hardening;

/// <summary>
/// Headers that keep the pages from being framed, sniffed or made to load code from elsewhere. The content
/// security policy allows what Blazor Server and MudBlazor need and nothing more: scripts and styles from this
/// app (inline style attributes, which both libraries set), the circuit's WebSocket, and forms posting to this
/// app or the council's identity provider.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var settings = app.ApplicationServices.GetRequiredService<IOptions<OidcSettings>>().Value;
        var identityProvider = Uri.TryCreate(settings.Authority, UriKind.Absolute, out var authority) ? $" {authority.GetLeftPart(UriPartial.Authority)}" : "";
        var policy = Policy(identityProvider, frameAncestors: "'none'");
        // Front-channel logout is loaded in a frame of the identity provider's page: that one response may be framed
        // by the provider's origin (the app's own while the development provider is on), and no other.
        var configuration = app.ApplicationServices.GetRequiredService<IConfiguration>();
        var environment = app.ApplicationServices.GetRequiredService<IHostEnvironment>();
        var providerOrigin = Auth.DevIdentity.DevIdentityOptions.IsEnabled(configuration, environment) || identityProvider.Length == 0
            ? "'self'"
            : identityProvider.Trim();
        var frontChannelPolicy = Policy(identityProvider, frameAncestors: providerOrigin);
        return app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            var frontChannel = context.Request.Path.Equals(FrontChannelLogout.Path, StringComparison.OrdinalIgnoreCase);
            // The development identity provider answers with OpenID Connect's form_post page, whose inline script
            // posts the code back; it stands in for a council's provider, which serves that page from its own origin.
            if (frontChannel)
            {
                headers.ContentSecurityPolicy = frontChannelPolicy;
            }
            else if (!context.Request.Path.StartsWithSegments(Auth.DevIdentity.DevIdentityEndpoints.Path))
            {
                headers.ContentSecurityPolicy = policy;
            }

            // The API reference page starts its scripts inline; they carry a nonce made for this one response, which
            // the page's policy (and no other) admits once the page is rendered.
            if (context.Request.Path.StartsWithSegments(Features.Api.ApiDocs.PagePath))
            {
                context.Response.OnStarting(() =>
                {
                    if (context.Items[Scalar.AspNetCore.ScalarOptions.NonceHttpContextItemKey] is string nonce)
                    {
                        headers.ContentSecurityPolicy = Policy(identityProvider, frameAncestors: "'none'", scriptNonce: nonce);
                    }

                    return Task.CompletedTask;
                });
            }

            // X-Frame-Options knows no origin list; the front-channel page relies on frame-ancestors alone.
            if (!frontChannel)
            {
                headers.XFrameOptions = "DENY";
            }

            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            await next(context);
        });
    }

    private static string Policy(string identityProvider, string frameAncestors, string? scriptNonce = null) => string.Join("; ",
        "default-src 'self'",
        scriptNonce is null ? "script-src 'self'" : $"script-src 'self' 'nonce-{scriptNonce}'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self' ws: wss:",
        "object-src 'none'",
        "base-uri 'self'",
        $"frame-ancestors {frameAncestors}",
        $"form-action 'self'{identityProvider}");
}
