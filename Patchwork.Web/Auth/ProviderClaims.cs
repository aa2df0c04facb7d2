using System.Security.Claims;
using System.Text.Json;
using Patchwork.Graph.Model;

namespace Patchwork.Web.Auth;

/// <summary>A value the provider sent, and the claim it came in.</summary>
public readonly record struct ProviderValue(string Claim, string Value);

/// <summary>The account at the identity provider: its issuer and the subject (Entra ID's <c>oid</c>, else <c>sub</c>).</summary>
public sealed record ProviderAccount(string Issuer, string Subject);

/// <summary>The user's work email as the provider sent it, from the first configured claim that carries one.</summary>
public sealed record ProviderEmail(string Address, string Claim, bool Verified);

/// <summary>
/// The Patchwork roles the provider's claims give, and the values no role map entry matched. With a role map the
/// provider is the only source of roles; without one, values that name a Patchwork role count as they are.
/// </summary>
public sealed record ProviderRoles(IReadOnlySet<ProfessionalRole> Roles, IReadOnlyList<ProviderValue> Unmapped, bool FromRoleMap);

/// <summary>
/// Reads an identity provider's claims as configuration says (<see cref="OidcSettings"/>): Entra ID's app roles and
/// group ids, Keycloak's <c>realm_access.roles</c>, and whichever claim carries the work email.
/// </summary>
public sealed class ProviderClaims(OidcSettings settings)
{
    public IReadOnlyList<string> EmailClaims => settings.EmailClaimList;

    public IReadOnlyList<string> RoleClaims => settings.RoleClaimList;

    public bool HasRoleMap => settings.RoleMap.Count > 0;

    /// <summary>The account the provider signed in, or null when its token names no issuer or subject.</summary>
    public static ProviderAccount? AccountOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        // Entra ID's sub differs per application; its oid is the user's one id in the tenant.
        var subject = user.FindFirst("oid") ?? user.FindFirst("sub");
        var issuer = user.FindFirst("iss")?.Value ?? subject?.Issuer;
        return subject is null || string.IsNullOrEmpty(subject.Value) || string.IsNullOrEmpty(issuer) ? null : new ProviderAccount(issuer, subject.Value);
    }

    /// <summary>The first configured email claim with a value, or null when none has one.</summary>
    public ProviderEmail? EmailOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        foreach (var claim in settings.EmailClaimList)
        {
            var value = ValuesOf(user, claim).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
            if (value is not null)
            {
                // email_verified speaks of the email claim only; a user principal name is the provider's own.
                var verified = claim != "email" || !string.Equals(user.FindFirst("email_verified")?.Value, "false", StringComparison.OrdinalIgnoreCase);
                return new ProviderEmail(value.Trim(), claim, verified);
            }
        }

        return null;
    }

    public ProviderRoles RolesOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var map = settings.ParsedRoleMap;
        var roles = new HashSet<ProfessionalRole>();
        var unmapped = new List<ProviderValue>();
        foreach (var claim in settings.RoleClaimList)
        {
            foreach (var value in ValuesOf(user, claim))
            {
                if (HasRoleMap ? map.TryGetValue(value, out var mapped) : KindNames.TryParseRole(value, out mapped))
                {
                    roles.Add(mapped);
                }
                else
                {
                    unmapped.Add(new ProviderValue(claim, value));
                }
            }
        }

        return new ProviderRoles(roles, unmapped, HasRoleMap);
    }

    /// <summary>
    /// The string values of a claim: each claim of that type, a JSON array in one claim spread out, and for a dotted
    /// name with no claim of its own, the path into the JSON object claim its first part names.
    /// </summary>
    public static IReadOnlyList<string> ValuesOf(ClaimsPrincipal user, string name)
    {
        ArgumentNullException.ThrowIfNull(user);
        var direct = user.FindAll(name).ToList();
        if (direct.Count > 0 || !name.Contains('.', StringComparison.Ordinal))
        {
            return [.. direct.SelectMany(c => Spread(c.Value))];
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var path = name[(dot + 1)..].Split('.');
        var values = new List<string>();
        foreach (var container in user.FindAll(name[..dot]))
        {
            if (Parse(container.Value) is not { } json)
            {
                continue;
            }

            using (json)
            {
                var element = json.RootElement;
                var found = true;
                foreach (var step in path)
                {
                    if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(step, out element))
                    {
                        found = false;
                        break;
                    }
                }

                if (found)
                {
                    values.AddRange(Strings(element));
                }
            }
        }

        return values;
    }

    private static IEnumerable<string> Spread(string value)
    {
        if (!value.StartsWith('[') || Parse(value) is not { } json)
        {
            return [value];
        }

        using (json)
        {
            return Strings(json.RootElement);
        }
    }

    private static List<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => [.. element.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
        _ => [],
    };

    private static JsonDocument? Parse(string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
