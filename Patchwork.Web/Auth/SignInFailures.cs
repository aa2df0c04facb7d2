using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Patchwork.Web.Auth;

/// <summary>
/// Sends every failed sign-in to the page for its kind (<see cref="SignInProblem"/>) and logs the cause under a
/// reference the person can quote. Three places fail: the provider's answer at the redirect URI, the handler's own
/// checks and token exchange, and - before the person leaves - a provider that does not answer at all.
/// </summary>
internal static partial class SignInFailures
{
    public static Task OnRemoteFailureAsync(RemoteFailureContext context)
    {
        var request = context.Request;
        var error = Parameter(request, "error");
        var kind = error is not null ? SignInProblem.FromError(error, Parameter(request, "error_description")) : SignInProblem.FromException(context.Failure!);
        Send(context.HttpContext, kind, context.Failure, error, Parameter(request, "error_description"));
        context.HandleResponse();
        return Task.CompletedTask;
    }

    public static Task OnAccessDeniedAsync(AccessDeniedContext context)
    {
        var description = Parameter(context.Request, "error_description");
        Send(context.HttpContext, SignInProblem.FromError("access_denied", description), null, "access_denied", description);
        context.HandleResponse();
        return Task.CompletedTask;
    }

    /// <summary>Before the person is sent to the provider: if it does not answer, say so here.</summary>
    public static async Task<bool> ProviderAnswersAsync(RedirectContext context)
    {
        var probe = context.HttpContext.RequestServices.GetRequiredService<IdentityProviderProbe>();
        if (await probe.ProblemAsync(context.HttpContext.RequestAborted) is null)
        {
            return true;
        }

        Send(context.HttpContext, SignInProblemKind.Unavailable, null, null, null);
        context.HandleResponse();
        return false;
    }

    /// <summary>
    /// The handler reads the provider's discovery document when it first challenges; a provider that is down then
    /// throws out of the pipeline. Caught here, before anything was written, it becomes the "not answering" page.
    /// </summary>
    public static IApplicationBuilder UseSignInFailurePages(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (!context.Response.HasStarted && IsProviderUnreachable(exception))
        {
            context.Response.Clear();
            Send(context, SignInProblemKind.Unavailable, exception, null, null);
        }
        catch (OpenIdConnectProtocolException exception) when (!context.Response.HasStarted)
        {
            // A provider that offers pushed authorization requests (Keycloak, oidc-provider) checks the client before the
            // person leaves: a wrong secret or certificate, or a scope it does not know, is refused here, not at the
            // redirect URI.
            context.Response.Clear();
            Send(context, SignInProblem.FromException(exception), exception, exception.Data["error"] as string, exception.Data["error_description"] as string);
        }
    });

    /// <summary>The failure of reading the provider's metadata (IDX20803), down to a network error.</summary>
    internal static bool IsProviderUnreachable(Exception exception)
    {
        var metadata = false;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            metadata |= e.Message.Contains("IDX20803", StringComparison.Ordinal) || e.Message.Contains("IDX20804", StringComparison.Ordinal);
            if (metadata && e is HttpRequestException or IOException or TaskCanceledException)
            {
                return true;
            }
        }

        return metadata;
    }

    private static void Send(HttpContext context, SignInProblemKind kind, Exception? failure, string? error, string? description)
    {
        var reference = SignInProblem.NewReference();
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInFailures));
        LogFailure(logger, failure, reference, kind, error ?? "-", description ?? failure?.Message ?? "-");
        context.Response.Redirect(SignInProblem.PageFor(kind, kind == SignInProblemKind.Configuration ? reference : null));
    }

    private static string? Parameter(HttpRequest request, string name)
    {
        var value = request.HasFormContentType ? request.Form[name].ToString() : request.Query[name].ToString();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "Sign-in failed, reference {Reference}: {Kind}; provider error {Error}: {Description}")]
    private static partial void LogFailure(ILogger logger, Exception? failure, string reference, SignInProblemKind kind, string error, string description);
}
