using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Patchwork.Web.Features.Api;

namespace Patchwork.Integration.Tests.Api;

/// <summary>
/// The feed API's OpenAPI document and its reference page: open to anyone in Development, to signed-in administrators
/// alone anywhere else; the document describes /api/v1 only, with the client-credentials bearer scheme.
/// </summary>
public sealed class ApiDocsTests
{
    private const string Administrator = "lisa.holt@northvale.gov.uk";
    private const string Practitioner = "sam.adeyemi@northvale.gov.uk";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task In_Development_anyone_reads_the_document_and_it_describes_the_client_credentials_scheme_and_no_FHIR()
    {
        await using var app = new PatchworkAppFactory();
        using var http = app.CreateClient();

        using var response = await http.GetAsync(new Uri(ApiDocs.DocumentPath, UriKind.Relative), Cancellation);
        var body = await response.Content.ReadAsStringAsync(Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.StartsWith("3.", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("Patchwork feed API", root.GetProperty("info").GetProperty("title").GetString());
        var scheme = root.GetProperty("components").GetProperty("securitySchemes").GetProperty(ApiDocs.SecurityScheme);
        Assert.Equal("oauth2", scheme.GetProperty("type").GetString());
        var flow = scheme.GetProperty("flows").GetProperty("clientCredentials");
        Assert.Equal("https://localhost/dev-identity/connect/token", flow.GetProperty("tokenUrl").GetString());
        Assert.Equal(["patchwork.read", "patchwork.write"], flow.GetProperty("scopes").EnumerateObject().Select(s => s.Name).Order(StringComparer.Ordinal));
        var paths = root.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.All(paths, path => Assert.StartsWith("/api/v1/", path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_a_council_s_provider_the_scheme_points_at_its_discovery_document()
    {
        await using var app = new PatchworkAppFactory(settings: new Dictionary<string, string?>
        {
            ["DevIdentity:Enabled"] = "false",
            ["Authentication:Oidc:Authority"] = "https://login.council.example/realms/staff",
            ["Authentication:Oidc:ClientSecret"] = "not-used-here",
            ["Authentication:Api:Authority"] = "https://login.council.example/realms/systems",
        });
        using var http = app.CreateClient();

        var body = await http.GetStringAsync(new Uri(ApiDocs.DocumentPath, UriKind.Relative), Cancellation);

        var scheme = JsonDocument.Parse(body).RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty(ApiDocs.SecurityScheme);
        Assert.Equal("openIdConnect", scheme.GetProperty("type").GetString());
        Assert.Equal("https://login.council.example/realms/systems/.well-known/openid-configuration", scheme.GetProperty("openIdConnectUrl").GetString());
        Assert.Contains("patchwork.write", scheme.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api/v1/involvements", true)]
    [InlineData("api/v1/statuses/{sourceId}", true)]
    [InlineData("fhir/Patient/{id}", false)]
    [InlineData("fhir/metadata", false)]
    [InlineData("api/v10/involvements", false)]
    [InlineData("api/docs", false)]
    [InlineData("audit/export.csv", false)]
    public void The_document_takes_every_endpoint_under_api_v1_and_nothing_else(string relativePath, bool described) =>
        Assert.Equal(described, ApiDocs.Describes(new ApiDescription { RelativePath = relativePath, HttpMethod = HttpMethods.Post }));

    [Fact]
    public async Task In_Development_anyone_opens_the_reference_page_and_only_it_admits_its_own_nonced_scripts()
    {
        await using var app = new PatchworkAppFactory();
        using var http = app.CreateClient();

        using var page = await http.GetAsync(new Uri(ApiDocs.PagePath + "/", UriKind.Relative), Cancellation);
        var html = await page.Content.ReadAsStringAsync(Cancellation);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var policy = Assert.Single(page.Headers.GetValues("Content-Security-Policy"));
        var scriptSources = policy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        var nonce = System.Text.RegularExpressions.Regex.Match(scriptSources, "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"nonce=\"{nonce}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", scriptSources, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", scriptSources, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);

        // A second load gets a fresh nonce; every other page keeps the plain policy.
        using var again = await http.GetAsync(new Uri(ApiDocs.PagePath + "/", UriKind.Relative), Cancellation);
        Assert.DoesNotContain(nonce, Assert.Single(again.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        using var other = await http.GetAsync(new Uri(ApiDocs.DocumentPath, UriKind.Relative), Cancellation);
        Assert.Contains("script-src 'self';", Assert.Single(other.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ApiDocs.DocumentPath)]
    [InlineData(ApiDocs.PagePath + "/")]
    public async Task Outside_Development_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(string path)
    {
        await using var app = Staging();
        using var http = app.CreateClient();

        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/dev-identity/connect/authorize", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("securitySchemes", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ApiDocs.DocumentPath)]
    [InlineData(ApiDocs.PagePath + "/")]
    public async Task Outside_Development_a_signed_in_practitioner_is_refused_403_and_told_why(string path)
    {
        await using var app = Staging();
        var browser = new AppBrowser(app.CreateClient());
        await browser.SignInAsync(Practitioner, startAt: "/");

        using var response = await browser.Client.GetAsync(new Uri(path, UriKind.Relative), Cancellation);
        var body = await response.Content.ReadAsStringAsync(Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("administrators only", body, StringComparison.Ordinal);
        Assert.DoesNotContain("securitySchemes", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_Development_a_signed_in_administrator_reads_the_document_and_the_page()
    {
        await using var app = Staging();
        var browser = new AppBrowser(app.CreateClient());
        await browser.SignInAsync(Administrator, startAt: "/");

        using var document = await browser.Client.GetAsync(new Uri(ApiDocs.DocumentPath, UriKind.Relative), Cancellation);
        using var page = await browser.Client.GetAsync(new Uri(ApiDocs.PagePath + "/", UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Contains("securitySchemes", await document.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("scalar.js", await page.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ApiDocs.DocumentPath)]
    [InlineData(ApiDocs.PagePath + "/")]
    public async Task In_Production_a_visitor_who_is_not_signed_in_gets_nothing_of_the_document(string path)
    {
        await using var app = new PatchworkAppFactory("Production", new Dictionary<string, string?>
        {
            ["Authentication:Oidc:Authority"] = "https://login.council.example/realms/staff",
            ["Authentication:Oidc:ClientSecret"] = "not-used-here",
        });
        using var http = app.CreateClient();

        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), Cancellation);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"answered {(int)response.StatusCode}");
        Assert.DoesNotContain("securitySchemes", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    /// <summary>Not Development, with the development provider on so that people can sign in.</summary>
    private static PatchworkAppFactory Staging() =>
        new("Staging", new Dictionary<string, string?> { ["DevIdentity:Enabled"] = "true", ["DevIdentity:Password"] = AppBrowser.Password });
}
