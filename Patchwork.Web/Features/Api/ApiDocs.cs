using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using OpenIddict.Server;
using Patchwork.Graph.Model;
using Patchwork.Graph.Storage;
using Patchwork.Web.Auth;
using Scalar.AspNetCore;

namespace Patchwork.Web.Features.Api;

/// <summary>
/// The feed API described for integrators: an OpenAPI document of everything under /api/v1 at
/// <see cref="DocumentPath"/> and a reference page to read it at <see cref="PagePath"/>. In Development anyone may read
/// both; elsewhere only a signed-in administrator, since the document names every call another system can make.
/// FHIR is left out: it describes itself in its CapabilityStatement at /fhir/metadata.
/// </summary>
public static class ApiDocs
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/" + DocumentName + ".json";
    public const string PagePath = "/api/docs";
    public const string Policy = "ApiDocsReaders";

    /// <summary>The name of the bearer scheme in the document, which every operation requires.</summary>
    public const string SecurityScheme = "clientCredentials";

    public static WebApplicationBuilder AddPatchworkApiDocs(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = Describes;
            options.AddDocumentTransformer((document, context, _) =>
            {
                Describe(document, context.ApplicationServices);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                RequireToken(operation, context.Description.HttpMethod ?? HttpMethods.Get, context.Document);
                return Task.CompletedTask;
            });
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .RequireAuthenticatedUser()
            .RequireClaim(PatchworkAuth.ProfessionalIdClaim)
            .AddRequirements(new AdministratorRequirement()));
        services.AddScoped<IAuthorizationHandler, AdministratorHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AdministratorRefusal>();
        return builder;
    }

    public static WebApplication MapPatchworkApiDocs(this WebApplication app)
    {
        var document = app.MapOpenApi(DocumentPath.Replace(DocumentName, "{documentName}", StringComparison.Ordinal));
        var page = app.MapScalarApiReference(PagePath, options => options
            .WithTitle("Patchwork feed API")
            .WithOpenApiRoutePattern(DocumentPath.Replace(DocumentName, "{documentName}", StringComparison.Ordinal))
            .AddDocument(DocumentName)
            // The page runs under the app's content security policy: its scripts carry a fresh nonce (added to the
            // policy of this page alone, see SecurityHeaders), and nothing is fetched from elsewhere - no fonts from
            // a CDN, no telemetry, no AI agent or MCP service.
            .WithNonce()
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .AddPreferredSecuritySchemes([SecurityScheme]));
        if (app.Environment.IsDevelopment())
        {
            document.AllowAnonymous();
            page.AllowAnonymous();
        }
        else
        {
            document.RequireAuthorization(Policy);
            page.RequireAuthorization(Policy);
        }

        return app;
    }

    /// <summary>
    /// Whether an endpoint belongs in the document: everything under /api/v1, so a feed endpoint appears once it is
    /// mapped, and nothing else (not FHIR, not the screens, not sign-in).
    /// </summary>
    public static bool Describes(ApiDescription description) =>
        description.RelativePath is { } path && new PathString("/" + path.TrimStart('/')).StartsWithSegments(ApiErrors.FeedPrefix);

    private static void Describe(OpenApiDocument document, IServiceProvider services)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Patchwork feed API",
            Version = DocumentName,
            Description = "Case, school and health systems tell Patchwork what they already know: involvements, contacts and statuses. "
                + "Every call needs a bearer token from the council's identity provider (OAuth 2.0 client credentials) for a client "
                + "registered with Patchwork; the client writes as a practitioner of its agency. Errors are application/problem+json. "
                + "The FHIR R4 read API is described by its own CapabilityStatement at /fhir/metadata.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[SecurityScheme] = BearerScheme(services);
    }

    /// <summary>
    /// OAuth 2.0 client credentials with the two scopes. The token endpoint is the development identity provider's
    /// while it issues the tokens; with a council's provider it is found through that provider's discovery document.
    /// </summary>
    private static OpenApiSecurityScheme BearerScheme(IServiceProvider services)
    {
        const string description = "A JWT from the council's identity provider, obtained with OAuth 2.0 client credentials and sent as "
            + "'Authorization: Bearer {token}'. patchwork.read is needed for every GET, patchwork.write for every POST; the client must be "
            + "registered under Patchwork:Api:Clients:{clientId} with the agency it speaks for.";
        var scopes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ApiScopes.Read] = "Read, as a practitioner of the client's agency would",
            [ApiScopes.Write] = "Feed involvements, contacts and statuses",
        };
        var authority = services.GetRequiredService<IOptions<ApiTokenOptions>>().Value.Authority;
        if (string.IsNullOrWhiteSpace(authority) && services.GetService<IOptionsMonitor<OpenIddictServerOptions>>()?.CurrentValue.Issuer is { } issuer)
        {
            return new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Description = description,
                Flows = new OpenApiOAuthFlows { ClientCredentials = new OpenApiOAuthFlow { TokenUrl = new Uri(issuer, "connect/token"), Scopes = scopes } },
            };
        }

        return new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OpenIdConnect,
            Description = description + " Scopes: " + string.Join(", ", scopes.Select(s => $"{s.Key} ({s.Value})")) + ".",
            OpenIdConnectUrl = new Uri(new Uri(authority!.TrimEnd('/') + "/"), ".well-known/openid-configuration"),
        };
    }

    private static void RequireToken(OpenApiOperation operation, string method, OpenApiDocument? document)
    {
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(SecurityScheme, document)] = [ApiScopes.NeededFor(method)],
        });
        operation.Responses ??= [];
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No bearer token, or one that is expired or not issued for Patchwork (problem+json)." });
        operation.Responses.TryAdd("403", new OpenApiResponse { Description = $"The client is not registered with Patchwork, or lacks the scope {ApiScopes.NeededFor(method)} (problem+json)." });
        operation.Responses.TryAdd("429", new OpenApiResponse { Description = "Too many calls from this client in the last minute; retry after the Retry-After header's seconds (problem+json)." });
    }

    /// <summary>The signed-in professional is an administrator (by the provider's roles, or the record's).</summary>
    private sealed class AdministratorRequirement : IAuthorizationRequirement;

    private sealed class AdministratorHandler(IGraphStore store, IOptions<OidcSettings> settings) : AuthorizationHandler<AdministratorRequirement>
    {
        protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AdministratorRequirement requirement)
        {
            if (await SignedInProfessional.FindAsync(context.User, store, settings.Value) is { } viewer && viewer.Is(ProfessionalRole.Administrator))
            {
                context.Succeed(requirement);
            }
        }
    }

    /// <summary>
    /// A signed-in professional who is not an administrator is told so in plain words, rather than sent to the
    /// cookie's access-denied page (which is about accounts not linked to a professional).
    /// </summary>
    private sealed class AdministratorRefusal : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler standard = new();

        public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
        {
            if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<AdministratorRequirement>().Any() == true)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("The API reference is open to administrators only outside Development. Ask an administrator of Patchwork.", context.RequestAborted);
                return;
            }

            await standard.HandleAsync(next, context, policy, authorizeResult);
        }
    }
}
