using System.Net.Sockets;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Patchwork.Web.Auth;

/// <summary>The ways a sign-in can fail, each with a page that tells the person what to do.</summary>
public enum SignInProblemKind
{
    /// <summary>The identity provider does not answer: try again in a few minutes.</summary>
    Unavailable,

    /// <summary>The person stopped the sign-in at the provider.</summary>
    Cancelled,

    /// <summary>The provider refused the account (not assigned to Patchwork, disabled...).</summary>
    Refused,

    /// <summary>The sign-in took too long or was started in another tab: start again.</summary>
    Expired,

    /// <summary>Something in the set-up between Patchwork and the provider is wrong: for the administrator, with a reference.</summary>
    Configuration,
}

/// <summary>
/// Sorts a failed sign-in into a <see cref="SignInProblemKind"/> from what the provider or the handler said: the
/// OAuth <c>error</c> code, or the exception. Plain and tested, so each failure lands on the page that fits it.
/// </summary>
public static class SignInProblem
{
    public const string PagePath = "/authentication/problem";

    /// <summary>The kind for an OAuth error code and its description, as the provider sent them to the redirect URI.</summary>
    public static SignInProblemKind FromError(string? error, string? description) => error switch
    {
        // Entra ID: AADSTS50105 not assigned, 50057 disabled, 53003 blocked by conditional access; Keycloak: "not allowed".
        "access_denied" when Mentions(description, "AADSTS50105", "AADSTS50057", "AADSTS53003", "not assigned", "not allowed", "disabled") => SignInProblemKind.Refused,
        "access_denied" => SignInProblemKind.Cancelled,
        "login_required" or "interaction_required" or "consent_required" or "account_selection_required" => SignInProblemKind.Refused,
        "temporarily_unavailable" or "server_error" => SignInProblemKind.Unavailable,
        _ => SignInProblemKind.Configuration,
    };

    /// <summary>The kind for a failure the handler raised (token exchange, validation, correlation, the network).</summary>
    public static SignInProblemKind FromException(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        for (var e = failure; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case HttpRequestException or SocketException or TaskCanceledException or TimeoutException:
                    return SignInProblemKind.Unavailable;
                case OpenIdConnectProtocolException when e.Data["error"] is string error:
                    return FromError(error, e.Data["error_description"] as string);
                case SecurityTokenException:
                    // A bad signature, a wrong issuer or audience, a clock out of step: the set-up, not the person.
                    return SignInProblemKind.Configuration;
            }
        }

        return failure.Message.Contains("Correlation failed", StringComparison.Ordinal) || failure.Message.Contains("nonce", StringComparison.OrdinalIgnoreCase)
            || failure.Message.Contains("Unable to unprotect the message.State", StringComparison.Ordinal)
            ? SignInProblemKind.Expired
            : SignInProblemKind.Configuration;
    }

    /// <summary>A short reference the person quotes and the log carries, so an administrator finds the cause.</summary>
    public static string NewReference() => Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 4)).ToUpperInvariant();

    public static string PageFor(SignInProblemKind kind, string? reference = null) =>
        $"{PagePath}/{kind.ToString().ToLowerInvariant()}" + (reference is null ? "" : $"?ref={reference}");

    public static int StatusCodeFor(SignInProblemKind kind) => kind switch
    {
        SignInProblemKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        SignInProblemKind.Cancelled or SignInProblemKind.Expired => StatusCodes.Status200OK,
        SignInProblemKind.Refused => StatusCodes.Status403Forbidden,
        SignInProblemKind.Configuration => StatusCodes.Status500InternalServerError,
    };

    private static bool Mentions(string? text, params string[] words) =>
        text is not null && words.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));
}
