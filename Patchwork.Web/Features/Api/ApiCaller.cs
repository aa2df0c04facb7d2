using System.Security.Claims;
using Patchwork.Graph.Access;

namespace Patchwork.Web.Features.Api;

/// <summary>
/// The system behind a call to /fhir or /api/v1, once <see cref="ApiClientFilter"/> has found it configured and
/// holding the scope the call needs. Its <see cref="Viewer"/> is a practitioner of its agency.
/// </summary>
public sealed record ApiCaller(string ClientId, string AgencyId, Viewer Viewer)
{
    private static readonly object Key = new();

    /// <summary>The client id a token names: <c>client_id</c>, else <c>azp</c> (Entra ID, Keycloak), else the subject.</summary>
    public static string? ClientIdOf(ClaimsPrincipal user) =>
        user.FindFirst("client_id")?.Value ?? user.FindFirst("azp")?.Value ?? user.FindFirst("sub")?.Value;

    /// <summary>The scopes a token carries, as one space-separated claim or several (<c>scope</c>, or <c>scp</c>).</summary>
    public static IReadOnlySet<string> ScopesOf(ClaimsPrincipal user) =>
        user.FindAll(c => c.Type is "scope" or "scp")
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);

    internal void Attach(HttpContext context) => context.Items[Key] = this;

    /// <summary>The caller the filter admitted; handlers run only after it (parameters are bound before filters run).</summary>
    public static ApiCaller Of(HttpContext context) =>
        context.Items[Key] as ApiCaller ?? throw new InvalidOperationException("An API endpoint ran without the client filter.");
}
