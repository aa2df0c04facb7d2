using Patchwork.Graph.Model;
using Patchwork.Graph.Network;

namespace Patchwork.Graph.Coordination;

/// <summary>
/// The lists a coordinator looks across clients with, in the order the dashboard shows them. A client at a date is a
/// person with an active involvement that day; the exact definitions are those of the store questions behind each.
/// </summary>
public static class CoordinatorLists
{
    /// <summary>How recently a lead's involvement must have ended to be on <see cref="LeadEnded"/>.</summary>
    public const int LeadEndedWithinDays = 30;

    /// <summary>How many agencies make <see cref="ManyAgencies"/>.</summary>
    public const int ManyAgenciesAtLeast = 3;

    /// <summary>How long without a recorded contact puts a client on <see cref="NoContact"/>.</summary>
    public const int NoContactForDays = 90;

    private static readonly ListColumn Born = new("Date of birth", ColumnKind.Day, "not known");

    /// <summary>Clients with no active lead involvement (the graph core's definition).</summary>
    public static CoordinatorList NoLead { get; } = new(
        "no-lead",
        "Clients without a lead",
        "client",
        "Clients on this date none of whose involvements is a lead professional's.",
        "Every client has a lead professional on this date.",
        [Born, new("Agencies", ColumnKind.Number), new("Professionals", ColumnKind.Number)],
        (store, asOf, ct) => store.CountClientsWithoutLeadAsync(asOf, ct),
        async (store, asOf, skip, take, ct) => Rows(await store.ClientsWithoutLeadAsync(asOf, skip, take, ct).ConfigureAwait(false), Summary));

    /// <summary>
    /// Clients with no lead whose most recent lead involvement ended in the <see cref="LeadEndedWithinDays"/> days up to
    /// the date: they had someone coordinating and now have no one, so they need action first.
    /// </summary>
    public static CoordinatorList LeadEnded { get; } = new(
        "lead-ended",
        $"Lead ended in the last {LeadEndedWithinDays} days",
        "client",
        $"Clients with no lead on this date whose last lead's involvement ended in the {LeadEndedWithinDays} days up to it.",
        $"No client lost their lead in the last {LeadEndedWithinDays} days.",
        [Born, new("Lead ended", ColumnKind.Day), new("Lead was", ColumnKind.Text), new("Their role", ColumnKind.Text)],
        (store, asOf, ct) => store.CountClientsWhoseLeadEndedAsync(asOf, LeadEndedWithinDays, ct),
        async (store, asOf, skip, take, ct) => Rows(
            await store.ClientsWhoseLeadEndedAsync(asOf, LeadEndedWithinDays, skip, take, ct).ConfigureAwait(false),
            c => new ListRow(c.Id, c.Name, [c.DateOfBirth, c.LeadEnded, c.LeadName, c.LeadRole])));

    /// <summary>Clients with no lead and professionals from <see cref="ManyAgenciesAtLeast"/> or more distinct agencies.</summary>
    public static CoordinatorList ManyAgencies { get; } = new(
        "many-agencies",
        $"{ManyAgenciesAtLeast} or more agencies, no lead",
        "client",
        $"Clients with no lead on this date whose professionals work for {ManyAgenciesAtLeast} or more different agencies.",
        $"No client without a lead has {ManyAgenciesAtLeast} or more agencies involved.",
        [Born, new("Agencies", ColumnKind.Number), new("Professionals", ColumnKind.Number)],
        (store, asOf, ct) => store.CountClientsWithManyAgenciesAndNoLeadAsync(asOf, ManyAgenciesAtLeast, ct),
        async (store, asOf, skip, take, ct) => Rows(await store.ClientsWithManyAgenciesAndNoLeadAsync(asOf, ManyAgenciesAtLeast, skip, take, ct).ConfigureAwait(false), Summary));

    /// <summary>Clients whose latest recorded contact was more than <see cref="NoContactForDays"/> days before the date, or who have none.</summary>
    public static CoordinatorList NoContact { get; } = new(
        "no-contact",
        $"No contact for {NoContactForDays} days",
        "client",
        $"Clients on this date with no contact recorded in the {NoContactForDays} days up to it (planned visits do not count).",
        $"Every client has had a contact recorded in the last {NoContactForDays} days.",
        [Born, new("Last contact", ColumnKind.Day, "none recorded"), new("Days since", ColumnKind.Number), new("How", ColumnKind.Text)],
        (store, asOf, ct) => store.CountClientsWithoutContactAsync(asOf, NoContactForDays, ct),
        async (store, asOf, skip, take, ct) => Rows(
            await store.ClientsWithoutContactAsync(asOf, NoContactForDays, skip, take, ct).ConfigureAwait(false),
            c => new ListRow(c.Id, c.Name, [c.DateOfBirth, DayOf(c.LastContact), asOf.DayNumber - DayOf(c.LastContact)?.DayNumber, c.LastContact?.Kind.Name()])));

    /// <summary>Contacts planned from Monday to Sunday of the week containing the date.</summary>
    public static CoordinatorList PlannedVisits { get; } = new(
        "planned-visits",
        "Planned visits this week",
        "planned contact",
        "Visits, calls and meetings planned from Monday to Sunday of the week containing this date.",
        "Nothing is planned this week.",
        [new("When", ColumnKind.Instant), new("Professional", ColumnKind.Text), new("Agency", ColumnKind.Text, "not recorded"), new("Kind", ColumnKind.Text)],
        (store, asOf, ct) => store.CountPlannedContactsAsync(WeekOf(asOf).Monday, WeekOf(asOf).Sunday, ct),
        async (store, asOf, skip, take, ct) => Rows(
            await store.PlannedContactsAsync(WeekOf(asOf).Monday, WeekOf(asOf).Sunday, skip, take, ct).ConfigureAwait(false),
            v => new ListRow(v.PersonId, v.PersonName, [v.At, v.ProfessionalName, AgencyOf(v), v.Kind.Name()])),
        asOf => WeekOf(asOf));

    /// <summary>Every list, in the dashboard's order.</summary>
    public static IReadOnlyList<CoordinatorList> All { get; } = [NoLead, LeadEnded, ManyAgencies, NoContact, PlannedVisits];

    /// <summary>The list with a key, or null.</summary>
    public static CoordinatorList? Find(string? key) =>
        All.FirstOrDefault(l => string.Equals(l.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>Monday to Sunday of the week a day falls in.</summary>
    public static (DateOnly Monday, DateOnly Sunday) WeekOf(DateOnly day)
    {
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        return (monday, monday.AddDays(6));
    }

    private static ListRow Summary(ClientSummary c) => new(c.Id, c.Name, [c.DateOfBirth, c.AgencyCount, c.InvolvementCount]);

    private static Page<ListRow> Rows<T>(Page<T> page, Func<T, ListRow> row) => new([.. page.Items.Select(row)], page.TotalCount, page.Skip, page.Take);

    /// <summary>The UTC day of a contact: the day the store's definition counts from.</summary>
    private static DateOnly? DayOf(ContactSummary? contact) => contact is null ? null : DateOnly.FromDateTime(contact.At.UtcDateTime);

    /// <summary>A sensitive service is named (coordinators may see it) and marked, so nobody shares it by accident.</summary>
    private static string? AgencyOf(PlannedContact visit) => visit.Sensitive ? $"{visit.AgencyName ?? "Agency not recorded"} (sensitive service)" : visit.AgencyName;
}
