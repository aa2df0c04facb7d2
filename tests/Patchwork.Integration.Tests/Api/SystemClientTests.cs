using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Patchwork.Graph.Audit;

namespace Patchwork.Integration.Tests.Api;

/// <summary>Other systems call with a client-credentials token from the identity provider, and only as configured.</summary>
public sealed class SystemClientTests : IAsyncLifetime
{
    private readonly ApiClients clients = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => clients.DisposeAsync();

    [Fact]
    public async Task A_token_from_the_development_provider_opens_the_FHIR_API_and_the_call_is_audited_with_the_client_as_actor()
    {
        using var http = await clients.ClientAsync(ApiClients.Housing);

        var (status, body, type) = await ApiClients.GetAsync(http, "/fhir/CodeSystem/care-team-role");

        Assert.Equal(200, status);
        Assert.Equal("application/fhir+json", type);
        Assert.Equal("CodeSystem", JsonDocument.Parse(body).RootElement.GetProperty("resourceType").GetString());
        var trail = await clients.App.Services.GetRequiredService<IAuditTrail>().RecentAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains(trail, r => r.Entry.Action == AuditActions.ApiCall && r.Entry.Actor == "client:" + ApiClients.Housing && r.Entry.Target == "GET /fhir/CodeSystem/care-team-role");
    }

    [Fact]
    public async Task Without_a_token_the_answer_is_401_as_an_OperationOutcome()
    {
        using var http = clients.App.CreateClient();

        var (status, body, type) = await ApiClients.GetAsync(http, "/fhir/Patient/P066");

        Assert.Equal(401, status);
        Assert.Equal("application/fhir+json", type);
        Assert.Contains("bearer token", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_CapabilityStatement_is_public_as_FHIR_has_it_and_validates()
    {
        using var http = clients.App.CreateClient();

        var (status, body, type) = await ApiClients.GetAsync(http, "/fhir/metadata");

        Assert.True(status == 200, $"{status} {body}");
        Assert.Equal("application/fhir+json", type);
        Assert.IsType<Hl7.Fhir.Model.CapabilityStatement>(FhirValidation.Valid(body));
    }

    [Theory]
    [InlineData("/fhir/CodeSystem/care-team-role")]
    [InlineData("/fhir/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|9999222218")]
    [InlineData("/fhir/CareTeam?subject=Patient/P066")]
    [InlineData("/fhir/RelatedPerson?patient=Patient/P066")]
    [InlineData("/fhir/Practitioner/PR001")]
    [InlineData("/fhir/PractitionerRole?practitioner=Practitioner/PR001")]
    [InlineData("/fhir/Organization/A10")]
    [InlineData("/fhir/Flag?patient=Patient/P001")]
    [InlineData("/fhir/metadata/extra")]
    [InlineData("/fhir/Unknown")]
    public async Task Everything_under_fhir_but_the_CapabilityStatement_needs_a_token(string path)
    {
        using var http = clients.App.CreateClient();

        var (status, body, type) = await ApiClients.GetAsync(http, path);

        Assert.Equal(401, status);
        Assert.Equal("application/fhir+json", type);
        Assert.Equal("OperationOutcome", JsonDocument.Parse(body).RootElement.GetProperty("resourceType").GetString());
    }

    [Fact]
    public async Task A_forged_token_is_refused()
    {
        var token = await clients.TokenAsync(ApiClients.Housing);
        var parts = token.Split('.');
        using var http = clients.App.CreateClient();
        // The payload of another token, under this token's signature.
        var other = (await clients.TokenAsync(ApiClients.Recovery)).Split('.');
        http.DefaultRequestHeaders.Authorization = new("Bearer", $"{parts[0]}.{other[1]}.{parts[2]}");

        var (status, _, _) = await ApiClients.GetAsync(http, "/fhir/CodeSystem/care-team-role");

        Assert.Equal(401, status);
    }

    [Fact]
    public async Task A_client_the_provider_knows_but_Patchwork_does_not_is_refused_403_and_the_refusal_is_audited()
    {
        using var http = await clients.ClientAsync(ApiClients.Stranger);

        var (status, body, _) = await ApiClients.GetAsync(http, "/fhir/CodeSystem/care-team-role");

        Assert.Equal(403, status);
        Assert.Contains("not registered", body, StringComparison.Ordinal);
        Assert.Equal("OperationOutcome", JsonDocument.Parse(body).RootElement.GetProperty("resourceType").GetString());
        var trail = await clients.App.Services.GetRequiredService<IAuditTrail>().RecentAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains(trail, r => r.Entry.Action == AuditActions.Refused && r.Entry.Actor == "client:" + ApiClients.Stranger);
    }

    [Fact]
    public async Task A_client_without_the_read_scope_cannot_read()
    {
        using var http = await clients.ClientAsync(ApiClients.FeedOnly, "patchwork.write");

        var (status, body, _) = await ApiClients.GetAsync(http, "/fhir/Patient/P066");

        Assert.Equal(403, status);
        Assert.Contains("patchwork.read", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_provider_refuses_a_scope_the_client_is_not_configured_with_and_a_wrong_secret()
    {
        using var scope = await clients.RequestTokenAsync(ApiClients.FeedOnly, ApiClients.Secret, "patchwork.read");
        using var secret = await clients.RequestTokenAsync(ApiClients.Housing, "not-the-secret", "patchwork.read");

        Assert.Equal(400, (int)scope.StatusCode);
        Assert.False(secret.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Each_client_is_rate_limited_on_its_own()
    {
        await using var limited = new ApiClients(new Dictionary<string, string?> { ["Patchwork:Api:RequestsPerMinute"] = "3" });
        using var housing = await limited.ClientAsync(ApiClients.Housing);
        using var recovery = await limited.ClientAsync(ApiClients.Recovery);

        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await ApiClients.GetAsync(housing, "/fhir/CodeSystem/care-team-role")).Status);
        }

        Assert.Equal([200, 200, 200, 429], statuses);
        Assert.Equal(200, (await ApiClients.GetAsync(recovery, "/fhir/CodeSystem/care-team-role")).Status);
        var (_, body, type) = await ApiClients.GetAsync(housing, "/fhir/CodeSystem/care-team-role");
        Assert.Equal("application/fhir+json", type);
        Assert.Contains("too many calls", body, StringComparison.Ordinal);
    }
}
