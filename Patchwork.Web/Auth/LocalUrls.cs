namespace Patchwork.Web.Auth;

/// <summary>Keeps redirects after sign-in and sign-out inside the app: no open redirects.</summary>
public static class LocalUrls
{
    /// <summary>
    /// The path and query of <paramref name="returnUrl"/> when it is local, else "/". An absolute URL keeps only its
    /// path and query (as the Blazor OIDC sample does); protocol-relative ("//host") and back-slashed forms are refused.
    /// </summary>
    public static string Sanitize(string? returnUrl)
    {
        if (string.IsNullOrWhiteSpace(returnUrl))
        {
            return "/";
        }

        if (Uri.TryCreate(returnUrl, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            returnUrl = absolute.PathAndQuery;
        }

        return IsLocal(returnUrl) ? returnUrl : "/";
    }

    public static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}
