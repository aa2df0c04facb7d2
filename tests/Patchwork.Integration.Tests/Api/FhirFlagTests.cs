using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;
using Patchwork.Graph.Access;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;
using Patchwork.Graph.Storage;
using Patchwork.Web.Features.Api.Fhir;
using GraphPeriod = Patchwork.Graph.Model.Period;
using Task = System.Threading.Tasks.Task;

namespace Patchwork.Integration.Tests.Api;

/// <summary>
/// A patient's statuses as FHIR Flags. George Ellis (P066) is given two for these tests: a child protection plan held
/// by Northvale Children's Services (A01, with an out-of-hours number) and a child in need held by Pathways Recovery
/// (A12, a sensitive service). Northvale Homes' system (A10, on George's team) sees both, the sensitive one with no
/// organisation; Pathways Recovery's own system sees its name. Every answer validates against the R4 base definitions.
/// </summary>
public sealed class FhirFlagTests : IAsyncLifetime
{
    private const string George = "P066";
    private readonly ApiClients clients = new();
    private DateOnly planSince;

    public async ValueTask InitializeAsync()
    {
        var today = clients.App.Services.GetRequiredService<NetworkService>().Today;
        planSince = today.AddDays(-20);
        var store = clients.App.Services.GetRequiredService<IGraphStore>();
        var by = Recorded.Now("fhir-flag-tests");
        await store.AddRelationshipAsync(new ChildStatus("A01", George, CareStatus.ChildProtectionPlan, new GraphPeriod(planSince, null), by), TestContext.Current.CancellationToken);
        await store.AddRelationshipAsync(new ChildStatus("A12", George, CareStatus.ChildInNeed, new GraphPeriod(today.AddDays(-10), null), by), TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => clients.DisposeAsync();

    private async Task<Bundle> FlagsAsync(string clientId, string patient = George)
    {
        using var http = await clients.ClientAsync(clientId);
        var (status, body, type) = await ApiClients.GetAsync(http, $"/fhir/Flag?patient=Patient/{patient}");
        Assert.True(status == 200, $"{status} {body}");
        Assert.Equal(FhirResults.ContentType, type);
        var bundle = Assert.IsType<Bundle>(FhirValidation.Valid(body));
        return bundle;
    }

    private static IEnumerable<Flag> Matches(Bundle bundle) =>
        bundle.Entry.Where(e => e.Search!.Mode == Bundle.SearchEntryMode.Match).Select(e => Assert.IsType<Flag>(e.Resource));

    [Fact]
    public async Task A_client_on_the_team_reads_the_plan_with_its_period_and_the_organisation_responsible_with_both_numbers()
    {
        var bundle = await FlagsAsync(ApiClients.Housing);

        var plan = Assert.Single(Matches(bundle), f => f.Code.Coding[0].Code == "child-protection-plan");
        Assert.Equal(Flag.FlagStatus.Active, plan.Status);
        Assert.Equal("Child protection plan", plan.Code.Text);
        Assert.EndsWith("/fhir/CodeSystem/" + FhirMapping.StatusCodeSystemId, plan.Code.Coding[0].System, StringComparison.Ordinal);
        Assert.Equal($"Patient/{George}", plan.Subject.Reference);
        Assert.Equal(planSince.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), plan.Period!.Start);
        Assert.Null(plan.Period!.End);
        Assert.Equal("Organization/A01", plan.Author!.Reference);
        var council = Assert.Single(bundle.Entry.Where(e => e.Search!.Mode == Bundle.SearchEntryMode.Include).Select(e => e.Resource).OfType<Organization>());
        Assert.Equal("A01", council.Id);
        Assert.Equal("01632 960100", Assert.Single(council.Telecom).Value);
        Assert.Equal("01632 961999", Assert.Single(Assert.Single(council.Contact).Telecom).Value);
        Assert.Equal(2, bundle.Total);
    }

    [Fact]
    public async Task A_status_held_by_a_sensitive_service_shows_to_another_agency_s_client_with_no_organisation()
    {
        var bundle = await FlagsAsync(ApiClients.Housing);
        using var http = await clients.ClientAsync(ApiClients.Housing);
        var (_, body, _) = await ApiClients.GetAsync(http, $"/fhir/Flag?patient=Patient/{George}");

        var inNeed = Assert.Single(Matches(bundle), f => f.Code.Coding[0].Code == "child-in-need");
        Assert.Null(inNeed.Author!.Reference);
        Assert.Equal($"{Redactor.SensitiveName} - {Redactor.SensitiveContact}", inNeed.Author!.Display);
        Assert.DoesNotContain("A12", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Pathways", body, StringComparison.Ordinal);
        Assert.DoesNotContain("960930", body, StringComparison.Ordinal);
        Assert.DoesNotContain("substance", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_sensitive_service_s_own_client_reads_its_own_name()
    {
        var bundle = await FlagsAsync(ApiClients.Recovery);

        var inNeed = Assert.Single(Matches(bundle), f => f.Code.Coding[0].Code == "child-in-need");
        Assert.Equal("Organization/A12", inNeed.Author!.Reference);
        Assert.Equal("Pathways Recovery", inNeed.Author!.Display);
    }

    [Fact]
    public async Task A_patient_whose_network_the_client_may_not_open_reads_as_one_that_does_not_exist()
    {
        // Pathways Recovery is on no team around Ava Turner, who is on a plan.
        using var http = await clients.ClientAsync(ApiClients.Recovery);

        var (status, body, _) = await ApiClients.GetAsync(http, "/fhir/Flag?patient=Patient/P001");
        var (unknown, unknownBody, _) = await ApiClients.GetAsync(http, "/fhir/Flag?patient=Patient/P999");

        Assert.Equal(404, status);
        Assert.Equal(404, unknown);
        Assert.Equal(unknownBody.Replace("P999", "P001", StringComparison.Ordinal), body);
        Assert.DoesNotContain("child-protection", body, StringComparison.Ordinal);
        Assert.IsType<OperationOutcome>(FhirValidation.Valid(body));
    }

    [Theory]
    [InlineData("/fhir/Flag", "patient parameter is required")]
    [InlineData("/fhir/Flag?patient=Patient/<script>", "does not name a Patient")]
    [InlineData("/fhir/Flag?patient=Practitioner/PR001", "does not name a Patient")]
    public async Task A_missing_or_mistyped_patient_is_answered_400_saying_what_to_send(string path, string says)
    {
        using var http = await clients.ClientAsync(ApiClients.Housing);

        var (status, body, _) = await ApiClients.GetAsync(http, path);

        Assert.Equal(400, status);
        var outcome = Assert.IsType<OperationOutcome>(FhirValidation.Valid(body));
        Assert.Contains(says, outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_status_codes_are_published_as_a_CodeSystem_and_the_CapabilityStatement_lists_Flag()
    {
        using var http = await clients.ClientAsync(ApiClients.Housing);

        var (_, codesBody, _) = await ApiClients.GetAsync(http, "/fhir/CodeSystem/" + FhirMapping.StatusCodeSystemId);
        var (_, metadata, _) = await ApiClients.GetAsync(http, "/fhir/metadata");

        var codes = Assert.IsType<CodeSystem>(FhirValidation.Valid(codesBody));
        Assert.Equal(["child-protection-plan", "unborn-child-protection-plan", "looked-after", "child-in-need"], codes.Concept.Select(c => c.Code));
        var capabilities = Assert.IsType<CapabilityStatement>(FhirValidation.Valid(metadata));
        Assert.Contains(capabilities.Rest[0].Resource, r => r.Type == "Flag" && r.SearchParam.Any(p => p.Name == "patient"));
    }
}
