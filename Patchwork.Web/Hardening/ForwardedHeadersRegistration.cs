using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Patchwork.Web.Hardening;

/// <summary>
/// The proxies whose X-Forwarded-For and X-Forwarded-Proto headers the app believes (configuration section
/// <c>Patchwork:ForwardedHeaders</c>). Behind a proxy that terminates TLS, the app then sees https - so the sign-in's
/// redirect URI, Secure cookies and HSTS are right - and the client's own address. No proxy configured: the headers
/// are ignored, whoever sends them.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "Patchwork:ForwardedHeaders";

    /// <summary>Addresses of the proxies, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies are in, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public bool IsEnabled => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    /// <summary>The entries that are not an address or a network, named for the administrator; null when all are.</summary>
    public string? Problem()
    {
        var wrong = KnownProxies.Where(p => !IPAddress.TryParse(p, out _)).Select(p => $"KnownProxies '{p}' is not an IP address")
            .Concat(KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)).Select(n => $"KnownNetworks '{n}' is not a network such as 10.0.0.0/24"))
            .ToList();
        return wrong.Count == 0 ? null : $"{Section}: {string.Join("; ", wrong)}.";
    }
}

public static class ForwardedHeadersRegistration
{
    public static IServiceCollection AddPatchworkForwardedHeaders(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersSettings>().BindConfiguration(ForwardedHeadersSettings.Section)
            .Validate(s => s.Problem() is null, "Patchwork:ForwardedHeaders lists an entry that is not an IP address (KnownProxies) or a network (KnownNetworks).")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((options, settings) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies: the framework's default trusts loopback, which is not what was asked.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in settings.Value.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in settings.Value.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }

    /// <summary>First in the pipeline, so everything after it sees the client's scheme and address.</summary>
    public static IApplicationBuilder UsePatchworkForwardedHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value.IsEnabled ? app.UseForwardedHeaders() : app;
    }
}
