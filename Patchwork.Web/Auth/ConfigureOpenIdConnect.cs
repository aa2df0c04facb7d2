using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Patchwork.Graph.Access;
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
    TimeProvider timeProvider,
    ILogger<ConfigureOpenIdConnect> logger) : IConfigureNamedOptions<OpenIdConnectOptions>
{
    // Logged once each, so a user with forty group ids does not fill the log at every sign-in.
    private readonly ConcurrentDictionary<ProviderValue, bool> loggedUnmapped = new();

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
        options.TokenValidationParameters.RoleClaimType = oidc.RoleClaimList[0];

        if (devIdentity.Value.Enabled == true)
        {
            options.Authority = baseAddress.Get() + DevIdentityEndpoints.Path + "/";
            options.RequireHttpsMetadata = !environment.IsDevelopment();
            // The development provider's client is public: it proves itself with PKCE, not a secret.
            options.ClientSecret = null;
            // OpenIddict issues refresh tokens, with which sessions are revalidated, only for offline_access.
            options.Scope.Add(OpenIdConnectScope.OfflineAccess);
            LogDevelopmentAuthority(options.Authority);
        }
        else
        {
            options.Authority = oidc.Authority;
            // A provider tried on one's own machine (loopback, in Development) may answer over plain http; any other
            // provider must use https, or its keys and tokens could be changed on the way.
            options.RequireHttpsMetadata = !(environment.IsDevelopment() && IsLoopback(oidc.Authority));
        }

        options.Events.OnTokenValidated = LinkProfessionalAsync;
        options.Events.OnAuthorizationCodeReceived = AuthenticateClientAsync;
        options.Events.OnPushAuthorization = AuthenticatePushedRequestAsync;
        options.Events.OnRemoteFailure = SignInFailures.OnRemoteFailureAsync;
        options.Events.OnAccessDenied = SignInFailures.OnAccessDeniedAsync;
        options.Events.OnRedirectToIdentityProvider = async context =>
        {
            // A session that ended (timed out, or ended by an administrator) is not picked up again silently from the
            // provider's own sign-in: the person proves who they are again.
            if (context.HttpContext.Items.ContainsKey(ServerSessionTicketStore.EndedSessionItem))
            {
                context.ProtocolMessage.Prompt = OpenIdConnectPrompt.Login;
            }

            await SignInFailures.ProviderAnswersAsync(context);
        };
    }

    private static bool IsLoopback(string? authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var uri) && uri.IsLoopback;

    /// <summary>With a certificate configured, the code is redeemed with a signed client assertion instead of the secret.</summary>
    private static async Task AuthenticateClientAsync(AuthorizationCodeReceivedContext context)
    {
        var client = context.HttpContext.RequestServices.GetRequiredService<ClientAuthentication>();
        if (!client.UsesCertificate || context.TokenEndpointRequest is not { } request)
        {
            return;
        }

        var configuration = await context.Options.ConfigurationManager!.GetConfigurationAsync(context.HttpContext.RequestAborted);
        request.ClientSecret = null;
        request.ClientAssertionType = ClientAuthentication.AssertionType;
        request.ClientAssertion = client.CreateAssertion(configuration.TokenEndpoint, configuration.Issuer);
    }

    /// <summary>
    /// A provider that offers pushed authorization requests (Keycloak, oidc-provider) is sent the sign-in request first,
    /// from the server, and authenticates the client there too: with a certificate configured, by a signed client
    /// assertion rather than the secret, which the handler would otherwise send (and which is not there).
    /// </summary>
    private static async Task AuthenticatePushedRequestAsync(PushedAuthorizationContext context)
    {
        var client = context.HttpContext.RequestServices.GetRequiredService<ClientAuthentication>();
        if (!client.UsesCertificate)
        {
            return;
        }

        var configuration = await context.Options.ConfigurationManager!.GetConfigurationAsync(context.HttpContext.RequestAborted);
        context.ProtocolMessage.ClientSecret = null;
        context.ProtocolMessage.ClientAssertionType = ClientAuthentication.AssertionType;
        context.ProtocolMessage.ClientAssertion = client.CreateAssertion(configuration.TokenEndpoint, configuration.Issuer);
        context.HandleClientAuthentication();
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
        var links = services.GetRequiredService<IIdentityLinks>();
        var cancellationToken = context.HttpContext.RequestAborted;
        var outcome = await SignedInProfessional.ResolveAsync(context.Principal, store, links, settings.Value, cancellationToken);
        if (outcome is { Viewer: { } first, NewLink: true, Account: { } account }
            && !await links.LinkAsync(new IdentityLink(account.Issuer, account.Subject, first.ProfessionalId, outcome.Email!.Address, timeProvider.GetUtcNow()), cancellationToken))
        {
            // Another sign-in linked this professional a moment ago: decide again from what is recorded now.
            outcome = await SignedInProfessional.ResolveAsync(context.Principal, store, links, settings.Value, cancellationToken);
        }
        else if (outcome is { Viewer: { } linked, NewLink: true, Account: { } made })
        {
            LogLinked(linked.ProfessionalId, made.Issuer, made.Subject);
            await audit.AppendAsync(new AuditEntry(linked.ProfessionalId, linked.Name, AuditActions.SignIn, $"professional:{linked.ProfessionalId}", [], null, $"account {made.Subject} at {made.Issuer} linked by work email"), cancellationToken);
        }

        foreach (var value in outcome.Roles.Unmapped.Where(v => outcome.Roles.FromRoleMap && loggedUnmapped.TryAdd(v, true)))
        {
            LogUnmappedRole(value.Value, value.Claim);
        }

        if (outcome.Viewer is not { } viewer)
        {
            var who = outcome.Email?.Address ?? context.Principal.FindFirst("sub")?.Value ?? "(no email)";
            var why = outcome.Refusal switch
            {
                SignInRefusal.NoEmail => $"no email in the claims {string.Join(", ", settings.Value.EmailClaimList)}",
                SignInRefusal.EmailNotVerified => "the provider says the email is not verified",
                SignInRefusal.SecondAccount => $"the professional with this email already signs in with another account at {outcome.Account?.Issuer}; this account ({outcome.Account?.Subject}) is refused - if it replaced the old one, run `patchwork professionals unlink --email {outcome.Email?.Address}`",
                SignInRefusal.NoMappedRole => $"no value of the claims {string.Join(", ", settings.Value.RoleClaimList)} is in the role map",
                SignInRefusal.NotLinked or null => "not linked to a professional",
            };
            LogRefused(who, why);
            await audit.AppendAsync(new AuditEntry(who, who, AuditActions.SignIn, null, [], null, $"refused: {why}"), cancellationToken);
            return;
        }

        identity.AddClaim(new Claim(PatchworkAuth.ProfessionalIdClaim, viewer.ProfessionalId));
        await audit.AppendAsync(new AuditEntry(viewer.ProfessionalId, viewer.Name, AuditActions.SignIn, null, [], null, string.Join(", ", viewer.Roles)), cancellationToken);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Signing in through the development identity provider at {Authority}.")]
    private partial void LogDevelopmentAuthority(string authority);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "{User} signed in at the identity provider but Patchwork refused them: {Reason}.")]
    private partial void LogRefused(string user, string reason);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Professional {ProfessionalId} is now linked to the account {Subject} at {Issuer}, found by work email at their first sign-in.")]
    private partial void LogLinked(string professionalId, string issuer, string subject);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "The identity provider sent the value '{Value}' in the claim '{Claim}', which Authentication:Oidc:RoleMap does not map to a Patchwork role; it is ignored.")]
    private partial void LogUnmappedRole(string value, string claim);
}
