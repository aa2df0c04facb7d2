namespace Patchwork.Web.Auth;

/// <summary>
/// How the app signs people in with OpenID Connect (configuration section <c>Authentication:Oidc</c>). The client
/// secret comes from user-secrets or the environment (<c>Authentication__Oidc__ClientSecret</c>), never from a file
/// in the repository.
/// </summary>
public sealed class OidcSettings
{
    public const string Section = "Authentication:Oidc";

    /// <summary>The identity provider's issuer URL. Ignored while the development identity provider is on.</summary>
    public string? Authority { get; set; }

    public string ClientId { get; set; } = "patchwork-web";

    public string? ClientSecret { get; set; }

    /// <summary>The claim that carries the user's Patchwork roles (Practitioner, Coordinator...).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The claim that carries the email a professional is matched by.</summary>
    public string EmailClaim { get; set; } = "email";

    /// <summary>Space-separated, as in OAuth.</summary>
    public string Scopes { get; set; } = "openid profile email roles";

    public IReadOnlyList<string> ScopeList =>
        Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
