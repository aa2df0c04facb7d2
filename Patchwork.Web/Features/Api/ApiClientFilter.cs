using Microsoft.Extensions.Options;
using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;

namespace Patchwork.Web.Features.Api;

/// <summary>
/// Admits a call only from a configured client holding the scope it needs (reading for GET, feeding for POST): both
/// in its configuration and in its token, so neither a token alone nor configuration alone is enough. Every call,
/// refused or answered, goes into the audit trail with the client as the actor.
/// </summary>
internal sealed class ApiClientFilter(ApiKind kind) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var clientId = ApiCaller.ClientIdOf(http.User);
        var client = http.RequestServices.GetRequiredService<IOptionsMonitor<ApiOptions>>().CurrentValue.Find(clientId);
        var needed = ApiScopes.NeededFor(http.Request.Method);
        var audit = http.RequestServices.GetRequiredService<IAuditTrail>();
        var actor = Viewer.ClientActorPrefix + (clientId ?? "(none)");
        var target = $"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}";
        if (target.Length > 300)
        {
            target = target[..300];
        }

        if (clientId is null || client?.Agency is not { } agency)
        {
            await audit.AppendAsync(new AuditEntry(actor, actor, AuditActions.Refused, target, [], null, "client not registered"), http.RequestAborted);
            return ApiErrors.For(kind, StatusCodes.Status403Forbidden,
                $"The client '{clientId}' is not registered with Patchwork. An administrator registers it under Patchwork:Api:Clients:{{clientId}} with the agency it speaks for.");
        }

        if (!client.Scopes.Contains(needed, StringComparer.Ordinal) || !ApiCaller.ScopesOf(http.User).Contains(needed))
        {
            await audit.AppendAsync(new AuditEntry(actor, actor, AuditActions.Refused, target, [], null, $"needs scope {needed}"), http.RequestAborted);
            return ApiErrors.For(kind, StatusCodes.Status403Forbidden,
                $"This call needs the scope '{needed}': the client must be registered with it and ask for it in its token.");
        }

        var caller = new ApiCaller(clientId, agency, Viewer.ForClient(clientId, agency));
        caller.Attach(http);
        var answered = false;
        try
        {
            var result = await next(context);
            answered = true;
            return result;
        }
        finally
        {
            // Recorded whatever happened, a call that failed part-way or whose caller went away included.
            await audit.AppendAsync(
                new AuditEntry(caller.Viewer.ProfessionalId, caller.Viewer.Name, AuditActions.ApiCall, target, [], null, answered ? $"as agency {agency}" : $"as agency {agency}; failed before it was answered"),
                CancellationToken.None);
        }
    }
}
