using System.Security.Claims;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Patchwork.Web.Features.Api;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Patchwork.Web.Auth.DevIdentity;

/// <summary>
/// Client-credentials tokens for the systems configured under <c>Patchwork:Api:Clients</c> that have a
/// <c>DevSecret</c>: each may ask for the scopes it is configured with, and its token is issued for the API's audience.
/// </summary>
internal static class DevClientTokens
{
    /// <summary>The provider's registration of every configured client with a development secret.</summary>
    public static IEnumerable<OpenIddictApplicationDescriptor> Clients(ApiOptions api)
    {
        foreach (var (clientId, client) in api.Clients)
        {
            if (string.IsNullOrWhiteSpace(client.DevSecret))
            {
                continue;
            }

            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = clientId,
                ClientSecret = client.DevSecret,
                ClientType = ClientTypes.Confidential,
                DisplayName = $"System client {clientId}",
                Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
            };
            // A scope the client is not configured with is refused by the provider, as a council's would.
            foreach (var scope in client.Scopes.Where(ApiScopes.All.Contains))
            {
                descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
            }

            yield return descriptor;
        }
    }

    /// <summary>Signs a client-credentials request in as the client itself; other grants are left to the provider.</summary>
    public static Func<OpenIddictServerEvents.HandleTokenRequestContext, ValueTask> Issuer(string audience) => context => Issue(context, audience);

    private static ValueTask Issue(OpenIddictServerEvents.HandleTokenRequestContext context, string audience)
    {
        if (!context.Request.IsClientCredentialsGrantType() || context.Request.ClientId is not { } clientId)
        {
            return default;
        }

        var identity = new ClaimsIdentity("dev-identity-client", Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, clientId);
        identity.SetClaim(Claims.ClientId, clientId);
        identity.SetClaim(Claims.Name, $"System client {clientId}");
        identity.SetScopes(context.Request.GetScopes());
        identity.SetResources(audience);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        context.SignIn(new ClaimsPrincipal(identity));
        return default;
    }
}
