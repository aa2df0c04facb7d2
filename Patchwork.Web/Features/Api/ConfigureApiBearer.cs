using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace Patchwork.Web.Features.Api;

/// <summary>
/// Bearer tokens of system clients: from <c>Authentication:Api:Authority</c>, or - when that is empty and the
/// development identity provider is on - checked against that provider's own issuer and signing keys, in process.
/// A missing or bad token is answered in the API's own error format.
/// </summary>
internal sealed class ConfigureApiBearer(IOptions<ApiTokenOptions> tokens, IServiceProvider services) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != ApiRegistration.Scheme)
        {
            return;
        }

        // Claims keep the names the token gives them (client_id, scope), not the WS-Federation ones.
        options.MapInboundClaims = false;
        options.TokenValidationParameters.ValidAudience = tokens.Value.Audience;
        options.TokenValidationParameters.NameClaimType = "sub";
        if (!string.IsNullOrWhiteSpace(tokens.Value.Authority))
        {
            options.Authority = tokens.Value.Authority;
        }
        else if (services.GetService<IOptionsMonitor<OpenIddictServerOptions>>() is { } devIdentity)
        {
            // Read when the first token arrives: the provider's issuer is the app's own address, known once it listens.
            options.TokenValidationParameters.IssuerValidator = (issuer, _, _) =>
                issuer == devIdentity.CurrentValue.Issuer?.AbsoluteUri ? issuer : throw new Microsoft.IdentityModel.Tokens.SecurityTokenInvalidIssuerException($"The token was issued by {issuer}, not by the development identity provider.");
            options.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, _, _) =>
                devIdentity.CurrentValue.SigningCredentials.Select(c => c.Key);
        }

        options.Events = new JwtBearerEvents
        {
            OnChallenge = async context =>
            {
                context.HandleResponse();
                var kind = ApiErrors.KindOf(context.Request.Path) ?? ApiKind.Feed;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await ApiErrors.WriteAsync(context.HttpContext, kind, StatusCodes.Status401Unauthorized,
                    context.AuthenticateFailure is null
                        ? "Send a bearer token from the council's identity provider (OAuth 2.0 client credentials) in the Authorization header."
                        : "The bearer token was not accepted: it is expired, not issued for Patchwork, or not signed by the council's identity provider.");
            },
        };
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
}
