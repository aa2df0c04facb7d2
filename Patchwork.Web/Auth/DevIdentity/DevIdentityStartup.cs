using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using Patchwork.Web.Features.Api;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Patchwork.Web.Auth.DevIdentity;

/// <summary>
/// Creates the provider's stores, then - once the server listens and its address is known - registers the app as the
/// provider's client. /healthz stays unhealthy until then.
/// </summary>
internal sealed partial class DevIdentityStartup(
    IServiceScopeFactory scopes,
    AppBaseAddress baseAddress,
    IOptions<OidcSettings> oidc,
    IOptions<ApiOptions> api,
    ILogger<DevIdentityStartup> logger) : IHostedLifecycleService, IHealthCheck
{
    private volatile bool ready;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DevIdentityDbContext>().Database.EnsureCreatedAsync(cancellationToken);
    }

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var bases = AppBaseAddress.Aliases(baseAddress.Get()).ToList();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = oidc.Value.ClientId,
            ClientType = ClientTypes.Public,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "Patchwork",
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Email,
                Permissions.Scopes.Profile,
                Permissions.Scopes.Roles,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        // With a client certificate configured, the client is confidential and proves itself with assertions signed
        // by that certificate's key (private_key_jwt), as at a council's provider.
        if (ClientAuthentication.LoadCertificate(oidc.Value.ClientCertificate) is { } certificate)
        {
            using (certificate)
            {
                descriptor.ClientType = ClientTypes.Confidential;
                descriptor.JsonWebKeySet = new JsonWebKeySet { Keys = { JsonWebKeyConverter.ConvertFromX509SecurityKey(new X509SecurityKey(certificate), representAsRsaKey: true) } };
            }
        }

        foreach (var root in bases)
        {
            descriptor.RedirectUris.Add(new Uri(root + "/signin-oidc"));
            descriptor.PostLogoutRedirectUris.Add(new Uri(root + "/signout-callback-oidc"));
        }

        await using var scope = scopes.CreateAsyncScope();
        // The stores live in memory for one run of the app, so the client is always new here.
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await applications.CreateAsync(descriptor, cancellationToken);
        foreach (var client in DevClientTokens.Clients(api.Value))
        {
            await applications.CreateAsync(client, cancellationToken);
        }

        ready = true;
        LogReady(bases[0] + DevIdentityEndpoints.Path + "/", descriptor.ClientId);
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(ready ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The development identity provider is starting."));

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "The development identity provider is on at {Issuer} for client {ClientId}: every professional in the store can sign in with the shared demo password. Never use it with real data.")]
    private partial void LogReady(string issuer, string clientId);
}
