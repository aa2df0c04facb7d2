using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Patchwork.Web.Auth.DevIdentity;
using Patchwork.Web.Features.Api.Fhir;

namespace Patchwork.Web.Features.Api;

/// <summary>
/// The APIs for other systems: /fhir (FHIR R4, read) and /api/v1 (the feed). Both take a bearer token of a
/// configured client (the <see cref="Scheme"/> scheme, for these paths only; the screens keep the cookie), each
/// client rate limited on its own.
/// </summary>
public static class ApiRegistration
{
    public const string Scheme = "Api";
    public const string Policy = "ApiClient";
    public const string RateLimitPolicy = "api-client";

    public static WebApplicationBuilder AddPatchworkApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var devIdentity = DevIdentityOptions.IsEnabled(builder.Configuration, builder.Environment);
        // Without clients nothing can call, so a deployment that has none needs no token issuer either. In Development
        // the demo clients are configured whether or not the development provider is on (it is off while a council's
        // provider is tried out): with no issuer their calls are refused, and the app still starts.
        var mayLackIssuer = devIdentity || builder.Environment.IsDevelopment();
        var hasClients = builder.Configuration.GetSection($"{ApiOptions.Section}:{nameof(ApiOptions.Clients)}").GetChildren().Any();
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section)
            .Validate(o => o.Clients.All(c => c.Value.Scopes.All(ApiScopes.All.Contains)), $"Patchwork:Api:Clients:{{clientId}}:Scopes may hold only {string.Join(" and ", ApiScopes.All)}.")
            .Validate(o => o.RequestsPerMinute > 0, "Patchwork:Api:RequestsPerMinute must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<ApiTokenOptions>().BindConfiguration(ApiTokenOptions.Section)
            .Validate(o => mayLackIssuer || !hasClients || Uri.IsWellFormedUriString(o.Authority, UriKind.Absolute),
                "Authentication:Api:Authority must be the identity provider that issues the system clients' tokens (or turn DevIdentity:Enabled on, outside Production).")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Audience), "Authentication:Api:Audience must be set.")
            .ValidateOnStart();

        services.AddAuthentication().AddJwtBearer(Scheme, _ => { });
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureApiBearer>();
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(RateLimitPolicy, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptionsMonitor<ApiOptions>>().CurrentValue.RequestsPerMinute;
                // A call with no token (the public CapabilityStatement) counts against its address instead.
                return RateLimitPartition.GetFixedWindowLimiter(
                    ApiCaller.ClientIdOf(context.User) ?? "address:" + context.Connection.RemoteIpAddress,
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });

            // The sign-in limit answers in plain text for a person; a system is answered in its API's own format.
            var screens = options.OnRejected;
            options.OnRejected = (context, cancellationToken) =>
            {
                if (ApiErrors.KindOf(context.HttpContext.Request.Path) is not { } kind)
                {
                    return screens?.Invoke(context, cancellationToken) ?? ValueTask.CompletedTask;
                }

                context.HttpContext.Response.Headers.RetryAfter = "60";
                return new ValueTask(ApiErrors.WriteAsync(context.HttpContext, kind, StatusCodes.Status429TooManyRequests,
                    "This client has made too many calls in the last minute. Wait a minute, then try again."));
            };
        });
        services.AddSingleton<FhirReader>();
        builder.AddPatchworkApiDocs();
        return builder;
    }

    public static WebApplication MapPatchworkApi(this WebApplication app)
    {
        // A CapabilityStatement is public by FHIR convention: a system reads what the server offers before it has a token.
        app.MapGroup(ApiErrors.FhirPrefix)
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicy)
            .DisableAntiforgery()
            .MapFhirMetadata();
        var fhir = app.MapGroup(ApiErrors.FhirPrefix)
            .RequireAuthorization(Policy)
            .RequireRateLimiting(RateLimitPolicy)
            .AddEndpointFilter(new ApiClientFilter(ApiKind.Fhir))
            .DisableAntiforgery();
        fhir.MapFhir();
        app.MapPatchworkApiDocs();

        var feed = app.MapGroup(ApiErrors.FeedPrefix)
            .RequireAuthorization(Policy)
            .RequireRateLimiting(RateLimitPolicy)
            .AddEndpointFilter(new ApiClientFilter(ApiKind.Feed))
            .DisableAntiforgery();
        feed.MapFeed();
        return app;
    }
}
