using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Storage;
using Patchwork.Web.Auth.DevIdentity;
using Patchwork.Web.Auth.Sessions;

namespace Patchwork.Web.Auth;

/// <summary>
/// The OpenID Connect handler, shaped as in the ASP.NET Core Blazor Web App OIDC sample: authorization code with PKCE,
/// claims kept under their token names. Applied when the handler first runs, after the server has started, so the
/// development provider's authority can be the app's own listening address.
/// </summary>
internal sealed partial class ConfigureOpenIdConnect(
    IOptions<OidcSettings> settings,
    IOptions<DevIdentityOptions> devIdentity,
    AppBaseAddress baseAddress,
    IHostEnvironment environment,
    ILogger<ConfigureOpenIdConnect> logger) : IConfigureNamedOptions<OpenIdConnectOptions>
{
    public void Configure(OpenIdConnectOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, OpenIdConnectOptions options)
    {
        if (name != PatchworkAuth.OidcScheme)
        {
            return;
        }

        var oidc = settings.Value;
        options.SignInScheme = PatchworkAuth.CookieScheme;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;
        options.MapInboundClaims = false;
        options.SaveTokens = true;
        options.GetClaimsFromUserInfoEndpoint = false;
        options.ClientId = oidc.ClientId;
        options.ClientSecret = oidc.ClientSecret;
        options.Scope.Clear();
        foreach (var scope in oidc.ScopeList.Prepend(OpenIdConnectScope.OpenId).Distinct(StringComparer.Ordinal))
        {
            options.Scope.Add(scope);
        }

        options.TokenValidationParameters.NameClaimType = "name";
        options.TokenValidationParameters.RoleClaimType = oidc.RoleClaim;

        if (devIdentity.Value.Enabled == true)
        {
            options.Authority = baseAddress.Get() + DevIdentityEndpoints.Path + "/";
            options.RequireHttpsMetadata = !environment.IsDevelopment();
            // The development provider's client is public: it proves itself with PKCE, not a secret.
            options.ClientSecret = null;
            LogDevelopmentAuthority(options.Authority);
        }
        else
        {
            options.Authority = oidc.Authority;
        }

        options.Events.OnTokenValidated = LinkProfessionalAsync;
        options.Events.OnRedirectToIdentityProvider = context =>
        {
            // A session that ended (timed out, or ended by an administrator) is not picked up again silently from the
            // provider's own sign-in: the person proves who they are again.
            if (context.HttpContext.Items.ContainsKey(ServerSessionTicketStore.EndedSessionItem))
            {
                context.ProtocolMessage.Prompt = OpenIdConnectPrompt.Login;
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>Marks the session with the professional the user is; without it every page answers "not linked".</summary>
    private async Task LinkProfessionalAsync(TokenValidatedContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity)
        {
            return;
        }

        // Only Patchwork says who is linked: never trust a provider that sends the claim itself.
        foreach (var claim in identity.FindAll(PatchworkAuth.ProfessionalIdClaim).ToList())
        {
            identity.RemoveClaim(claim);
        }

        var services = context.HttpContext.RequestServices;
        var store = services.GetRequiredService<IGraphStore>();
        var audit = services.GetRequiredService<IAuditTrail>();
        var email = context.Principal.FindFirst(settings.Value.EmailClaim)?.Value ?? "(no email)";
        var viewer = await SignedInProfessional.FindAsync(context.Principal, store, settings.Value, context.HttpContext.RequestAborted);
        if (viewer is null)
        {
            LogNotLinked(email);
            await audit.AppendAsync(new AuditEntry(email, email, AuditActions.SignIn, null, [], null, "not linked to a professional"), context.HttpContext.RequestAborted);
            return;
        }

        identity.AddClaim(new Claim(PatchworkAuth.ProfessionalIdClaim, viewer.ProfessionalId));
        await audit.AppendAsync(new AuditEntry(viewer.ProfessionalId, viewer.Name, AuditActions.SignIn, null, [], null, string.Join(", ", viewer.Roles)), context.HttpContext.RequestAborted);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Signing in through the development identity provider at {Authority}.")]
    private partial void LogDevelopmentAuthority(string authority);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "{Email} signed in but is not linked to a professional in Patchwork.")]
    private partial void LogNotLinked(string email);
}
