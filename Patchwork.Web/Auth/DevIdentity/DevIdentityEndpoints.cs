using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Patchwork.Web.Auth.DevIdentity;

/// <summary>
/// The provider's own pages and the endpoints OpenIddict passes through to the app: the authorization endpoint (who is
/// signing in), the end-session endpoint (sign out of the provider) and the sign-in form.
/// </summary>
internal static class DevIdentityEndpoints
{
    public const string Path = "/dev-identity";

    public const string CookieScheme = "DevIdentity";

    public const string SignInPath = Path + "/signin";

    public const string SignInRateLimit = "dev-identity-sign-in";

    public const string RolesClaim = "roles";

    public static IEndpointRouteBuilder MapDevIdentity(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Path).AllowAnonymous();
        group.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync);
        group.MapMethods("/connect/endsession", [HttpMethods.Get, HttpMethods.Post], (Delegate)EndSessionAsync);
        group.MapGet("/signin", ShowSignInAsync);
        group.MapPost("/signin", SignInAsync).RequireRateLimiting(SignInRateLimit);
        return endpoints;
    }

    /// <summary>10 a minute from one address by default; the 429 says why.</summary>
    public static void AddSignInRateLimit(RateLimiterOptions options, int attemptsPerMinute)
    {
        options.AddPolicy(SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = attemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context, DevIdentityAccounts accounts)
    {
        var request = context.GetOpenIddictServerRequest();
        if (request is null)
        {
            return TypedResults.BadRequest("This is not an OpenID Connect authorization request.");
        }

        var signedIn = await context.AuthenticateAsync(CookieScheme);
        var email = signedIn.Principal?.FindFirst(Claims.Email)?.Value;
        var professional = email is null ? null : await accounts.FindAsync(email, context.RequestAborted);
        if (professional is null || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return TypedResults.Forbid(
                    new AuthenticationProperties(new Dictionary<string, string?>
                    {
                        [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.LoginRequired,
                        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "Nobody is signed in.",
                    }),
                    [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }

            // To the sign-in form, then back here with the same request (without prompt=login, so it is not asked twice).
            IEnumerable<KeyValuePair<string, StringValues>> received = context.Request.HasFormContentType ? context.Request.Form : context.Request.Query;
            var parameters = received.Where(parameter => !(parameter.Key == Parameters.Prompt && request.HasPromptValue(PromptValues.Login)));
            return TypedResults.Challenge(
                new AuthenticationProperties { RedirectUri = context.Request.PathBase + context.Request.Path + QueryString.Create(parameters) },
                [CookieScheme]);
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, RolesClaim);
        identity.SetClaim(Claims.Subject, professional.Id)
            .SetClaim(Claims.Email, professional.Email)
            .SetClaim(Claims.Name, professional.DisplayName)
            .SetClaims(RolesClaim, [.. professional.RoleList.Select(role => role.ToString())]);
        // One id per sign-in at this provider, sent as the id token's sid, as a council's provider does: the
        // front- and back-channel logouts name it.
        if (signedIn.Principal?.FindFirst(PatchworkAuth.ProviderSessionClaim)?.Value is { } sid)
        {
            identity.SetClaim(PatchworkAuth.ProviderSessionClaim, sid);
        }

        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Name when identity.HasScope(Scopes.Profile) => [Destinations.IdentityToken, Destinations.AccessToken],
            Claims.Email when identity.HasScope(Scopes.Email) => [Destinations.IdentityToken, Destinations.AccessToken],
            // Roles travel in the ID token as Entra ID's app roles do, with no scope to ask for them.
            RolesClaim => [Destinations.IdentityToken, Destinations.AccessToken],
            PatchworkAuth.ProviderSessionClaim => [Destinations.IdentityToken, Destinations.AccessToken],
            _ => [Destinations.AccessToken],
        });

        return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<SignOutHttpResult> EndSessionAsync(HttpContext context)
    {
        await context.SignOutAsync(CookieScheme);
        // OpenIddict sends the browser on to the client's registered post-logout address.
        return TypedResults.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static async Task<RazorComponentResult<DevSignInPage>> ShowSignInAsync(HttpContext context, DevIdentityAccounts accounts, [FromQuery(Name = "ReturnUrl")] string? returnUrl) =>
        await SignInPageAsync(context, accounts, returnUrl, email: null, error: null);

    private static async Task<IResult> SignInAsync(
        HttpContext context,
        DevIdentityAccounts accounts,
        [FromForm] string? email,
        [FromForm] string? password,
        [FromForm] string? returnUrl)
    {
        var professional = await accounts.CheckAsync(email, password, context.RequestAborted);
        if (professional is null)
        {
            return await SignInPageAsync(context, accounts, returnUrl, email, "That email and password do not match a Patchwork account. Check them and try again.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(Claims.Subject, professional.Id),
                new Claim(Claims.Email, professional.Email!),
                new Claim(Claims.Name, professional.DisplayName),
                new Claim(PatchworkAuth.ProviderSessionClaim, Guid.NewGuid().ToString("N")),
            ],
            CookieScheme, Claims.Name, RolesClaim);
        await context.SignInAsync(CookieScheme, new ClaimsPrincipal(identity));
        return TypedResults.LocalRedirect(LocalUrls.Sanitize(returnUrl));
    }

    private static async Task<RazorComponentResult<DevSignInPage>> SignInPageAsync(HttpContext context, DevIdentityAccounts accounts, string? returnUrl, string? email, string? error) =>
        new(new
        {
            Action = context.Request.PathBase + SignInPath,
            ReturnUrl = LocalUrls.Sanitize(returnUrl),
            Email = email,
            Error = error,
            DemoAccounts = await accounts.DemoAccountsAsync(context.RequestAborted),
        });
}
