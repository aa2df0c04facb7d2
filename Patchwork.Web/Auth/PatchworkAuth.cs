using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Patchwork.Web.Auth;

/// <summary>The names the sign-in wiring shares.</summary>
public static class PatchworkAuth
{
    /// <summary>The app's own session cookie.</summary>
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;

    /// <summary>The identity provider the app signs people in with.</summary>
    public const string OidcScheme = OpenIdConnectDefaults.AuthenticationScheme;

    /// <summary>
    /// Added at sign-in when the user's email matches a professional: the id of that professional. Pages and server
    /// calls require it (the default and fallback policies), so a user who is not linked reaches nothing but the
    /// "not linked" page.
    /// </summary>
    public const string ProfessionalIdClaim = "patchwork_professional";

    /// <summary>The key of the server-side session the user is signed in with (the only thing the cookie carries).</summary>
    public const string SessionKeyClaim = "patchwork_session";

    /// <summary>The identity provider's session id, as the id token carries it (OpenID Connect Front- and Back-Channel Logout).</summary>
    public const string ProviderSessionClaim = "sid";

    /// <summary>Signed in, linked to a professional or not: the "not linked" page and sign-out.</summary>
    public const string SignedInPolicy = "SignedIn";

    public const string NotLinkedPath = "/account/not-linked";

    public const string LoginPath = "/authentication/login";

    public const string LogoutPath = "/authentication/logout";
}
