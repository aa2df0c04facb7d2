using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Patchwork.Web.Features.Api.Fhir;

/// <summary>Resources written by Firely's serializer as application/fhir+json.</summary>
public static class FhirResults
{
    public const string ContentType = "application/fhir+json";

    private static readonly JsonSerializerOptions Json = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public static string Serialize(Resource resource) => JsonSerializer.Serialize(resource, resource.GetType(), Json);

    public static IResult Resource(Resource resource, int status = StatusCodes.Status200OK) =>
        Results.Text(Serialize(resource), ContentType, System.Text.Encoding.UTF8, status);

    public static IResult Outcome(int status, string message) => Resource(
        new OperationOutcome
        {
            Issue =
            [
                new OperationOutcome.IssueComponent
                {
                    Severity = OperationOutcome.IssueSeverity.Error,
                    Code = ApiErrors.IssueTypeOf(status),
                    Diagnostics = message,
                },
            ],
        },
        status);
}
