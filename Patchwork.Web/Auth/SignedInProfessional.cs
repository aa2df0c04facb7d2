using System.Security.Claims;
using Patchwork.Graph.Access;
using Patchwork.Graph.Model;
using Patchwork.Graph.Storage;

namespace Patchwork.Web.Auth;

/// <summary>Why a user the provider vouches for is not let in, each with its own fix.</summary>
public enum SignInRefusal
{
    /// <summary>None of the configured email claims carries a value: the claim configuration, or the provider, needs fixing.</summary>
    NoEmail,

    /// <summary>The provider says the email is not verified.</summary>
    EmailNotVerified,

    /// <summary>No professional record has this email.</summary>
    NotLinked,

    /// <summary>A role map is configured and none of the user's values is in it.</summary>
    NoMappedRole,
}

/// <summary>Who a signed-in user is to Patchwork, or why they are refused.</summary>
public sealed record SignInOutcome(Viewer? Viewer, SignInRefusal? Refusal, ProviderEmail? Email, ProviderRoles Roles);

/// <summary>Matches a signed-in user to the professional they are, by the work email their provider sends.</summary>
public static class SignedInProfessional
{
    /// <summary>The viewer for <paramref name="user"/>, or null when they are not signed in or are refused.</summary>
    public static async Task<Viewer?> FindAsync(ClaimsPrincipal user, IGraphStore store, OidcSettings settings, CancellationToken cancellationToken = default) =>
        (await ResolveAsync(user, store, settings, cancellationToken)).Viewer;

    /// <summary>
    /// The professional whose email the provider's claims carry, with roles from the role claims: through the role
    /// map when one is configured (and then only from it), else the Patchwork role names sent, else the record's own.
    /// </summary>
    public static async Task<SignInOutcome> ResolveAsync(ClaimsPrincipal user, IGraphStore store, OidcSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(store);
        var claims = new ProviderClaims(settings);
        var roles = claims.RolesOf(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return new SignInOutcome(null, null, null, roles);
        }

        var email = claims.EmailOf(user);
        if (email is null)
        {
            return new SignInOutcome(null, SignInRefusal.NoEmail, null, roles);
        }

        if (!email.Verified)
        {
            return new SignInOutcome(null, SignInRefusal.EmailNotVerified, email, roles);
        }

        var professional = await store.FindProfessionalByEmailAsync(email.Address, cancellationToken);
        if (professional is null)
        {
            return new SignInOutcome(null, SignInRefusal.NotLinked, email, roles);
        }

        if (roles.FromRoleMap && roles.Roles.Count == 0)
        {
            return new SignInOutcome(null, SignInRefusal.NoMappedRole, email, roles);
        }

        var viewer = new Viewer(
            professional.Id,
            professional.DisplayName,
            professional.Email ?? email.Address,
            roles.Roles.Count > 0 ? roles.Roles : professional.RoleList.ToHashSet());
        return new SignInOutcome(viewer, null, email, roles);
    }

    /// <summary>A role as people read it: "Information governance".</summary>
    public static string DisplayName(ProfessionalRole role) => role switch
    {
        ProfessionalRole.InformationGovernance => "Information governance",
        _ => role.ToString(),
    };
}
