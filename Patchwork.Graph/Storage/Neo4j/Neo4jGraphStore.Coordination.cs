using Patchwork.Graph.Coordination;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;

namespace Patchwork.Graph.Storage.Neo4j;

/// <summary>The coordinator's lists, each a page statement and a count statement of cypher/.</summary>
internal sealed partial class Neo4jGraphStore
{
    public async Task<Page<LeadEndedClient>> ClientsWhoseLeadEndedAsync(DateOnly asOf, int withinDays = 30, int skip = 0, int take = 50, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckDay(asOf);
        ArgumentOutOfRangeException.ThrowIfNegative(withinDays);
        StoreArguments.CheckPage(skip, take);
        var page = await ReadAsync(CypherFile.ClientsWhoseLeadEnded, Paged(LeadWindow(asOf, withinDays), skip, take), cancellationToken).ConfigureAwait(false);
        var items = page.Records.Select(row =>
        {
            var person = ReadPerson(row["person"]);
            var lead = (Professional)Neo4jValues.ReadNode(row["lead"].AsNode()!, NodeKind.Professional);
            return new LeadEndedClient(person.Id, person.DisplayName, person.DateOfBirth, row["leadEnded"].AsDate()!.Value, lead.Id, lead.DisplayName, row["role"].AsRequiredString());
        }).ToList();
        return new Page<LeadEndedClient>(items, await CountClientsWhoseLeadEndedAsync(asOf, withinDays, cancellationToken).ConfigureAwait(false), skip, take);
    }

    public async Task<int> CountClientsWhoseLeadEndedAsync(DateOnly asOf, int withinDays = 30, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckDay(asOf);
        ArgumentOutOfRangeException.ThrowIfNegative(withinDays);
        return await CountAsync(CypherFile.CountClientsWhoseLeadEnded, LeadWindow(asOf, withinDays), "clients", cancellationToken).ConfigureAwait(false);
    }

    public async Task<Page<ClientSummary>> ClientsWithManyAgenciesAndNoLeadAsync(DateOnly asOf, int minAgencies = 3, int skip = 0, int take = 50, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckDay(asOf);
        ArgumentOutOfRangeException.ThrowIfNegative(minAgencies);
        StoreArguments.CheckPage(skip, take);
        var page = await ReadAsync(CypherFile.ClientsWithManyAgenciesAndNoLead, Paged(new() { ["asOf"] = asOf, ["minAgencies"] = minAgencies }, skip, take), cancellationToken).ConfigureAwait(false);
        var items = page.Records.Select(row =>
        {
            var person = ReadPerson(row["person"]);
            return new ClientSummary(person.Id, person.DisplayName, person.DateOfBirth, (int)(row["involvements"].AsInt64() ?? 0), (int)(row["agencies"].AsInt64() ?? 0));
        }).ToList();
        return new Page<ClientSummary>(items, await CountClientsWithManyAgenciesAndNoLeadAsync(asOf, minAgencies, cancellationToken).ConfigureAwait(false), skip, take);
    }

    public async Task<int> CountClientsWithManyAgenciesAndNoLeadAsync(DateOnly asOf, int minAgencies = 3, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckDay(asOf);
        ArgumentOutOfRangeException.ThrowIfNegative(minAgencies);
        return await CountAsync(CypherFile.CountClientsWithManyAgenciesAndNoLead, new() { ["asOf"] = asOf, ["minAgencies"] = minAgencies }, "clients", cancellationToken).ConfigureAwait(false);
    }

    public async Task<Page<UncontactedClient>> ClientsWithoutContactAsync(DateOnly asOf, int days = 90, int skip = 0, int take = 50, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckDay(asOf);
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        StoreArguments.CheckPage(skip, take);
        var page = await ReadAsync(CypherFile.ClientsWithoutContact, Paged(ContactWindow(asOf, days), skip, take), cancellationToken).ConfigureAwait(false);
        var items = page.Records.Select(row =>
        {
            var person = ReadPerson(row["person"]);
            var last = row["lastAt"].AsDateTime() is { } at ? new ContactSummary(at.ToUniversalTime(), Neo4jValues.ContactKindOf(row["lastKind"])) : null;
            return new UncontactedClient(person.Id, person.DisplayName, person.DateOfBirth, last);
        }).ToList();
        return new Page<UncontactedClient>(items, await CountClientsWithoutContactAsync(asOf, days, cancellationToken).ConfigureAwait(false), skip, take);
    }

    public async Task<int> CountClientsWithoutContactAsync(DateOnly asOf, int days = 90, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckDay(asOf);
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        return await CountAsync(CypherFile.CountClientsWithoutContact, ContactWindow(asOf, days), "clients", cancellationToken).ConfigureAwait(false);
    }

    public async Task<Page<PlannedContact>> PlannedContactsAsync(DateOnly from, DateOnly to, int skip = 0, int take = 50, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckDays(from, to);
        StoreArguments.CheckPage(skip, take);
        var page = await ReadAsync(CypherFile.PlannedContacts, Paged(DayWindow(from, to), skip, take), cancellationToken).ConfigureAwait(false);
        var items = page.Records.Select(row =>
        {
            var person = ReadPerson(row["person"]);
            var professional = (Professional)Neo4jValues.ReadNode(row["professional"].AsNode()!, NodeKind.Professional);
            var agency = row["agency"].AsNode() is { } a ? (Agency)Neo4jValues.ReadNode(a, NodeKind.Agency) : null;
            return new PlannedContact(
                person.Id, person.DisplayName, professional.Id, professional.DisplayName, agency?.Name,
                row["at"].AsDateTime()!.Value.ToUniversalTime(), Neo4jValues.ContactKindOf(row["kind"]), row["sensitive"].AsBoolean() ?? false);
        }).ToList();
        return new Page<PlannedContact>(items, await CountPlannedContactsAsync(from, to, cancellationToken).ConfigureAwait(false), skip, take);
    }

    public async Task<int> CountPlannedContactsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckDays(from, to);
        return await CountAsync(CypherFile.CountPlannedContacts, DayWindow(from, to), "contacts", cancellationToken).ConfigureAwait(false);
    }

    private static Person ReadPerson(QueryValue value) => (Person)Neo4jValues.ReadNode(value.AsNode()!, NodeKind.Person);

    private static Dictionary<string, object?> Paged(Dictionary<string, object?> parameters, int skip, int take)
    {
        parameters["skip"] = skip;
        parameters["take"] = take;
        return parameters;
    }

    private static Dictionary<string, object?> LeadWindow(DateOnly asOf, int withinDays) =>
        new() { ["asOf"] = asOf, ["endedSince"] = asOf.AddDays(-withinDays) };

    private static Dictionary<string, object?> ContactWindow(DateOnly asOf, int days) => new()
    {
        ["asOf"] = asOf,
        ["recentFrom"] = StoreArguments.StartOf(asOf.AddDays(-days)),
        ["nextDayStart"] = StoreArguments.StartOf(asOf.AddDays(1)),
    };

    private static Dictionary<string, object?> DayWindow(DateOnly from, DateOnly to) =>
        new() { ["firstDayStart"] = StoreArguments.StartOf(from), ["lastDayEnd"] = StoreArguments.StartOf(to.AddDays(1)) };

    private async Task<int> CountAsync(string file, Dictionary<string, object?> parameters, string field, CancellationToken cancellationToken)
    {
        var result = await ReadAsync(file, parameters, cancellationToken).ConfigureAwait(false);
        return (int)(result.Single[field].AsInt64() ?? 0);
    }
}
