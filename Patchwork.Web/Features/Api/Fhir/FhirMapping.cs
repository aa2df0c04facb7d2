using Hl7.Fhir.Model;
using Patchwork.Graph.Access;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;
using FhirPeriod = Hl7.Fhir.Model.Period;
using Person = Patchwork.Graph.Model.Person;
using FhirCareTeam = Hl7.Fhir.Model.CareTeam;

namespace Patchwork.Web.Features.Api.Fhir;

/// <summary>
/// Patchwork's records as FHIR R4 resources. Only what the domain already redacted for the caller comes in here;
/// nothing in this class decides what anyone may see.
/// </summary>
public static class FhirMapping
{
    public const string NhsNumberSystem = "https://fhir.nhs.uk/Id/nhs-number";
    public const string RoleCodeSystem = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";

    /// <summary>The id of Patchwork's own CodeSystem of care team roles, served at /fhir/CodeSystem/{id}.</summary>
    public const string TeamRoleCodeSystemId = "care-team-role";
    public const string LeadProfessionalCode = "lead-professional";

    public static string TeamRoleSystem(string fhirBase) => $"{fhirBase}/CodeSystem/{TeamRoleCodeSystemId}";

    /// <summary>The id of Patchwork's CodeSystem of statuses (child protection plan, looked after...), served beside the roles.</summary>
    public const string StatusCodeSystemId = "child-status";

    public static string StatusSystem(string fhirBase) => $"{fhirBase}/CodeSystem/{StatusCodeSystemId}";

    public const string FlagCategorySystem = "http://terminology.hl7.org/CodeSystem/flag-category";

    public static Patient Patient(Person person)
    {
        var patient = new Patient
        {
            Id = person.Id,
            Name = [new HumanName { Use = HumanName.NameUse.Official, Family = NullIfEmpty(person.FamilyName), Given = NullIfEmpty(person.GivenName) is { } given ? [given] : [] }],
            Gender = person.Gender switch
            {
                Gender.Female => AdministrativeGender.Female,
                Gender.Male => AdministrativeGender.Male,
                Gender.Other => AdministrativeGender.Other,
                Gender.Unknown => AdministrativeGender.Unknown,
            },
            BirthDate = person.DateOfBirth?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (person.NhsNumber is { } nhs)
        {
            patient.Identifier.Add(new Identifier(NhsNumberSystem, nhs.Digits));
        }

        return patient;
    }

    public static Practitioner Practitioner(Professional professional)
    {
        var practitioner = new Practitioner
        {
            Id = professional.Id,
            Name = [new HumanName { Family = NullIfEmpty(professional.FamilyName), Given = NullIfEmpty(professional.GivenName) is { } given ? [given] : [] }],
        };
        AddTelecom(practitioner.Telecom, professional.Phone, professional.Email);
        return practitioner;
    }

    public static Organization Organization(Agency agency)
    {
        var organization = new Organization
        {
            Id = agency.Id,
            Active = true,
            Name = agency.Name,
            Type = [new CodeableConcept { Text = agency.AgencyKind }],
        };
        AddTelecom(organization.Telecom, agency.Phone, null);
        if (!string.IsNullOrWhiteSpace(agency.OutOfHoursPhone))
        {
            // The number to call when the office is closed: a contact of its own, as telecom has no "out of hours" use.
            organization.Contact.Add(new Organization.ContactComponent
            {
                Purpose = new CodeableConcept { Text = "Out of hours" },
                Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Work, agency.OutOfHoursPhone)],
            });
        }

        return organization;
    }

    public static PractitionerRole PractitionerRole(Professional professional, Employment employment, Agency? agency, DateOnly today) => new()
    {
        Id = $"{professional.Id}-{employment.AgencyId}",
        Active = employment.Period.IsActiveAt(today),
        Period = Period(employment.Period),
        Practitioner = new ResourceReference($"Practitioner/{professional.Id}", professional.DisplayName),
        Organization = new ResourceReference($"Organization/{employment.AgencyId}", agency?.Name),
        Code = professional.JobTitle is { Length: > 0 } title ? [new CodeableConcept { Text = title }] : [],
    };

    /// <summary>A relative of the patient, named with the v3 RoleCode of what the relative is to the patient.</summary>
    public static RelatedPerson RelatedPerson(string patientId, Person relative, FamilyTie tie)
    {
        var relativeIsFrom = tie.FromPersonId == relative.Id;
        return new RelatedPerson
        {
            Id = $"{patientId}-{relative.Id}",
            Active = true,
            Patient = new ResourceReference($"Patient/{patientId}"),
            Name = [new HumanName { Family = NullIfEmpty(relative.FamilyName), Given = NullIfEmpty(relative.GivenName) is { } given ? [given] : [] }],
            Gender = Patient(relative).Gender,
            BirthDate = relative.DateOfBirth?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Relationship = [Relationship(tie.Kind, relativeIsFrom, relative.Gender)],
            Period = Period(tie.Period),
        };
    }

    /// <summary>
    /// What the relative is to the patient. A tie reads from its start person ("start is parent of end"), so a parent
    /// tie from the relative makes them the patient's mother or father, and one from the patient their child.
    /// </summary>
    public static CodeableConcept Relationship(FamilyKind kind, bool relativeIsFrom, Gender relativeGender)
    {
        var (code, display) = (kind, relativeIsFrom) switch
        {
            (FamilyKind.Parent, true) => Gendered(relativeGender, ("MTH", "mother"), ("FTH", "father"), ("PRN", "parent")),
            (FamilyKind.Parent, false) => Gendered(relativeGender, ("DAU", "natural daughter"), ("SON", "natural son"), ("CHILD", "child")),
            (FamilyKind.Grandparent, true) => Gendered(relativeGender, ("GRMTH", "grandmother"), ("GRFTH", "grandfather"), ("GRPRN", "grandparent")),
            (FamilyKind.Grandparent, false) => Gendered(relativeGender, ("GRNDDAU", "granddaughter"), ("GRNDSON", "grandson"), ("GRNDCHILD", "grandchild")),
            (FamilyKind.Sibling, _) => Gendered(relativeGender, ("SIS", "sister"), ("BRO", "brother"), ("SIB", "sibling")),
            (FamilyKind.Partner, _) => ("SIGOTHR", "significant other"),
            // RoleCode has no carer: the text says which way the care goes.
            (FamilyKind.Carer, true) => ((string?)null, "carer of the patient"),
            (FamilyKind.Carer, false) => (null, "cared for by the patient"),
            (FamilyKind.Other, _) => ("FAMMEMB", "family member"),
        };
        var concept = new CodeableConcept { Text = display };
        if (code is not null)
        {
            concept.Coding.Add(new Coding(RoleCodeSystem, code, display));
        }

        return concept;
    }

    /// <summary>The team around a person at a date, as <see cref="Redactor"/> left it for the caller.</summary>
    public static CareTeam CareTeam(Person person, DateOnly asOf, IReadOnlyList<TeamMember> team, string fhirBase)
    {
        var careTeam = new CareTeam
        {
            Id = $"{person.Id}-{asOf:yyyy-MM-dd}",
            Status = FhirCareTeam.CareTeamStatus.Active,
            Name = $"Team around {person.DisplayName} on {asOf:d MMMM yyyy}",
            Subject = new ResourceReference($"Patient/{person.Id}", person.DisplayName),
        };
        foreach (var member in team)
        {
            var role = new CodeableConcept { Text = member.Redacted ? $"{Redactor.SensitiveName} - {Redactor.SensitiveContact}" : member.Involvement.Role };
            if (member.IsLead)
            {
                role.Coding.Add(new Coding(TeamRoleSystem(fhirBase), LeadProfessionalCode, "Lead professional"));
            }

            var participant = new FhirCareTeam.ParticipantComponent { Role = [role], Period = Period(member.Involvement.Period) };
            if (!member.Redacted)
            {
                participant.Member = new ResourceReference($"Practitioner/{member.Professional.Id}", member.Professional.DisplayName);
                if (member.Agency is { } agency)
                {
                    participant.OnBehalfOf = new ResourceReference($"Organization/{agency.Id}", agency.Name);
                }
            }

            careTeam.Participant.Add(participant);
        }

        return careTeam;
    }

    /// <summary>
    /// A person's status (child protection plan, looked after...) as a FHIR Flag: what it is, since when, and the
    /// organisation responsible - or, when the caller may not know of that organisation, the placeholder text only.
    /// </summary>
    public static Flag Flag(PersonStatus status, string fhirBase)
    {
        var code = status.Status.Status;
        return new Flag
        {
            Id = $"{status.PersonId}-{code.Name()}-{status.Status.Period.Since:yyyyMMdd}",
            Status = Hl7.Fhir.Model.Flag.FlagStatus.Active,
            Category = [new CodeableConcept(FlagCategorySystem, "safety", "Safety")],
            Code = new CodeableConcept { Coding = [new Coding(StatusSystem(fhirBase), code.Name(), code.Label())], Text = code.Label() },
            Subject = new ResourceReference($"Patient/{status.PersonId}"),
            Period = Period(status.Status.Period),
            Author = status.Redacted
                ? new ResourceReference { Display = $"{Redactor.SensitiveName} - {Redactor.SensitiveContact}" }
                : new ResourceReference($"Organization/{status.Agency.Id}", status.Agency.Name),
        };
    }

    /// <summary>Patchwork's codes for a person's status, published so that a receiving system can look them up.</summary>
    public static CodeSystem Statuses(string fhirBase) => Published(
        StatusCodeSystemId,
        StatusSystem(fhirBase),
        "PatchworkChildStatus",
        "Patchwork child statuses",
        "The statutory status of a child Patchwork records, held by the agency responsible (a Flag's author), as NHS England's CP-IS shares them with unscheduled care.",
        [.. Enum.GetValues<CareStatus>().Select(status => (status.Name(), status.Label(), Definition(status)))]);

    private static string Definition(CareStatus status) => status switch
    {
        CareStatus.ChildProtectionPlan => "The child is subject to a child protection plan (Children Act 1989, section 47).",
        CareStatus.UnbornChildProtectionPlan => "An unborn child is subject to a child protection plan, made before birth.",
        CareStatus.LookedAfter => "The child is looked after by the local authority (Children Act 1989, section 22).",
        CareStatus.ChildInNeed => "The child is a child in need with a plan of support (Children Act 1989, section 17).",
    };

    /// <summary>Patchwork's own code for the lead professional, published so that a receiving system can look it up.</summary>
    public static CodeSystem TeamRoles(string fhirBase) => Published(
        TeamRoleCodeSystemId,
        TeamRoleSystem(fhirBase),
        "PatchworkCareTeamRole",
        "Patchwork care team roles",
        "Roles Patchwork marks on a CareTeam participant beyond the free-text role: the lead professional, who coordinates the support around a child or family.",
        [(LeadProfessionalCode, "Lead professional", "The professional who coordinates the support around the person, and whom the others on the team contact first.")]);

    /// <summary>A code system of Patchwork's own, active and complete: every code it has is listed.</summary>
    private static CodeSystem Published(string id, string url, string name, string title, string description, IReadOnlyList<(string Code, string Display, string Definition)> concepts) => new()
    {
        Id = id,
        Url = url,
        Name = name,
        Title = title,
        Status = PublicationStatus.Active,
        Experimental = false,
        Description = new Markdown(description),
        CaseSensitive = true,
        Content = CodeSystemContentMode.Complete,
        Count = concepts.Count,
        Concept = [.. concepts.Select(c => new CodeSystem.ConceptDefinitionComponent { Code = c.Code, Display = c.Display, Definition = c.Definition })],
    };

    /// <summary>
    /// A Patchwork period as a FHIR one. Patchwork's until is the first day the tie no longer holds; FHIR's end is the
    /// last day it does.
    /// </summary>
    public static FhirPeriod Period(Graph.Model.Period period) => new()
    {
        Start = Date(period.Since),
        End = period.Until is { } until ? Date(until.AddDays(-1)) : null,
    };

    /// <summary>
    /// The members and agencies a care team names, as resources a searchset carries beside it (search mode include),
    /// so a receiving system reads the team in one call. Only what the redacted team shows: a placeholder has none.
    /// </summary>
    public static IReadOnlyList<Resource> TeamIncludes(IReadOnlyList<TeamMember> team)
    {
        var practitioners = team.Where(m => !m.Redacted).Select(m => m.Professional).DistinctBy(p => p.Id).Select(p => (Resource)Practitioner(p));
        var organizations = team.Where(m => !m.Redacted).Select(m => m.Agency).OfType<Agency>().DistinctBy(a => a.Id).Select(a => (Resource)Organization(a));
        return [.. practitioners, .. organizations];
    }

    public static Bundle SearchSet(string fhirBase, IEnumerable<Resource> matches, IEnumerable<Resource>? includes = null)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset };
        void Add(Resource resource, Bundle.SearchEntryMode mode) => bundle.Entry.Add(new Bundle.EntryComponent
        {
            FullUrl = $"{fhirBase}/{resource.TypeName}/{resource.Id}",
            Resource = resource,
            Search = new Bundle.SearchComponent { Mode = mode },
        });
        foreach (var resource in matches)
        {
            Add(resource, Bundle.SearchEntryMode.Match);
        }

        // The total counts matches only, as FHIR search defines it.
        bundle.Total = bundle.Entry.Count;
        foreach (var resource in includes ?? [])
        {
            Add(resource, Bundle.SearchEntryMode.Include);
        }

        return bundle;
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static (string? Code, string Display) Gendered(Gender gender, (string, string) female, (string, string) male, (string, string) unknown) => gender switch
    {
        Gender.Female => female,
        Gender.Male => male,
        Gender.Other or Gender.Unknown => unknown,
    };

    private static void AddTelecom(List<ContactPoint> telecom, string? phone, string? email)
    {
        if (!string.IsNullOrWhiteSpace(phone))
        {
            telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Work, phone));
        }

        if (!string.IsNullOrWhiteSpace(email))
        {
            telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Work, email));
        }
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
