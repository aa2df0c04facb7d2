using Patchwork.Graph.Changes;
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
        (sources, asOf, ct) => sources.Graph.CountClientsWithoutLeadAsync(asOf, ct),
        async (sources, asOf, skip, take, ct) => Rows(await sources.Graph.ClientsWithoutLeadAsync(asOf, skip, take, ct).ConfigureAwait(false), Summary));

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
        (sources, asOf, ct) => sources.Graph.CountClientsWhoseLeadEndedAsync(asOf, LeadEndedWithinDays, ct),
        async (sources, asOf, skip, take, ct) => Rows(
            await sources.Graph.ClientsWhoseLeadEndedAsync(asOf, LeadEndedWithinDays, skip, take, ct).ConfigureAwait(false),
            c => new ListRow(c.Id, c.Name, [c.DateOfBirth, c.LeadEnded, c.LeadName, c.LeadRole])));

    /// <summary>Clients with no lead and professionals from <see cref="ManyAgenciesAtLeast"/> or more distinct agencies.</summary>
    public static CoordinatorList ManyAgencies { get; } = new(
        "many-agencies",
        $"{ManyAgenciesAtLeast} or more agencies, no lead",
        "client",
        $"Clients with no lead on this date whose professionals work for {ManyAgenciesAtLeast} or more different agencies.",
        $"No client without a lead has {ManyAgenciesAtLeast} or more agencies involved.",
        [Born, new("Agencies", ColumnKind.Number), new("Professionals", ColumnKind.Number)],
        (sources, asOf, ct) => sources.Graph.CountClientsWithManyAgenciesAndNoLeadAsync(asOf, ManyAgenciesAtLeast, ct),
        async (sources, asOf, skip, take, ct) => Rows(await sources.Graph.ClientsWithManyAgenciesAndNoLeadAsync(asOf, ManyAgenciesAtLeast, skip, take, ct).ConfigureAwait(false), Summary));

    /// <summary>Clients whose latest recorded contact was more than <see cref="NoContactForDays"/> days before the date, or who have none.</summary>
    public static CoordinatorList NoContact { get; } = new(
        "no-contact",
        $"No contact for {NoContactForDays} days",
        "client",
        $"Clients on this date with no contact recorded in the {NoContactForDays} days up to it (planned visits do not count).",
        $"Every client has had a contact recorded in the last {NoContactForDays} days.",
        [Born, new("Last contact", ColumnKind.Day, "none recorded"), new("Days since", ColumnKind.Number), new("How", ColumnKind.Text)],
        (sources, asOf, ct) => sources.Graph.CountClientsWithoutContactAsync(asOf, NoContactForDays, ct),
        async (sources, asOf, skip, take, ct) => Rows(
            await sources.Graph.ClientsWithoutContactAsync(asOf, NoContactForDays, skip, take, ct).ConfigureAwait(false),
            c => new ListRow(c.Id, c.Name, [c.DateOfBirth, DayOf(c.LastContact), asOf.DayNumber - DayOf(c.LastContact)?.DayNumber, c.LastContact?.Kind.Name()])));

    /// <summary>Contacts planned from Monday to Sunday of the week containing the date.</summary>
    public static CoordinatorList PlannedVisits { get; } = new(
        "planned-visits",
        "Planned visits this week",
        "planned contact",
        "Visits, calls and meetings planned from Monday to Sunday of the week containing this date.",
        "Nothing is planned this week.",
        [new("When", ColumnKind.Instant), new("Professional", ColumnKind.Text), new("Agency", ColumnKind.Text, "not recorded"), new("Kind", ColumnKind.Text)],
        (sources, asOf, ct) => sources.Graph.CountPlannedContactsAsync(WeekOf(asOf).Monday, WeekOf(asOf).Sunday, ct),
        async (sources, asOf, skip, take, ct) => Rows(
            await sources.Graph.PlannedContactsAsync(WeekOf(asOf).Monday, WeekOf(asOf).Sunday, skip, take, ct).ConfigureAwait(false),
            v => new ListRow(v.PersonId, v.PersonName, [v.At, v.ProfessionalName, AgencyOf(v), v.Kind.Name()])),
        asOf => WeekOf(asOf));

    /// <summary>How recent concerns must be to count towards <see cref="Concerns"/>.</summary>
    public const int ConcernWithinDays = ChangeService.ConcernWindowDays;

    /// <summary>
    /// Clients about whom professionals of two or more agencies raised a concern in the <see cref="ConcernWithinDays"/>
    /// days up to the date (a concern raised by someone with no agency counts as their own): worry shared across
    /// services, the pattern multi-agency reviews most often find was missed.
    /// </summary>
    public static CoordinatorList Concerns { get; } = new(
        "concerns",
        "Concerns from 2 or more agencies",
        "client",
        $"Clients about whom professionals of two or more agencies raised a concern in the {ConcernWithinDays} days up to this date.",
        $"No client has concerns raised by two or more agencies in the last {ConcernWithinDays} days.",
        [new("Concerns", ColumnKind.Number), new("Raised by", ColumnKind.Text), new("Latest", ColumnKind.Instant)],
        async (sources, asOf, ct) => (await ConcernRowsAsync(sources, asOf, ct).ConfigureAwait(false)).Count,
        async (sources, asOf, skip, take, ct) =>
        {
            var rows = await ConcernRowsAsync(sources, asOf, ct).ConfigureAwait(false);
            return new Page<ListRow>([.. rows.Skip(skip).Take(take)], rows.Count, skip, take);
        });

    /// <summary>Every list, in the dashboard's order.</summary>
    public static IReadOnlyList<CoordinatorList> All { get; } = [NoLead, LeadEnded, ManyAgencies, Concerns, NoContact, PlannedVisits];

    /// <summary>The list with a key, or null.</summary>
    public static CoordinatorList? Find(string? key) =>
        All.FirstOrDefault(l => string.Equals(l.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>Monday to Sunday of the week a day falls in.</summary>
    public static (DateOnly Monday, DateOnly Sunday) WeekOf(DateOnly day)
    {
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        return (monday, monday.AddDays(6));
    }

    /// <summary>The concerns window's clients, newest concern first. Concerns are few (people raise them), so they are grouped here.</summary>
    private static async Task<List<ListRow>> ConcernRowsAsync(CoordinatorSources sources, DateOnly asOf, CancellationToken cancellationToken)
    {
        var to = new DateTimeOffset(asOf.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var raised = await sources.Concerns.RaisedBetweenAsync(to.AddDays(-ConcernWithinDays), to, cancellationToken).ConfigureAwait(false);
        var rows = new List<(DateTimeOffset Latest, ListRow Row)>();
        foreach (var client in raised.GroupBy(c => c.PersonId, StringComparer.Ordinal))
        {
            var agencies = client.Select(c => c.AgencyName ?? c.RaisedByName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (!Concern.FromSeveralAgencies(client))
            {
                continue;
            }

            var person = await sources.Graph.FindNodeAsync(new NodeRef(NodeKind.Person, client.Key), cancellationToken).ConfigureAwait(false);
            var latest = client.Max(c => c.RaisedAt);
            rows.Add((latest, new ListRow(client.Key, person?.DisplayName ?? client.Key, [client.Count(), string.Join(", ", agencies), latest])));
        }

        return [.. rows.OrderByDescending(r => r.Latest).Select(r => r.Row)];
    }

    private static ListRow Summary(ClientSummary c) => new(c.Id, c.Name, [c.DateOfBirth, c.AgencyCount, c.InvolvementCount]);

    private static Page<ListRow> Rows<T>(Page<T> page, Func<T, ListRow> row) => new([.. page.Items.Select(row)], page.TotalCount, page.Skip, page.Take);

    /// <summary>The UTC day of a contact: the day the store's definition counts from.</summary>
    private static DateOnly? DayOf(ContactSummary? contact) => contact is null ? null : DateOnly.FromDateTime(contact.At.UtcDateTime);

    /// <summary>A sensitive service is named (coordinators may see it) and marked, so nobody shares it by accident.</summary>
    private static string? AgencyOf(PlannedContact visit) => visit.Sensitive ? $"{visit.AgencyName ?? "Agency not recorded"} (sensitive service)" : visit.AgencyName;
}
