using Microsoft.EntityFrameworkCore;
using OpenIddict.Server;
using Patchwork.Web.Features.Api;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Patchwork.Web.Auth.DevIdentity;

internal static class DevIdentityRegistration
{
    /// <summary>
    /// The OpenIddict server under /dev-identity/: authorization code flow with PKCE required, signed id tokens with
    /// an ephemeral key, its stores in memory. Refuses to start in Production.
    /// </summary>
    public static void AddDevIdentity(this WebApplicationBuilder builder)
    {
        if (builder.Environment.IsProduction())
        {
            throw new InvalidOperationException(
                "The development identity provider (DevIdentity:Enabled) must not run in Production: it signs anyone in " +
                "as any professional with one shared password. Set DevIdentity:Enabled to false and configure " +
                "Authentication:Oidc (Authority, ClientId, ClientSecret) for your organisation's identity provider.");
        }

        var services = builder.Services;
        var development = builder.Environment.IsDevelopment();
        services.AddSingleton<DevIdentityDatabase>();
        services.AddDbContext<DevIdentityDbContext>((provider, options) =>
        {
            options.UseSqlite(provider.GetRequiredService<DevIdentityDatabase>().ConnectionString);
            options.UseOpenIddict();
        });

        services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<DevIdentityDbContext>())
            .AddServer(options =>
            {
                // Relative to the app's root: OpenIddict matches them against each request's own address.
                options.SetConfigurationEndpointUris("dev-identity/.well-known/openid-configuration")
                    .SetJsonWebKeySetEndpointUris("dev-identity/.well-known/jwks")
                    .SetAuthorizationEndpointUris("dev-identity/connect/authorize")
                    .SetTokenEndpointUris("dev-identity/connect/token")
                    .SetEndSessionEndpointUris("dev-identity/connect/endsession");
                options.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().RequireProofKeyForCodeExchange();
                // Other systems (Patchwork:Api:Clients with a DevSecret) get tokens for /fhir and /api/v1.
                options.AllowClientCredentialsFlow();
                options.RegisterScopes(Scopes.Email, Scopes.Profile, Scopes.Roles, ApiScopes.Read, ApiScopes.Write);
                options.AddEventHandler<OpenIddictServerEvents.HandleTokenRequestContext>(handler => handler.UseInlineHandler(DevClientTokens.Issuer(builder.Configuration[$"{ApiTokenOptions.Section}:{nameof(ApiTokenOptions.Audience)}"] ?? ApiTokenOptions.DefaultAudience)));
                options.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
                var aspNetCore = options.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                if (development)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            });

        // The issuer is the app's own address, known only once the server listens; options are built on first use.
        services.AddOptions<OpenIddictServerOptions>()
            .Configure<AppBaseAddress>((options, baseAddress) => options.Issuer = new Uri(baseAddress.Get() + DevIdentityEndpoints.Path + "/"));

        services.AddAuthentication().AddCookie(DevIdentityEndpoints.CookieScheme, options =>
        {
            options.Cookie.Name = ".Patchwork.DevIdentity";
            options.Cookie.Path = DevIdentityEndpoints.Path;
            options.LoginPath = DevIdentityEndpoints.SignInPath;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
        });

        services.AddSingleton<DevIdentityStartup>();
        services.AddHostedService(provider => provider.GetRequiredService<DevIdentityStartup>());
        services.AddHealthChecks().AddCheck<DevIdentityStartup>("dev-identity");
        services.AddScoped<DevIdentityAccounts>();
        services.AddOptions<DevIdentityOptions>()
            .Validate(options => !string.IsNullOrWhiteSpace(options.Password), "DevIdentity:Password must be set while the development identity provider is on (see Patchwork.Web/README.md).")
            .ValidateOnStart();
        services.AddRateLimiter(options => DevIdentityEndpoints.AddSignInRateLimit(
            options, builder.Configuration.GetValue($"{DevIdentityOptions.Section}:{nameof(DevIdentityOptions.SignInAttemptsPerMinute)}", 10)));
    }
}
