using System.Text.Json;
using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Patchwork.Integration.Tests.Api;

/// <summary>
/// Firely's validator over the FHIR R4 base definitions, read offline from the specification.zip that the
/// Hl7.Fhir.Specification.Data.R4 package puts beside the tests.
/// </summary>
public static class FhirValidation
{
    private static readonly Lazy<Validator> Validator = new(() =>
    {
        var source = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(source.AsAsync(), new LocalTerminologyService(source.AsAsync()));
    });

    private static readonly JsonSerializerOptions Json = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    /// <summary>Parses an answer with Firely's deserializer and fails the test on any error the validator reports.</summary>
    public static Resource Valid(string json)
    {
        var resource = JsonSerializer.Deserialize<Resource>(json, Json) ?? throw new InvalidOperationException("No resource in the answer.");
        var outcome = Validator.Value.Validate(resource);
        var errors = outcome.Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{i.Severity} {i.Code} {string.Join(",", i.Expression)} {string.Join(",", i.Location)}: {i.Details?.Text} {i.Diagnostics}")
            .ToList();
        Assert.True(errors.Count == 0, $"{resource.TypeName} does not validate against the R4 base definitions:\n{string.Join("\n", errors)}\n{json}");
        return resource;
    }
}
