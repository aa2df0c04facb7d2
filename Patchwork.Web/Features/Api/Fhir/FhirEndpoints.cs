using Hl7.Fhir.Model;

namespace Patchwork.Web.Features.Api.Fhir;

/// <summary>The FHIR R4 read API under /fhir: what the CapabilityStatement at /fhir/metadata lists, and nothing else.</summary>
public static class FhirEndpoints
{
    /// <summary>GET /fhir/metadata, the one FHIR call that needs no token.</summary>
    public static RouteGroupBuilder MapFhirMetadata(this RouteGroupBuilder fhir)
    {
        fhir.MapGet("/metadata", (HttpContext context, FhirReader reader) =>
            FhirResults.Resource(Capabilities(BaseOf(context), reader.Today)));
        return fhir;
    }

    /// <summary>Everything else under /fhir, each call with a client's token.</summary>
    public static RouteGroupBuilder MapFhir(this RouteGroupBuilder fhir)
    {
        fhir.MapGet("/CodeSystem/{id}", (string id, HttpContext context) => id switch
        {
            FhirMapping.TeamRoleCodeSystemId => FhirResults.Resource(FhirMapping.TeamRoles(BaseOf(context))),
            FhirMapping.StatusCodeSystemId => FhirResults.Resource(FhirMapping.Statuses(BaseOf(context))),
            _ => FhirResults.Outcome(StatusCodes.Status404NotFound, $"There is no CodeSystem with the id '{id}'. Patchwork publishes two: {FhirMapping.TeamRoleCodeSystemId} and {FhirMapping.StatusCodeSystemId}."),
        });
        fhir.MapGet("/Flag", (string? patient, HttpContext context, FhirReader reader, CancellationToken ct) =>
            AnswerAsync(async () =>
            {
                var (flags, includes) = await reader.FlagsAsync(ApiCaller.Of(context), patient, BaseOf(context), ct);
                return FhirMapping.SearchSet(BaseOf(context), flags, includes);
            }));

        fhir.MapGet("/Patient/{id}", (string id, HttpContext context, FhirReader reader, CancellationToken ct) =>
            AnswerAsync(async () => await reader.PatientAsync(ApiCaller.Of(context), id, ct)));
        fhir.MapGet("/Patient", (string? identifier, HttpContext context, FhirReader reader, CancellationToken ct) =>
            AnswerAsync(async () => FhirMapping.SearchSet(BaseOf(context), await reader.PatientsByIdentifierAsync(ApiCaller.Of(context), identifier, ct))));
        fhir.MapGet("/RelatedPerson", (string? patient, HttpContext context, FhirReader reader, CancellationToken ct) =>
            AnswerAsync(async () => FhirMapping.SearchSet(BaseOf(context), await reader.RelatedPeopleAsync(ApiCaller.Of(context), patient, ct))));
        fhir.MapGet("/CareTeam", (string? subject, string? date, HttpContext context, FhirReader reader, CancellationToken ct) =>
            AnswerAsync(async () =>
            {
                var (team, includes) = await reader.CareTeamAsync(ApiCaller.Of(context), subject, date, BaseOf(context), ct);
                return FhirMapping.SearchSet(BaseOf(context), [team], includes);
            }));
        fhir.MapGet("/Practitioner/{id}", (string id, HttpContext context, FhirReader reader, CancellationToken ct) =>
            AnswerAsync(async () => await reader.PractitionerAsync(ApiCaller.Of(context), id, ct)));
        fhir.MapGet("/PractitionerRole", (string? practitioner, HttpContext context, FhirReader reader, CancellationToken ct) =>
            AnswerAsync(async () => FhirMapping.SearchSet(BaseOf(context), await reader.PractitionerRolesAsync(ApiCaller.Of(context), practitioner, ct))));
        fhir.MapGet("/Organization/{id}", (string id, HttpContext context, FhirReader reader, CancellationToken ct) =>
            AnswerAsync(async () => await reader.OrganizationAsync(ApiCaller.Of(context), id, ct)));

        // Anything else under /fhir is a FHIR answer too, never the app's sign-in page.
        fhir.MapFallback((HttpContext context) => FhirResults.Outcome(StatusCodes.Status404NotFound,
            $"Patchwork's FHIR API has no {context.Request.Method} {context.Request.Path}: see {BaseOf(context)}/metadata for what it serves."));
        return fhir;
    }

    /// <summary>The FHIR base URL as the caller reached it.</summary>
    public static string BaseOf(HttpContext context) =>
        $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{ApiErrors.FhirPrefix}";

    private static async Task<IResult> AnswerAsync(Func<Task<Resource>> read)
    {
        try
        {
            return FhirResults.Resource(await read());
        }
        catch (FhirRequestException e)
        {
            return FhirResults.Outcome(StatusCodes.Status400BadRequest, e.Message);
        }
        catch (KeyNotFoundException e)
        {
            return FhirResults.Outcome(StatusCodes.Status404NotFound, e.Message);
        }
    }

    public static CapabilityStatement Capabilities(string fhirBase, DateOnly today)
    {
        static CapabilityStatement.ResourceComponent Resource(ResourceType type, bool read, params (string Name, SearchParamType Type, string Documentation)[] search)
        {
            var resource = new CapabilityStatement.ResourceComponent { Type = type.ToString() };
            if (read)
            {
                resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read });
            }

            if (search.Length > 0)
            {
                resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType });
            }

            foreach (var (name, paramType, documentation) in search)
            {
                resource.SearchParam.Add(new CapabilityStatement.SearchParamComponent { Name = name, Type = paramType, Documentation = new Markdown(documentation) });
            }

            return resource;
        }

        return new CapabilityStatement
        {
            Status = PublicationStatus.Active,
            Date = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "Patchwork" },
            Implementation = new CapabilityStatement.ImplementationComponent { Description = "Patchwork: the team around a child or family, read as FHIR R4", Url = fhirBase },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = ["json"],
            Rest =
            [
                new CapabilityStatement.RestComponent
                {
                    Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                    Documentation = new Markdown("Every call but this CapabilityStatement needs a bearer token from the council's identity provider (OAuth 2.0 client credentials) with the scope patchwork.read. A client reads as a practitioner of its agency: a sensitive service is shown only as a participant with no member."),
                    Resource =
                    [
                        Resource(ResourceType.Patient, true, ("identifier", SearchParamType.Token, $"{FhirMapping.NhsNumberSystem}|{{NHS number}}")),
                        Resource(ResourceType.RelatedPerson, false, ("patient", SearchParamType.Reference, "Patient/{id}: the patient's family ties today")),
                        Resource(ResourceType.CareTeam, false, ("subject", SearchParamType.Reference, "Patient/{id}"), ("date", SearchParamType.Date, "YYYY-MM-DD: the team on that day (today when left out)")),
                        Resource(ResourceType.Flag, false, ("patient", SearchParamType.Reference, "Patient/{id}: the patient's statuses today (child protection plan, looked after...), each with the organisation responsible")),
                        Resource(ResourceType.Practitioner, true),
                        Resource(ResourceType.PractitionerRole, false, ("practitioner", SearchParamType.Reference, "Practitioner/{id}")),
                        Resource(ResourceType.Organization, true),
                        Resource(ResourceType.CodeSystem, true),
                    ],
                },
            ],
        };
    }
}
