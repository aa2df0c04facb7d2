using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Patchwork.Integration.Tests.Api;

/// <summary>
/// The demo district with a few system clients configured, each getting real client-credentials tokens from the
/// development identity provider. Northvale Homes (A10) has a tenancy officer on George Ellis's team (P066), beside a
/// worker of Pathways Recovery (A12), a sensitive service.
/// </summary>
public sealed class ApiClients : IAsyncDisposable
{
    public const string Housing = "housing-system";
    public const string Recovery = "recovery-system";
    public const string FeedOnly = "housing-feed";
    public const string Stranger = "stranger";
    public const string Secret = "dev-secret-for-tests";

    public ApiClients(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"Patchwork:Api:Clients:{Housing}:Agency"] = "A10",
            [$"Patchwork:Api:Clients:{Housing}:Scopes:0"] = "patchwork.read",
            [$"Patchwork:Api:Clients:{Housing}:Scopes:1"] = "patchwork.write",
            [$"Patchwork:Api:Clients:{Housing}:DevSecret"] = Secret,
            [$"Patchwork:Api:Clients:{Recovery}:Agency"] = "A12",
            [$"Patchwork:Api:Clients:{Recovery}:Scopes:0"] = "patchwork.read",
            [$"Patchwork:Api:Clients:{Recovery}:DevSecret"] = Secret,
            [$"Patchwork:Api:Clients:{FeedOnly}:Agency"] = "A10",
            [$"Patchwork:Api:Clients:{FeedOnly}:Scopes:0"] = "patchwork.write",
            [$"Patchwork:Api:Clients:{FeedOnly}:DevSecret"] = Secret,
            // Known to the identity provider, not registered with Patchwork: no agency to speak for.
            [$"Patchwork:Api:Clients:{Stranger}:Scopes:0"] = "patchwork.read",
            [$"Patchwork:Api:Clients:{Stranger}:DevSecret"] = Secret,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        App = new PatchworkAppFactory(settings: settings);
    }

    public PatchworkAppFactory App { get; }

    /// <summary>Asks the development provider's token endpoint for a client-credentials token.</summary>
    public async Task<HttpResponseMessage> RequestTokenAsync(string clientId, string secret, string scope)
    {
        using var http = App.CreateClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = scope,
        });
        return await http.PostAsync(new Uri("/dev-identity/connect/token", UriKind.Relative), form, TestContext.Current.CancellationToken);
    }

    public async Task<string> TokenAsync(string clientId, string scope = "patchwork.read")
    {
        using var response = await RequestTokenAsync(clientId, Secret, scope);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"token request for {clientId}: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>An HTTP client that sends a fresh token of <paramref name="clientId"/>.</summary>
    public async Task<HttpClient> ClientAsync(string clientId, string scope = "patchwork.read")
    {
        var http = App.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(clientId, scope));
        return http;
    }

    public static async Task<(int Status, string Body, string? ContentType)> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), response.Content.Headers.ContentType?.MediaType);
    }

    public static async Task<(int Status, string Body, string? ContentType)> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), response.Content.Headers.ContentType?.MediaType);
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
