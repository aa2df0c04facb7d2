using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Patchwork.Web.Auth;

/// <summary>
/// Whether the identity provider answers, read from its discovery document through the sign-in handler's own back
/// channel. Asked before a person is sent to sign in - so a provider that went down after its metadata was cached
/// gives Patchwork's "not answering" page rather than the browser's own error - and by /healthz. An answer is kept a
/// short while so a burst of sign-ins asks once; silence is not kept, so the first sign-in after the provider is back
/// goes through.
/// </summary>
public sealed partial class IdentityProviderProbe(IOptionsMonitor<OpenIdConnectOptions> options, TimeProvider clock, ILogger<IdentityProviderProbe> logger)
{
    private static readonly TimeSpan KeepAnswer = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private (DateTimeOffset Until, string? Problem) last = (DateTimeOffset.MinValue, null);

    /// <summary>Null when the provider answered; else what went wrong, for the log and the health check.</summary>
    public async Task<string?> ProblemAsync(CancellationToken cancellationToken = default)
    {
        var known = last;
        if (known.Problem is null && clock.GetUtcNow() < known.Until)
        {
            return null;
        }

        var handler = options.Get(PatchworkAuth.OidcScheme);
        var address = handler.MetadataAddress ?? (handler.Authority?.TrimEnd('/') + "/.well-known/openid-configuration");
        string? problem;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            using var response = await handler.Backchannel.GetAsync(address, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            problem = response.IsSuccessStatusCode ? null : $"{address} answered {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or InvalidOperationException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            problem = $"{address} could not be read: {exception.Message}";
        }

        if (problem is not null && known.Problem is null)
        {
            LogNotAnswering(problem);
        }

        last = (clock.GetUtcNow() + KeepAnswer, problem);
        return problem;
    }

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "The identity provider is not answering: {Problem}. People cannot sign in until it does.")]
    private partial void LogNotAnswering(string problem);
}

/// <summary>/healthz reports Degraded while the provider's discovery document cannot be read: the app runs, sign-in does not.</summary>
internal sealed class IdentityProviderHealthCheck(IdentityProviderProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await probe.ProblemAsync(cancellationToken) is { } problem
            ? HealthCheckResult.Degraded($"Sign-in is not available: {problem}.")
            : HealthCheckResult.Healthy();
}
