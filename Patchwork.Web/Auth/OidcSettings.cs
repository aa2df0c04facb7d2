using Patchwork.Graph.Model;

namespace Patchwork.Web.Auth;

/// <summary>
/// How the app signs people in with OpenID Connect (configuration section <c>Authentication:Oidc</c>). The client
/// secret comes from user-secrets or the environment (<c>Authentication__Oidc__ClientSecret</c>), never from a file
/// in the repository.
/// </summary>
public sealed class OidcSettings
{
    public const string Section = "Authentication:Oidc";

    public static readonly IReadOnlyList<string> DefaultEmailClaims = ["email", "preferred_username", "upn"];

    public static readonly IReadOnlyList<string> DefaultRoleClaims = ["roles"];

    /// <summary>The identity provider's issuer URL. Ignored while the development identity provider is on.</summary>
    public string? Authority { get; set; }

    public string ClientId { get; set; } = "patchwork-web";

    public string? ClientSecret { get; set; }

    /// <summary>
    /// When its path is set, the app authenticates at the token endpoint with a client assertion signed by this
    /// certificate's key (private_key_jwt) instead of the secret.
    /// </summary>
    public ClientCertificateSettings ClientCertificate { get; set; } = new();

    /// <summary>
    /// The claims tried in order for the user's work email. Empty after binding means the defaults: a configured list
    /// replaces them rather than adding to them.
    /// </summary>
    public List<string> EmailClaims { get; set; } = [];

    /// <summary>The claims read for roles; each may be a dotted path into a JSON claim (<c>realm_access.roles</c>).</summary>
    public List<string> RoleClaims { get; set; } = [];

    /// <summary>
    /// Provider values (app-role values, group ids, realm roles) and the Patchwork role each stands for. When any is
    /// set, the provider is the only source of roles.
    /// </summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Space-separated, as in OAuth. No <c>roles</c> scope: Entra ID refuses scopes it does not know.</summary>
    public string Scopes { get; set; } = "openid profile email";

    public IReadOnlyList<string> ScopeList =>
        Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IReadOnlyList<string> EmailClaimList => EmailClaims.Count > 0 ? EmailClaims : DefaultEmailClaims;

    public IReadOnlyList<string> RoleClaimList => RoleClaims.Count > 0 ? RoleClaims : DefaultRoleClaims;

    /// <summary>The role map as Patchwork roles; values that name no role are reported by <see cref="ProblemWithRoleMap"/>.</summary>
    public IReadOnlyDictionary<string, ProfessionalRole> ParsedRoleMap =>
        RoleMap.Select(pair => (pair.Key, Parsed: KindNames.TryParseRole(pair.Value, out var role) ? role : (ProfessionalRole?)null))
            .Where(pair => pair.Parsed is not null)
            .ToDictionary(pair => pair.Key, pair => pair.Parsed!.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>Why the role map cannot be used, in words an identity engineer can act on; null when it can.</summary>
    public string? ProblemWithRoleMap()
    {
        var wrong = RoleMap.Where(pair => !KindNames.TryParseRole(pair.Value, out _)).ToList();
        return wrong.Count == 0
            ? null
            : $"{Section}:RoleMap maps {string.Join(", ", wrong.Select(w => $"'{w.Key}' to '{w.Value}'"))}; each value must be one of {string.Join(", ", Enum.GetNames<ProfessionalRole>())}.";
    }
}
