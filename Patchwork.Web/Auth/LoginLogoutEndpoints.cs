using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Patchwork.Graph.Access;
using Patchwork.Graph.Storage;

namespace Patchwork.Web.Auth;

/// <summary>
/// <c>/authentication/login</c> and <c>/authentication/logout</c>, as in the Blazor Web App OIDC sample, and the page a
/// signed-in user who is not linked to a professional is sent to.
/// </summary>
internal static class LoginLogoutEndpoints
{
    public static IEndpointRouteBuilder MapLoginAndLogout(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/authentication");

        group.MapGet("/login", (string? returnUrl) =>
                TypedResults.Challenge(Properties(returnUrl), [PatchworkAuth.OidcScheme]))
            .AllowAnonymous();

        // A form POST with an antiforgery token (validated because the endpoint binds a form), never a link.
        group.MapPost("/logout", ([FromForm] string? returnUrl) =>
                TypedResults.SignOut(Properties(returnUrl), [PatchworkAuth.CookieScheme, PatchworkAuth.OidcScheme]))
            .RequireAuthorization(PatchworkAuth.SignedInPolicy);

        group.MapGet("/problem/{kind}", (string kind, string? @ref) =>
            {
                var known = Enum.TryParse<SignInProblemKind>(kind, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(kind, out _);
                var problem = known ? parsed : SignInProblemKind.Configuration;
                // Only a reference of the shape Patchwork makes is shown back: the page never echoes other text.
                var reference = @ref is { Length: 8 } r && r.All(char.IsAsciiHexDigit) ? r.ToUpperInvariant() : null;
                return new RazorComponentResult<SignInProblemPage>(new { Kind = problem, Reference = reference }) { StatusCode = SignInProblem.StatusCodeFor(problem) };
            })
            .AllowAnonymous();

        endpoints.MapGet(PatchworkAuth.NotLinkedPath, NotLinked)
            .RequireAuthorization(PatchworkAuth.SignedInPolicy);

        return endpoints;
    }

    private static AuthenticationProperties Properties(string? returnUrl) =>
        new() { RedirectUri = LocalUrls.Sanitize(returnUrl) };

    private static async Task<Results<RedirectHttpResult, RazorComponentResult<NotLinkedPage>>> NotLinked(HttpContext context, IOptions<OidcSettings> settings, IGraphStore store, IIdentityLinks links)
    {
        if (context.User.HasClaim(claim => claim.Type == PatchworkAuth.ProfessionalIdClaim))
        {
            return TypedResults.LocalRedirect("/");
        }

        var outcome = await SignedInProfessional.ResolveAsync(context.User, store, links, settings.Value, context.RequestAborted);
        return new RazorComponentResult<NotLinkedPage>(new
        {
            Email = outcome.Email?.Address,
            Refusal = outcome.Refusal ?? SignInRefusal.NotLinked,
            EmailClaims = settings.Value.EmailClaimList,
            RoleClaims = settings.Value.RoleClaimList,
        });
    }
}
