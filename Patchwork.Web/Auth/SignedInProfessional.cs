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

    /// <summary>The professional with this email signs in with another account at this provider.</summary>
    SecondAccount,

    /// <summary>A role map is configured and none of the user's values is in it.</summary>
    NoMappedRole,
}

/// <summary>
/// Who a signed-in user is to Patchwork, or why they are refused. <see cref="NewLink"/> is set on a first sign-in
/// matched by email, whose account is to be linked to the professional.
/// </summary>
public sealed record SignInOutcome(Viewer? Viewer, SignInRefusal? Refusal, ProviderEmail? Email, ProviderRoles Roles, ProviderAccount? Account = null, bool NewLink = false);

/// <summary>Matches a signed-in user to the professional they are.</summary>
public static class SignedInProfessional
{
    /// <summary>
    /// The viewer for a request or circuit: the professional Patchwork linked the session to at sign-in (its
    /// <see cref="PatchworkAuth.ProfessionalIdClaim"/>), with roles from the provider's claims; or null.
    /// </summary>
    public static async Task<Viewer?> FindAsync(ClaimsPrincipal user, IGraphStore store, OidcSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(store);
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        if (user.FindFirst(PatchworkAuth.ProfessionalIdClaim)?.Value is not { } id)
        {
            return (await ResolveAsync(user, store, links: null, settings, cancellationToken)).Viewer;
        }

        var roles = new ProviderClaims(settings).RolesOf(user);
        return await store.FindNodeAsync(new NodeRef(NodeKind.Professional, id), cancellationToken) is Professional professional
            && !(roles.FromRoleMap && roles.Roles.Count == 0)
            ? ViewerFor(professional, professional.Email ?? "", roles)
            : null;
    }

    /// <summary>
    /// Who the provider's account is: the professional it is linked to (by issuer and subject), else - on a first
    /// sign-in - the professional whose work email it carries, unless that professional is linked to another account
    /// at the same provider. Roles come through the role map when one is configured (and then only from it), else
    /// from the Patchwork role names sent, else from the record. Without <paramref name="links"/>, by email alone.
    /// </summary>
    public static async Task<SignInOutcome> ResolveAsync(ClaimsPrincipal user, IGraphStore store, IIdentityLinks? links, OidcSettings settings, CancellationToken cancellationToken = default)
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
        var account = links is null ? null : ProviderClaims.AccountOf(user);
        Professional? professional = null;
        var newLink = false;
        if (account is not null && await links!.FindAsync(account.Issuer, account.Subject, cancellationToken) is { } link)
        {
            professional = await store.FindNodeAsync(new NodeRef(NodeKind.Professional, link.ProfessionalId), cancellationToken) as Professional;
            if (professional is null)
            {
                return new SignInOutcome(null, SignInRefusal.NotLinked, email, roles, account);
            }
        }
        else
        {
            if (email is null)
            {
                return new SignInOutcome(null, SignInRefusal.NoEmail, null, roles, account);
            }

            if (!email.Verified)
            {
                return new SignInOutcome(null, SignInRefusal.EmailNotVerified, email, roles, account);
            }

            professional = await store.FindProfessionalByEmailAsync(email.Address, cancellationToken);
            if (professional is null)
            {
                return new SignInOutcome(null, SignInRefusal.NotLinked, email, roles, account);
            }

            if (account is not null)
            {
                var existing = await links!.ForProfessionalAsync(professional.Id, cancellationToken);
                if (existing.Any(l => l.Issuer == account.Issuer))
                {
                    return new SignInOutcome(null, SignInRefusal.SecondAccount, email, roles, account);
                }

                newLink = true;
            }
        }

        if (roles.FromRoleMap && roles.Roles.Count == 0)
        {
            return new SignInOutcome(null, SignInRefusal.NoMappedRole, email, roles, account);
        }

        return new SignInOutcome(ViewerFor(professional, email?.Address ?? "", roles), null, email, roles, account, newLink);
    }

    /// <summary>A role as people read it: "Information governance".</summary>
    public static string DisplayName(ProfessionalRole role) => role switch
    {
        ProfessionalRole.InformationGovernance => "Information governance",
        _ => role.ToString(),
    };

    private static Viewer ViewerFor(Professional professional, string email, ProviderRoles roles) =>
        new(professional.Id, professional.DisplayName, professional.Email ?? email, roles.Roles.Count > 0 ? roles.Roles : professional.RoleList.ToHashSet());
}
