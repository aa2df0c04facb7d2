using System.Globalization;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using Patchwork.Graph.Access;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;
using Person = Patchwork.Graph.Model.Person;

namespace Patchwork.Web.Features.Api.Fhir;

/// <summary>A FHIR request the caller got wrong: answered 400 with what is wrong and where.</summary>
public sealed class FhirRequestException(string message) : Exception(message);

/// <summary>
/// The FHIR reads, each through <see cref="NetworkService"/>: the same access check, the same redaction and the same
/// audit as a practitioner of the client's agency opening the screens. Something the caller may not see answers as
/// something that does not exist.
/// </summary>
public sealed partial class FhirReader(NetworkService network)
{
    public DateOnly Today => network.Today;

    public async Task<Patient> PatientAsync(ApiCaller caller, string id, CancellationToken cancellationToken)
    {
        var picture = await OpenAsync(caller, "Patient", id, Today, cancellationToken);
        return FhirMapping.Patient(Focus(picture, id));
    }

    public async Task<IReadOnlyList<Patient>> PatientsByIdentifierAsync(ApiCaller caller, string? identifier, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(identifier))
        {
            throw new FhirRequestException($"Search Patient by identifier: identifier={FhirMapping.NhsNumberSystem}|{{NHS number}}.");
        }

        var bar = identifier.IndexOf('|', StringComparison.Ordinal);
        var (system, value) = bar < 0 ? ("", identifier) : (identifier[..bar], identifier[(bar + 1)..]);
        if (system != FhirMapping.NhsNumberSystem)
        {
            throw new FhirRequestException($"The identifier parameter must name the NHS number system: identifier={FhirMapping.NhsNumberSystem}|{{NHS number}}.");
        }

        if (!NhsNumber.TryParse(value, out var nhs))
        {
            throw new FhirRequestException("The identifier's value is not a valid NHS number: ten digits, the last a check digit.");
        }

        var person = await network.FindByNhsNumberAsync(caller.Viewer, nhs, cancellationToken);
        return person is null ? [] : [FhirMapping.Patient(person)];
    }

    public async Task<IReadOnlyList<RelatedPerson>> RelatedPeopleAsync(ApiCaller caller, string? patient, CancellationToken cancellationToken)
    {
        var id = Reference(patient, "Patient", "patient");
        var picture = await OpenAsync(caller, "Patient", id, Today, cancellationToken);
        var people = picture.Network.Nodes.Select(n => n.Node).OfType<Person>().ToDictionary(p => p.Id, StringComparer.Ordinal);
        return [.. picture.Network.Edges.OfType<FamilyTie>()
            .Where(t => t.FromPersonId == id || t.ToPersonId == id)
            .Select(t => (Tie: t, RelativeId: t.FromPersonId == id ? t.ToPersonId : t.FromPersonId))
            .Where(t => people.ContainsKey(t.RelativeId))
            .Select(t => FhirMapping.RelatedPerson(id, people[t.RelativeId], t.Tie))];
    }

    public async Task<(CareTeam Team, IReadOnlyList<Resource> Includes)> CareTeamAsync(ApiCaller caller, string? subject, string? date, string fhirBase, CancellationToken cancellationToken)
    {
        var id = Reference(subject, "Patient", "subject");
        var asOf = Today;
        if (!string.IsNullOrEmpty(date) && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out asOf))
        {
            throw new FhirRequestException($"The date parameter '{Shorten(date)}' is not a date: write it as YYYY-MM-DD, for example {Today:yyyy-MM-dd}.");
        }

        var picture = await OpenAsync(caller, "Patient", id, asOf, cancellationToken);
        return (FhirMapping.CareTeam(Focus(picture, id), asOf, picture.Team, fhirBase), FhirMapping.TeamIncludes(picture.Team));
    }

    /// <summary>
    /// The statuses of a patient today as Flags, each naming the organisation responsible, which the searchset
    /// carries beside them; a status held by an organisation the caller may not know of names none.
    /// </summary>
    public async Task<(IReadOnlyList<Flag> Flags, IReadOnlyList<Resource> Includes)> FlagsAsync(ApiCaller caller, string? patient, string fhirBase, CancellationToken cancellationToken)
    {
        var id = Reference(patient, "Patient", "patient");
        var picture = await OpenAsync(caller, "Patient", id, Today, cancellationToken);
        var statuses = picture.StatusesOf(id);
        return ([.. statuses.Select(s => FhirMapping.Flag(s, fhirBase))],
            [.. statuses.Where(s => !s.Redacted).Select(s => s.Agency).DistinctBy(a => a.Id).Select(FhirMapping.Organization)]);
    }

    public async Task<Practitioner> PractitionerAsync(ApiCaller caller, string id, CancellationToken cancellationToken)
    {
        var (node, _) = await DescribeAsync(caller, NodeKind.Professional, "Practitioner", id, cancellationToken);
        return FhirMapping.Practitioner((Professional)node);
    }

    public async Task<IReadOnlyList<PractitionerRole>> PractitionerRolesAsync(ApiCaller caller, string? practitioner, CancellationToken cancellationToken)
    {
        var id = Reference(practitioner, "Practitioner", "practitioner");
        var (node, around) = await DescribeAsync(caller, NodeKind.Professional, "Practitioner", id, cancellationToken);
        var agencies = around.Nodes.Select(n => n.Node).OfType<Agency>().ToDictionary(a => a.Id, StringComparer.Ordinal);
        return [.. around.Edges.OfType<Employment>()
            .Where(e => e.ProfessionalId == id)
            .Select(e => FhirMapping.PractitionerRole((Professional)node, e, agencies.GetValueOrDefault(e.AgencyId), Today))];
    }

    public async Task<Organization> OrganizationAsync(ApiCaller caller, string id, CancellationToken cancellationToken)
    {
        var (node, _) = await DescribeAsync(caller, NodeKind.Agency, "Organization", id, cancellationToken);
        return FhirMapping.Organization((Agency)node);
    }

    private async Task<NetworkPicture> OpenAsync(ApiCaller caller, string type, string id, DateOnly asOf, CancellationToken cancellationToken)
    {
        RequireId(type, id);
        try
        {
            return await network.OpenAsync(caller.Viewer, id, asOf, 1, cancellationToken);
        }
        catch (Exception e) when (e is AccessDeniedException or NodeNotFoundException)
        {
            throw NotFound(type, id);
        }
        catch (GraphRuleException e)
        {
            throw new FhirRequestException(e.Message);
        }
    }

    private async Task<(Node Node, GraphNetwork Around)> DescribeAsync(ApiCaller caller, NodeKind kind, string type, string id, CancellationToken cancellationToken)
    {
        RequireId(type, id);
        return await network.DescribeAsync(caller.Viewer, new NodeRef(kind, id), cancellationToken) ?? throw NotFound(type, id);
    }

    private static Person Focus(NetworkPicture picture, string id) =>
        picture.Network.Nodes.Select(n => n.Node).OfType<Person>().First(p => p.Id == id);

    /// <summary>A search parameter naming a resource: <c>Type/id</c> or the bare id.</summary>
    private static string Reference(string? value, string type, string parameter)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new FhirRequestException($"The {parameter} parameter is required: {parameter}={type}/{{id}}.");
        }

        var id = value.StartsWith(type + "/", StringComparison.Ordinal) ? value[(type.Length + 1)..] : value;
        if (!FhirId().IsMatch(id))
        {
            throw new FhirRequestException($"The {parameter} parameter '{Shorten(value)}' does not name a {type}: write {type}/{{id}}, where an id is up to 64 letters, digits, '-' and '.'.");
        }

        return id;
    }

    private static void RequireId(string type, string id)
    {
        if (!FhirId().IsMatch(id))
        {
            throw new FhirRequestException($"'{Shorten(id)}' is not a {type} id: an id is up to 64 letters, digits, '-' and '.'.");
        }
    }

    /// <summary>Refused and unknown read the same, as in the screens.</summary>
    public static KeyNotFoundException NotFound(string type, string id) =>
        new($"There is no {type} with the id '{id}' that this client may read.");

    // Echoed back in a message: never more than a short, printable piece of what was sent.
    private static string Shorten(string text)
    {
        var printable = new string([.. text.Where(c => !char.IsControl(c)).Take(40)]);
        return printable.Length < text.Length ? printable + "..." : printable;
    }

    [GeneratedRegex("^[A-Za-z0-9\\-.]{1,64}$")]
    private static partial Regex FhirId();
}
