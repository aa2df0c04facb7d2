using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Patchwork.Web.Features.Api.Fhir;

namespace Patchwork.Integration.Tests.Api;

/// <summary>
/// The FHIR read API as Northvale Homes' system (A10) sees the demo district: George Ellis (P066) has its tenancy
/// officer as lead, a GP, and a worker of Pathways Recovery (A12), a sensitive service. Every resource answered is
/// validated against the R4 base definitions.
/// </summary>
public sealed class FhirReadTests : IAsyncLifetime
{
    private const string George = "P066";
    private const string GeorgeNhs = "9994047299";
    private readonly ApiClients clients = new();
    private HttpClient housing = null!;

    public async ValueTask InitializeAsync() => housing = await clients.ClientAsync(ApiClients.Housing);

    public async ValueTask DisposeAsync()
    {
        housing.Dispose();
        await clients.DisposeAsync();
    }

    private async Task<T> ReadAsync<T>(string path)
        where T : Resource
    {
        var (status, body, type) = await ApiClients.GetAsync(housing, path);
        Assert.True(status == 200, $"{path}: {status} {body}");
        Assert.Equal(FhirResults.ContentType, type);
        return Assert.IsType<T>(FhirValidation.Valid(body));
    }

    private async Task<OperationOutcome> RefusedAsync(HttpClient http, string path, int expected)
    {
        var (status, body, type) = await ApiClients.GetAsync(http, path);
        Assert.True(status == expected, $"{path}: expected {expected}, got {status} {body}");
        Assert.Equal(FhirResults.ContentType, type);
        return Assert.IsType<OperationOutcome>(FhirValidation.Valid(body));
    }

    [Fact]
    public async Task The_CapabilityStatement_and_the_lead_professional_CodeSystem_validate()
    {
        var capabilities = await ReadAsync<CapabilityStatement>("/fhir/metadata");
        var codes = await ReadAsync<CodeSystem>("/fhir/CodeSystem/" + FhirMapping.TeamRoleCodeSystemId);

        Assert.Contains(capabilities.Rest[0].Resource, r => r.Type == "CareTeam");
        Assert.Equal(FhirMapping.LeadProfessionalCode, Assert.Single(codes.Concept).Code);
        Assert.EndsWith("/fhir/CodeSystem/" + FhirMapping.TeamRoleCodeSystemId, codes.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_patient_reads_with_the_NHS_number_and_is_found_by_it()
    {
        var patient = await ReadAsync<Patient>($"/fhir/Patient/{George}");
        var found = await ReadAsync<Bundle>($"/fhir/Patient?identifier={FhirMapping.NhsNumberSystem}|{GeorgeNhs}");

        Assert.Equal("Ellis", patient.Name[0].Family);
        Assert.Equal(AdministrativeGender.Male, patient.Gender);
        Assert.Equal((FhirMapping.NhsNumberSystem, GeorgeNhs), (patient.Identifier[0].System, patient.Identifier[0].Value));
        Assert.Equal(George, Assert.IsType<Patient>(Assert.Single(found.Entry).Resource).Id);
    }

    [Fact]
    public async Task The_care_team_at_a_date_names_the_lead_and_shows_the_sensitive_service_only_as_a_placeholder()
    {
        var (_, raw, _) = await ApiClients.GetAsync(housing, $"/fhir/CareTeam?subject=Patient/{George}");
        var bundle = Assert.IsType<Bundle>(FhirValidation.Valid(raw));
        var team = Assert.IsType<CareTeam>(Assert.Single(bundle.Entry, e => e.Search!.Mode == Bundle.SearchEntryMode.Match).Resource);

        Assert.Equal(3, team.Participant.Count);
        Assert.Contains(bundle.Entry, e => e.Resource is Practitioner { Id: "PR033" } && e.Search!.Mode == Bundle.SearchEntryMode.Include);
        var lead = Assert.Single(team.Participant, p => p.Role[0].Coding.Any(c => c.Code == FhirMapping.LeadProfessionalCode));
        Assert.Equal("Practitioner/PR033", lead.Member!.Reference);
        Assert.Equal("Organization/A10", lead.OnBehalfOf!.Reference);
        var placeholder = Assert.Single(team.Participant, p => p.Member is null);
        Assert.Contains("A sensitive service is involved", placeholder.Role[0].Text, StringComparison.Ordinal);
        Assert.Null(placeholder.OnBehalfOf);
        // Nothing anywhere in the answer names the sensitive agency or its worker.
        foreach (var secret in new[] { "Pathways", "A12", "PR005", "Kieran", "Lynch", "Recovery" })
        {
            Assert.DoesNotContain(secret, raw, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_sensitive_services_own_system_sees_its_worker()
    {
        using var recovery = await clients.ClientAsync(ApiClients.Recovery);

        var (status, raw, _) = await ApiClients.GetAsync(recovery, $"/fhir/CareTeam?subject=Patient/{George}");

        Assert.Equal(200, status);
        var team = Assert.IsType<CareTeam>(Assert.IsType<Bundle>(FhirValidation.Valid(raw)).Entry[0].Resource);
        Assert.Contains(team.Participant, p => p.Member?.Reference == "Practitioner/PR005");
    }

    [Fact]
    public async Task A_care_team_before_anyone_was_involved_is_empty_and_a_past_member_shows_with_the_end_of_their_period()
    {
        var empty = await ReadAsync<Bundle>($"/fhir/CareTeam?subject=Patient/{George}&date=1990-01-01");

        Assert.Empty(Assert.IsType<CareTeam>(Assert.Single(empty.Entry).Resource).Participant);
    }

    [Fact]
    public async Task Practitioner_role_organization_and_related_people_validate()
    {
        var practitioner = await ReadAsync<Practitioner>("/fhir/Practitioner/PR033");
        var roles = await ReadAsync<Bundle>("/fhir/PractitionerRole?practitioner=Practitioner/PR033");
        var organization = await ReadAsync<Organization>("/fhir/Organization/A10");
        // Grace Okafor (P006): mother of Daniel, Joy and Samuel, daughter of P010.
        var related = await ReadAsync<Bundle>("/fhir/RelatedPerson?patient=Patient/P006");

        Assert.Equal("Fitch", practitioner.Name[0].Family);
        Assert.Equal("Organization/A10", Assert.IsType<PractitionerRole>(Assert.Single(roles.Entry).Resource).Organization!.Reference);
        Assert.Equal("Northvale Homes", organization.Name);
        var codes = related.Entry.Select(e => (RelatedPerson)e.Resource!).ToDictionary(r => r.Id!, r => r.Relationship[0].Coding[0].Code!);
        Assert.Equal("SON", codes["P006-P007"]);
        Assert.Equal("DAU", codes["P006-P008"]);
        Assert.Equal(4, codes.Count);
    }

    [Fact]
    public async Task The_sensitive_agency_and_its_worker_read_as_not_found_to_another_agency()
    {
        await RefusedAsync(housing, "/fhir/Organization/A12", 404);
        await RefusedAsync(housing, "/fhir/Practitioner/PR005", 404);
        var roles = await RefusedAsync(housing, "/fhir/PractitionerRole?practitioner=PR005", 404);

        Assert.DoesNotContain("Pathways", roles.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_network_the_client_is_not_on_reads_exactly_as_one_that_does_not_exist()
    {
        var refused = await RefusedAsync(housing, "/fhir/Patient/P001", 404);
        var unknown = await RefusedAsync(housing, "/fhir/Patient/P999", 404);
        var byNumber = await ReadAsync<Bundle>($"/fhir/Patient?identifier={FhirMapping.NhsNumberSystem}|9999222218");

        Assert.Equal(refused.Issue[0].Diagnostics!.Replace("P001", "P999", StringComparison.Ordinal), unknown.Issue[0].Diagnostics);
        Assert.Empty(byNumber.Entry);
    }

    [Theory]
    [InlineData("/fhir/CareTeam?subject=Patient/P066&date=2026-13-01", "YYYY-MM-DD")]
    [InlineData("/fhir/CareTeam?subject=Patient/P066&date=yesterday", "YYYY-MM-DD")]
    [InlineData("/fhir/CareTeam?date=2026-01-01", "subject parameter is required")]
    [InlineData("/fhir/CareTeam?subject=Patient/%3Cscript%3E", "does not name a Patient")]
    [InlineData("/fhir/Patient?identifier=9994047299", "NHS number system")]
    [InlineData("/fhir/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|9994047290", "not a valid NHS number")]
    [InlineData("/fhir/RelatedPerson", "patient parameter is required")]
    public async Task A_bad_parameter_is_a_400_saying_what_is_wrong(string path, string message)
    {
        var outcome = await RefusedAsync(housing, path, 400);

        Assert.Contains(message, outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_the_API_does_not_serve_is_a_404_OperationOutcome()
    {
        var outcome = await RefusedAsync(housing, "/fhir/Observation/1", 404);

        Assert.Contains("/fhir/metadata", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }
}
