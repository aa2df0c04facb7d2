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
        var policy = string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self' ws: wss:",
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'none'",
            $"form-action 'self'{identityProvider}");
        return app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            // The development identity provider answers with OpenID Connect's form_post page, whose inline script
            // posts the code back; it stands in for a council's provider, which serves that page from its own origin.
            if (!context.Request.Path.StartsWithSegments(Auth.DevIdentity.DevIdentityEndpoints.Path))
            {
                headers.ContentSecurityPolicy = policy;
            }

            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            await next(context);
        });
    }
}
