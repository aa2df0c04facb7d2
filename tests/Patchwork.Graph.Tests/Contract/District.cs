using Patchwork.Graph.Model;
using Patchwork.Graph.Storage;

namespace Patchwork.Graph.Tests.Contract;

/// <summary>
/// A small district described in code and written through the store port's own writes, so the same setup runs
/// on every adapter. Relationships start on <see cref="Since"/> unless told otherwise.
/// </summary>
public sealed class District
{
    /// <summary>The day relationships start by default: well before the dates the tests ask about.</summary>
    public static readonly DateOnly Since = new(2020, 1, 1);

    /// <summary>Who wrote the district; whole milliseconds, so every store keeps it exactly.</summary>
    public static readonly Recorded By = new(new DateTimeOffset(2024, 1, 2, 9, 30, 0, TimeSpan.Zero), "district-builder");

    private readonly List<GraphElement> elements = [];

    /// <summary>Everything the district writes, in the order it writes it.</summary>
    public IReadOnlyList<GraphElement> Elements => elements;

    public District Person(string id, string givenName, string familyName, DateOnly? dateOfBirth = null, Gender gender = Gender.Unknown, NhsNumber? nhsNumber = null) =>
        Add(new Person(id, givenName, familyName, dateOfBirth, gender, nhsNumber));

    public District Household(string id, string? name = null, string? address = null, string? postcode = null) =>
        Add(new Household(id, name ?? $"{id} household", address, postcode));

    public District Professional(string id, string givenName, string familyName, string? jobTitle = null, string? phone = null, string? email = null) =>
        Add(new Professional(id, givenName, familyName, jobTitle, phone, email));

    public District Agency(string id, string? name = null, string kind = "children-social-care", string? phone = null, bool sensitive = false, string? outOfHoursPhone = null) =>
        Add(new Agency(id, name ?? $"{id} agency", kind, phone, sensitive, outOfHoursPhone));

    public District Status(string agencyId, string personId, CareStatus status = CareStatus.ChildProtectionPlan, DateOnly? since = null, DateOnly? until = null) =>
        Add(new ChildStatus(agencyId, personId, status, Period(since, until), By));

    public District LivesIn(string personId, string householdId, DateOnly? since = null, DateOnly? until = null) =>
        Add(new Membership(personId, householdId, Period(since, until), By));

    public District Family(string fromPersonId, string toPersonId, FamilyKind kind = FamilyKind.Parent, DateOnly? since = null, DateOnly? until = null) =>
        Add(new FamilyTie(fromPersonId, toPersonId, kind, Period(since, until), By));

    public District WorksFor(string professionalId, string agencyId, string? team = null, DateOnly? since = null, DateOnly? until = null) =>
        Add(new Employment(professionalId, agencyId, team, Period(since, until), By));

    public District Involved(string professionalId, string personId, string role = "Social worker", bool lead = false, bool sensitive = false, DateOnly? since = null, DateOnly? until = null) =>
        Add(new Involvement(professionalId, personId, role, lead, sensitive, Period(since, until), By));

    public District Contact(string professionalId, string personId, DateTimeOffset at, bool planned = false, ContactKind kind = ContactKind.Visit) =>
        Add(new Contact(professionalId, personId, at, kind, planned, By));

    /// <summary>Writes every element through the port, in order: nodes must come before the relationships that name them.</summary>
    public async Task WriteToAsync(IGraphStore store, CancellationToken cancellationToken)
    {
        foreach (var element in elements)
        {
            switch (element)
            {
                case Node node:
                    await store.AddNodeAsync(node, cancellationToken);
                    break;
                case Relationship relationship:
                    await store.AddRelationshipAsync(relationship, cancellationToken);
                    break;
                case Contact contact:
                    await store.RecordContactAsync(contact, cancellationToken);
                    break;
                default:
                    throw new InvalidOperationException($"A district cannot write {element.GetType().Name}.");
            }
        }
    }

    private static Period Period(DateOnly? since, DateOnly? until) => new(since ?? Since, until);

    private District Add(GraphElement element)
    {
        elements.Add(element);
        return this;
    }
}
