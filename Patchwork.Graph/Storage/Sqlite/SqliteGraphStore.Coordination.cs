using System.Globalization;
using Microsoft.Data.Sqlite;
using Patchwork.Graph.Coordination;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;
using static Patchwork.Graph.Storage.Sqlite.SqliteRows;

namespace Patchwork.Graph.Storage.Sqlite;

/// <summary>
/// The coordinator's lists. Each starts from the rows it needs and no more: ended leads and planned contacts walk the
/// partial indexes of schema 5 by date; the lists that must look at every client group the active involvements
/// once (in primary-key order, so without a sort) and seek what else they need per client.
/// </summary>
internal sealed partial class SqliteGraphStore
{
    private const string ByName = "ORDER BY p.family_name COLLATE NOCASE, p.given_name COLLATE NOCASE, p.id";

    /// <summary>People with an active involvement at $asOf, none of them a lead.</summary>
    private static readonly string ClientWithoutLead =
        $"""
        EXISTS (SELECT 1 FROM involved_with i WHERE i.person = p.key AND {Active("i")})
        AND NOT EXISTS (SELECT 1 FROM involved_with i WHERE i.person = p.key AND i.lead = 1 AND {Active("i")})
        """;

    /// <summary>The last lead of each person whose lead involvement ended from $endedSince to $asOf; the client test is separate.</summary>
    private const string EndedLeads =
        """
        SELECT i.person, i.professional, i.role, i.until,
            ROW_NUMBER() OVER (PARTITION BY i.person ORDER BY i.until DESC, i.since DESC, pr.id) AS latest
        FROM involved_with i JOIN professional pr ON pr.key = i.professional
        WHERE i.lead = 1 AND i.until >= $endedSince AND i.until <= $asOf
        """;

    /// <summary>
    /// Clients at $asOf with no lead and at least $minAgencies involvements, their involvements and the distinct agencies
    /// of their professionals that day. Used as a MATERIALIZED CTE: as a subquery SQLite pushes the outer test on
    /// the agencies into it and counts each client's agencies twice.
    /// </summary>
    private static readonly string ManyAgencies =
        $"""
        SELECT i.person, COUNT(*) AS involvements,
            (SELECT COUNT(DISTINCT w.agency) FROM involved_with j JOIN works_for w ON w.professional = j.professional
                WHERE j.person = i.person AND {Active("j")} AND {Active("w")}) AS agencies
        FROM involved_with i
        WHERE {Active("i")}
        GROUP BY i.person
        HAVING MAX(i.lead) = 0 AND COUNT(*) >= $minAgencies
        """;

    /// <summary>Clients at $asOf with no recorded contact from $recentFrom to the end of the day.</summary>
    private static readonly string Uncontacted =
        $"""
        SELECT i.person
        FROM involved_with i
        WHERE {Active("i")}
        GROUP BY i.person
        HAVING NOT EXISTS (SELECT 1 FROM contact c WHERE c.person = i.person AND c.planned = 0 AND c.at >= $recentFrom AND c.at < $nextDayStart)
        """;

    /// <summary>The day number of a contact's instant, in UTC (719162 is 1970-01-01).</summary>
    private const string ContactDay = "(c.at / 86400000 + 719162)";

    public Task<Page<LeadEndedClient>> ClientsWhoseLeadEndedAsync(DateOnly asOf, int withinDays = 30, int skip = 0, int take = 50, CancellationToken cancellationToken = default) => Run(() =>
    {
        StoreArguments.CheckDay(asOf);
        ArgumentOutOfRangeException.ThrowIfNegative(withinDays);
        StoreArguments.CheckPage(skip, take);
        using var lease = pool.Rent();
        var items = new List<LeadEndedClient>();
        using (var reader = lease.Session.Command(
            $"""
            SELECT {Prefixed("p", PersonColumns)}, e.until, pr.id, pr.given_name, pr.family_name, e.role
            FROM ({EndedLeads}) e
            JOIN person p ON p.key = e.person
            JOIN professional pr ON pr.key = e.professional
            WHERE e.latest = 1 AND {ClientWithoutLead}
            {ByName}
            LIMIT $take OFFSET $skip
            """).With("$asOf", Day(asOf)).With("$endedSince", Day(asOf.AddDays(-withinDays))).With("$take", take).With("$skip", skip).ExecuteReader())
        {
            while (reader.Read())
            {
                var person = reader.ReadPerson();
                var lead = $"{reader.GetString(8)} {reader.GetString(9)}".Trim();
                items.Add(new LeadEndedClient(person.Id, person.DisplayName, person.DateOfBirth, reader.DayAt(6), reader.GetString(7), lead, reader.GetString(10)));
            }
        }

        return new Page<LeadEndedClient>(items, CountLeadEnded(lease.Session, asOf, withinDays), skip, take);
    });

    public Task<int> CountClientsWhoseLeadEndedAsync(DateOnly asOf, int withinDays = 30, CancellationToken cancellationToken = default) => Run(() =>
    {
        StoreArguments.CheckDay(asOf);
        ArgumentOutOfRangeException.ThrowIfNegative(withinDays);
        using var lease = pool.Rent();
        return CountLeadEnded(lease.Session, asOf, withinDays);
    });

    public Task<Page<ClientSummary>> ClientsWithManyAgenciesAndNoLeadAsync(DateOnly asOf, int minAgencies = 3, int skip = 0, int take = 50, CancellationToken cancellationToken = default) => Run(() =>
    {
        StoreArguments.CheckDay(asOf);
        ArgumentOutOfRangeException.ThrowIfNegative(minAgencies);
        StoreArguments.CheckPage(skip, take);
        using var lease = pool.Rent();
        var items = new List<ClientSummary>();
        using (var reader = lease.Session.Command(
            $"""
            WITH c AS MATERIALIZED ({ManyAgencies})
            SELECT {Prefixed("p", PersonColumns)}, c.involvements, c.agencies
            FROM c
            JOIN person p ON p.key = c.person
            WHERE c.agencies >= $minAgencies
            {ByName}
            LIMIT $take OFFSET $skip
            """).With("$asOf", Day(asOf)).With("$minAgencies", minAgencies).With("$take", take).With("$skip", skip).ExecuteReader())
        {
            while (reader.Read())
            {
                var person = reader.ReadPerson();
                items.Add(new ClientSummary(person.Id, person.DisplayName, person.DateOfBirth, reader.GetInt32(6), reader.GetInt32(7)));
            }
        }

        return new Page<ClientSummary>(items, CountManyAgencies(lease.Session, asOf, minAgencies), skip, take);
    });

    public Task<int> CountClientsWithManyAgenciesAndNoLeadAsync(DateOnly asOf, int minAgencies = 3, CancellationToken cancellationToken = default) => Run(() =>
    {
        StoreArguments.CheckDay(asOf);
        ArgumentOutOfRangeException.ThrowIfNegative(minAgencies);
        using var lease = pool.Rent();
        return CountManyAgencies(lease.Session, asOf, minAgencies);
    });

    public Task<Page<UncontactedClient>> ClientsWithoutContactAsync(DateOnly asOf, int days = 90, int skip = 0, int take = 50, CancellationToken cancellationToken = default) => Run(() =>
    {
        StoreArguments.CheckDay(asOf);
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        StoreArguments.CheckPage(skip, take);
        using var lease = pool.Rent();
        var items = new List<UncontactedClient>();
        using (var reader = lease.Session.Command(
            $"""
            SELECT {Prefixed("p", PersonColumns)}, last.at, last.kind
            FROM ({Uncontacted}) s
            JOIN person p ON p.key = s.person
            LEFT JOIN contact last ON last.key = (
                SELECT c.key FROM contact c WHERE c.person = s.person AND c.planned = 0 AND c.at < $nextDayStart ORDER BY c.at DESC LIMIT 1)
            {ByName}
            LIMIT $take OFFSET $skip
            """).WithContactWindow(asOf, days).With("$take", take).With("$skip", skip).ExecuteReader())
        {
            while (reader.Read())
            {
                var person = reader.ReadPerson();
                var last = reader.IsDBNull(6) ? null : new ContactSummary(reader.InstantAt(6), (ContactKind)reader.GetInt32(7));
                items.Add(new UncontactedClient(person.Id, person.DisplayName, person.DateOfBirth, last));
            }
        }

        return new Page<UncontactedClient>(items, CountUncontacted(lease.Session, asOf, days), skip, take);
    });

    public Task<int> CountClientsWithoutContactAsync(DateOnly asOf, int days = 90, CancellationToken cancellationToken = default) => Run(() =>
    {
        StoreArguments.CheckDay(asOf);
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        using var lease = pool.Rent();
        return CountUncontacted(lease.Session, asOf, days);
    });

    public Task<Page<PlannedContact>> PlannedContactsAsync(DateOnly from, DateOnly to, int skip = 0, int take = 50, CancellationToken cancellationToken = default) => Run(() =>
    {
        StoreArguments.CheckDays(from, to);
        StoreArguments.CheckPage(skip, take);
        using var lease = pool.Rent();
        var items = new List<PlannedContact>();
        using (var reader = lease.Session.Command(
            $"""
            SELECT {Prefixed("p", PersonColumns)}, pr.id, pr.given_name, pr.family_name, a.name, c.at, c.kind,
                COALESCE(a.sensitive, 0) OR EXISTS (SELECT 1 FROM involved_with i WHERE i.person = c.person AND i.professional = c.professional
                    AND i.sensitive = 1 AND i.since <= {ContactDay} AND (i.until IS NULL OR i.until > {ContactDay}))
            FROM contact c
            JOIN person p ON p.key = c.person
            JOIN professional pr ON pr.key = c.professional
            LEFT JOIN agency a ON a.key = (
                SELECT w.agency FROM works_for w WHERE w.professional = c.professional
                    AND w.since <= {ContactDay} AND (w.until IS NULL OR w.until > {ContactDay}) ORDER BY w.since DESC LIMIT 1)
            WHERE c.planned = 1 AND c.at >= $firstDayStart AND c.at < $lastDayEnd
            ORDER BY c.at, p.family_name COLLATE NOCASE, p.given_name COLLATE NOCASE, p.id, pr.id
            LIMIT $take OFFSET $skip
            """).WithInstants(from, to).With("$take", take).With("$skip", skip).ExecuteReader())
        {
            while (reader.Read())
            {
                var person = reader.ReadPerson();
                var professional = $"{reader.GetString(7)} {reader.GetString(8)}".Trim();
                items.Add(new PlannedContact(
                    person.Id, person.DisplayName, reader.GetString(6), professional, reader.OptionalTextAt(9),
                    reader.InstantAt(10), (ContactKind)reader.GetInt32(11), reader.GetInt64(12) != 0));
            }
        }

        return new Page<PlannedContact>(items, CountPlanned(lease.Session, from, to), skip, take);
    });

    public Task<int> CountPlannedContactsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default) => Run(() =>
    {
        StoreArguments.CheckDays(from, to);
        using var lease = pool.Rent();
        return CountPlanned(lease.Session, from, to);
    });

    private static int CountLeadEnded(SqliteSession session, DateOnly asOf, int withinDays) => Scalar(session.Command(
        $"SELECT COUNT(*) FROM ({EndedLeads}) e JOIN person p ON p.key = e.person WHERE e.latest = 1 AND {ClientWithoutLead}")
        .With("$asOf", Day(asOf)).With("$endedSince", Day(asOf.AddDays(-withinDays))));

    private static int CountManyAgencies(SqliteSession session, DateOnly asOf, int minAgencies) => Scalar(session.Command(
        $"WITH c AS MATERIALIZED ({ManyAgencies}) SELECT COUNT(*) FROM c WHERE c.agencies >= $minAgencies")
        .With("$asOf", Day(asOf)).With("$minAgencies", minAgencies));

    private static int CountUncontacted(SqliteSession session, DateOnly asOf, int days) => Scalar(session.Command(
        $"SELECT COUNT(*) FROM ({Uncontacted}) s").WithContactWindow(asOf, days));

    private static int CountPlanned(SqliteSession session, DateOnly from, DateOnly to) => Scalar(session.Command(
        "SELECT COUNT(*) FROM contact c WHERE c.planned = 1 AND c.at >= $firstDayStart AND c.at < $lastDayEnd").WithInstants(from, to));

    private static int Scalar(SqliteCommand command) =>
        Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
}

/// <summary>The parameters the coordinator's lists share.</summary>
file static class CoordinationParameters
{
    /// <summary>$asOf, $nextDayStart (the end of that day) and $recentFrom (the start of the day <paramref name="days"/> before).</summary>
    public static SqliteCommand WithContactWindow(this SqliteCommand command, DateOnly asOf, int days) => command
        .With("$asOf", Day(asOf))
        .With("$nextDayStart", Millis(StoreArguments.StartOf(asOf.AddDays(1))))
        .With("$recentFrom", Millis(StoreArguments.StartOf(asOf.AddDays(-days))));

    /// <summary>$firstDayStart (the start of the first day) and $lastDayEnd (the end of the last).</summary>
    public static SqliteCommand WithInstants(this SqliteCommand command, DateOnly from, DateOnly to) => command
        .With("$firstDayStart", Millis(StoreArguments.StartOf(from)))
        .With("$lastDayEnd", Millis(StoreArguments.StartOf(to.AddDays(1))));
}
