using System.Security.Claims;
using Patchwork.Graph.Access;
using Patchwork.Graph.Model;
using Patchwork.Graph.Storage;

namespace Patchwork.Web.Auth;

/// <summary>Matches a signed-in user to the professional they are, by email.</summary>
public static class SignedInProfessional
{
    /// <summary>
    /// The viewer for <paramref name="user"/>, or null when they are not signed in or no professional has their
    /// email. Roles come from the role claim; when it names none that Patchwork knows, from the professional's record.
    /// </summary>
    public static async Task<Viewer?> FindAsync(ClaimsPrincipal user, IGraphStore store, OidcSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(settings);
        var email = user.FindFirst(settings.EmailClaim)?.Value;
        if (user.Identity?.IsAuthenticated != true || string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        var professional = await store.FindProfessionalByEmailAsync(email, cancellationToken);
        if (professional is null)
        {
            return null;
        }

        var roles = RolesFrom(user, settings.RoleClaim);
        return new Viewer(
            professional.Id,
            professional.DisplayName,
            professional.Email ?? email,
            roles.Count > 0 ? roles : professional.RoleList.ToHashSet());
    }

    /// <summary>The Patchwork roles named by the role claim; unknown names are ignored.</summary>
    public static IReadOnlySet<ProfessionalRole> RolesFrom(ClaimsPrincipal user, string roleClaim)
    {
        ArgumentNullException.ThrowIfNull(user);
        var roles = new HashSet<ProfessionalRole>();
        foreach (var claim in user.FindAll(roleClaim))
        {
            if (KindNames.TryParseRole(claim.Value, out var role))
            {
                roles.Add(role);
            }
        }

        return roles;
    }

    /// <summary>A role as people read it: "Information governance".</summary>
    public static string DisplayName(ProfessionalRole role) => role switch
    {
        ProfessionalRole.InformationGovernance => "Information governance",
        _ => role.ToString(),
    };
}
