namespace Patchwork.Web.Features.Api;

/// <summary>
/// The systems allowed to call /fhir and /api/v1 (configuration section <c>Patchwork:Api</c>): each client by the id
/// its identity provider puts in its tokens, with the agency it speaks for and what it may do.
/// </summary>
public sealed class ApiOptions
{
    public const string Section = "Patchwork:Api";

    /// <summary>Configured clients by client id (<c>Patchwork:Api:Clients:{clientId}</c>).</summary>
    public IDictionary<string, ApiClientOptions> Clients { get; } = new Dictionary<string, ApiClientOptions>(StringComparer.Ordinal);

    /// <summary>Calls one client may make in a minute, whatever it calls.</summary>
    public int RequestsPerMinute { get; set; } = 120;

    public ApiClientOptions? Find(string? clientId) =>
        clientId is not null && Clients.TryGetValue(clientId, out var client) && !string.IsNullOrWhiteSpace(client.Agency) ? client : null;
}

public sealed class ApiClientOptions
{
    /// <summary>The id of the agency the client speaks for: it reads and writes as a practitioner of that agency.</summary>
    public string? Agency { get; set; }

    /// <summary>What the client may do: <see cref="ApiScopes.Read"/>, <see cref="ApiScopes.Write"/>.</summary>
    public IList<string> Scopes { get; } = [];

    /// <summary>The client's secret at the development identity provider; Development only, never a real secret.</summary>
    public string? DevSecret { get; set; }
}

/// <summary>The two scopes a client may hold: reading (every GET) and feeding (every POST).</summary>
public static class ApiScopes
{
    public const string Read = "patchwork.read";
    public const string Write = "patchwork.write";

    public static IReadOnlyList<string> All { get; } = [Read, Write];

    /// <summary>The scope a call needs: reading for GET and HEAD, feeding for everything else.</summary>
    public static string NeededFor(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? Read : Write;
}

/// <summary>Where the tokens of system clients come from (<c>Authentication:Api</c>).</summary>
public sealed class ApiTokenOptions
{
    public const string Section = "Authentication:Api";

    /// <summary>The council's identity provider; empty in Development means the development identity provider.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience the tokens must be issued for.</summary>
    public string Audience { get; set; } = DefaultAudience;

    public const string DefaultAudience = "patchwork-api";
}
