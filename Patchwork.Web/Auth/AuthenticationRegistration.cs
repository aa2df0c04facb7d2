using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Storage;
using Patchwork.Web.Auth.DevIdentity;
using Patchwork.Web.Auth.Sessions;

namespace Patchwork.Web.Auth;

/// <summary>Sign-in for every page and server call, and the development identity provider when it is on.</summary>
public static class AuthenticationRegistration
{
    public static WebApplicationBuilder AddPatchworkAuthentication(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var devIdentity = DevIdentityOptions.IsEnabled(builder.Configuration, builder.Environment);

        services.AddOptions<OidcSettings>().BindConfiguration(OidcSettings.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ClientId), "Authentication:Oidc:ClientId must be set.")
            .Validate(o => devIdentity || Uri.IsWellFormedUriString(o.Authority, UriKind.Absolute),
                "Authentication:Oidc:Authority must be the identity provider's URL (or turn DevIdentity:Enabled on, outside Production).")
            .Validate(o => o.ProblemWithRoleMap() is null, "Authentication:Oidc:RoleMap maps a provider value to something that is not a Patchwork role (Practitioner, Coordinator, InformationGovernance, Administrator).")
            .ValidateOnStart();
        services.AddOptions<DevIdentityOptions>().BindConfiguration(DevIdentityOptions.Section)
            .PostConfigure(o => o.Enabled = devIdentity);
        services.AddSingleton<AppBaseAddress>();
        services.AddSingleton<IdentityProviderProbe>();
        services.AddHealthChecks().AddCheck<IdentityProviderHealthCheck>("identity-provider", Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded);

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = PatchworkAuth.CookieScheme;
                options.DefaultChallengeScheme = PatchworkAuth.OidcScheme;
            })
            .AddCookie(PatchworkAuth.CookieScheme, options =>
            {
                options.Cookie.Name = ".Patchwork.Session";
                options.AccessDeniedPath = PatchworkAuth.NotLinkedPath;
                options.Events.OnSigningOut = AuditSignOutAsync;
                options.Events.OnValidatePrincipal = context =>
                    context.HttpContext.RequestServices.GetRequiredService<ProviderRevalidation>().OnValidatePrincipalAsync(context);
            })
            .AddOpenIdConnect(PatchworkAuth.OidcScheme, _ => { });
        services.AddSingleton<IConfigureOptions<OpenIdConnectOptions>, ConfigureOpenIdConnect>();
        services.AddSingleton<IValidateOptions<OidcSettings>, ClientCertificateValidator>();
        services.AddSingleton(provider =>
        {
            var oidc = provider.GetRequiredService<IOptions<OidcSettings>>().Value;
            return new ClientAuthentication(
                oidc.ClientId,
                ClientAuthentication.LoadCertificate(oidc.ClientCertificate),
                provider.GetRequiredService<TimeProvider>(),
                oidc.ClientCertificate.AssertionFormat ?? (devIdentity ? AssertionFormat.Rfc7523bis : AssertionFormat.Rfc7523));
        });
        services.AddSingleton<ProviderRevalidation>();

        // Sessions live on the server (Authentication:Session): the cookie holds a key, open pages check it stands.
        services.AddPatchworkSessions();
        services.AddSingleton<ITicketStore, ServerSessionTicketStore>();
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, ConfigureSessionCookie>();
        services.AddScoped<AuthenticationStateProvider, SessionAuthenticationStateProvider>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, SessionActivityCircuitHandler>());

        // Every endpoint needs a signed-in user linked to a professional unless it says otherwise.
        var linked = new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireClaim(PatchworkAuth.ProfessionalIdClaim)
            .Build();
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(linked)
            .SetFallbackPolicy(linked)
            .AddPolicy(PatchworkAuth.SignedInPolicy, policy => policy.RequireAuthenticatedUser());
        services.AddCascadingAuthenticationState();
        services.AddScoped<CurrentViewer>();

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(
                    "Too many sign-in attempts from this address. Wait a minute, then try again.", cancellationToken);
            };
        });

        if (devIdentity)
        {
            builder.AddDevIdentity();
        }

        return builder;
    }

    /// <summary>A certificate that cannot be used stops the app at start, saying which file and why (never the password).</summary>
    private sealed class ClientCertificateValidator : IValidateOptions<OidcSettings>
    {
        public ValidateOptionsResult Validate(string? name, OidcSettings options)
        {
            try
            {
                using var certificate = ClientAuthentication.LoadCertificate(options.ClientCertificate);
                return ValidateOptionsResult.Success;
            }
            catch (InvalidOperationException exception)
            {
                return ValidateOptionsResult.Fail(exception.Message);
            }
        }
    }

    /// <summary>Signing out is recorded, as signing in is; the session itself is ended by the ticket store.</summary>
    private static async Task AuditSignOutAsync(CookieSigningOutContext context)
    {
        var user = context.HttpContext.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return;
        }

        var settings = context.HttpContext.RequestServices.GetRequiredService<IOptions<OidcSettings>>().Value;
        var who = user.FindFirst(PatchworkAuth.ProfessionalIdClaim)?.Value ?? new ProviderClaims(settings).EmailOf(user)?.Address ?? "(unknown)";
        await context.HttpContext.RequestServices.GetRequiredService<IAuditTrail>().AppendAsync(
            new AuditEntry(who, user.Identity.Name ?? who, AuditActions.SignOut, null, []), context.HttpContext.RequestAborted);
    }

    /// <summary>Authentication, authorization and the rate limiter; call after routing and before antiforgery.</summary>
    public static WebApplication UsePatchworkAuthentication(this WebApplication app)
    {
        app.UseSignInFailurePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    public static WebApplication MapPatchworkAuthentication(this WebApplication app)
    {
        app.MapLoginAndLogout();
        app.MapBackChannelLogout();
        app.MapFrontChannelLogout();
        if (DevIdentityOptions.IsEnabled(app.Configuration, app.Environment))
        {
            app.MapDevIdentity();
        }

        return app;
    }
}
