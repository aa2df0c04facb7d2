using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Governance;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;
using static Patchwork.Graph.Storage.Sqlite.SqliteRows;

namespace Patchwork.Graph.Storage.Sqlite;

/// <summary>Where the embedded store keeps its file.</summary>
public sealed class SqliteStoreOptions
{
    public const string Section = "Patchwork:Sqlite";

    /// <summary>
    /// The store file; created with its folder on first use. By default it lives in the user's application data,
    /// so the web app and the CLI find the same store without being told.
    /// </summary>
    public string Path { get; set; } = DefaultPath;

    public static string DefaultPath =>
        System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "Patchwork", "patchwork.db");
}

/// <summary>
/// The embedded default store: one SQLite file in WAL mode. Questions walk indexes from the node they start
/// at; writes run in one transaction each, and an import in one transaction for the whole import.
/// </summary>
internal sealed partial class SqliteGraphStore : IGraphStore, IDisposable
{
    private readonly SqliteSessionPool pool;
    private readonly TimeProvider clock;
    private readonly AuditCheckpointLog checkpoints;
    private readonly IGovernanceStore governance;

    public SqliteGraphStore(IOptions<SqliteStoreOptions> options, TimeProvider clock, AuditCheckpointLog checkpoints, IGovernanceStore governance)
    {
        this.checkpoints = checkpoints;
        this.governance = governance;
        var path = System.IO.Path.GetFullPath(options.Value.Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        FilePath = path;
        this.clock = clock;
        pool = new SqliteSessionPool(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
    }

    public string FilePath { get; }

    public Task InitializeAsync(CancellationToken cancellationToken = default) => Run(() =>
    {
        using var lease = pool.Rent();
        SqliteSchema.Migrate(lease.Session.Connection);
        return true;
    });

    public Task<GraphNetwork> OpenNetworkAsync(string personId, DateOnly asOf, int depth = 1, int nodeCap = NetworkLimits.DefaultNodeCap, CancellationToken cancellationToken = default) => Run(() =>
    {
        StoreArguments.CheckDay(asOf);
        NetworkLimits.CheckDepth(depth);
        NetworkLimits.CheckCap(nodeCap);
        using var lease = pool.Rent();
        var walk = new Walk(lease.Session, new NodeRef(NodeKind.Person, personId), asOf);
        var focus = walk.KeyOf(walk.Reach.Focus) ?? throw new NodeNotFoundException(walk.Reach.Focus);

        NetworkWalkOrder.Open(walk, focus, depth);
        return walk.Finish(nodeCap);
    });

    public Task<GraphNetwork> ExpandAsync(NodeRef node, DateOnly asOf, int nodeCap = NetworkLimits.DefaultExpandCap, CancellationToken cancellationToken = default) => Run(() =>
    {
        StoreArguments.CheckDay(asOf);
        NetworkLimits.CheckCap(nodeCap);
        using var lease = pool.Rent();
        var walk = new Walk(lease.Session, node, asOf);
        var key = walk.KeyOf(node) ?? throw new NodeNotFoundException(node);
        switch (node.Kind)
        {
            case NodeKind.Person:
                NetworkWalkOrder.ExpandPerson(walk, key);
                return walk.Finish(nodeCap);
            case NodeKind.Household:
                NetworkWalkOrder.ExpandHousehold(walk, key);
                return walk.Finish(nodeCap);
            case NodeKind.Professional:
                walk.AgenciesOf(key, 1);
                return walk.Finish(nodeCap);
            default:
                // An agency is a supernode: say how many work there, show none of them.
                var staff = lease.Session.Command($"SELECT COUNT(DISTINCT w.professional) FROM works_for w WHERE w.agency = $key AND {Active("w")}")
                    .With("$key", key).With("$asOf", Day(asOf)).ExecuteScalar();
                var count = Convert.ToInt32(staff, CultureInfo.InvariantCulture);
                return walk.Finish(nodeCap, count > 0 ? new Dictionary<NodeKind, int> { [NodeKind.Professional] = count } : null);
        }
    });

    public Task<IReadOnlyList<TeamMember>> GetTeamAsync(string personId, DateOnly asOf, CancellationToken cancellationToken = default) => Run<IReadOnlyList<TeamMember>>(() =>
    {
        StoreArguments.CheckDay(asOf);
        using var lease = pool.Rent();
        var session = lease.Session;
        var person = PersonKey(session, personId) ?? throw new NodeNotFoundException(new NodeRef(NodeKind.Person, personId));
        var dayStart = Millis(new DateTimeOffset(asOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        var nextDayStart = Millis(new DateTimeOffset(asOf.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

        List<(long Key, Professional Professional, Involvement Involvement)> involved = [];
        using (var reader = session.Command(
            $"""
            SELECT i.professional, i.role, i.lead, i.sensitive, i.since, i.until, i.recorded_at, i.recorded_by, {Prefixed("pr", ProfessionalColumns)}
            FROM involved_with i JOIN professional pr ON pr.key = i.professional
            WHERE i.person = $person AND {Active("i")}
            """).With("$person", person).With("$asOf", Day(asOf)).ExecuteReader())
        {
            while (reader.Read())
            {
                var professional = reader.ReadProfessional(8);
                var involvement = new Involvement(professional.Id, personId, reader.GetString(1), reader.GetInt64(2) != 0, reader.GetInt64(3) != 0, reader.PeriodAt(4), reader.RecordedAt(6));
                involved.Add((reader.GetInt64(0), professional, involvement));
            }
        }

        var team = new List<TeamMember>(involved.Count);
        foreach (var (key, professional, involvement) in involved)
        {
            Agency? agency = null;
            string? teamName = null;
            using (var reader = session.Command(
                $"""
                SELECT w.team, {Prefixed("a", AgencyColumns)} FROM works_for w JOIN agency a ON a.key = w.agency
                WHERE w.professional = $professional AND {Active("w")} ORDER BY w.since DESC LIMIT 1
                """).With("$professional", key).With("$asOf", Day(asOf)).ExecuteReader())
            {
                if (reader.Read())
                {
                    teamName = reader.OptionalTextAt(0);
                    agency = reader.ReadAgency(1);
                }
            }

            var last = Contact(session, "SELECT at, kind, seen, seen_alone FROM contact WHERE person = $person AND professional = $professional AND planned = 0 AND at < $bound ORDER BY at DESC LIMIT 1", person, key, nextDayStart);
            var next = Contact(session, "SELECT at, kind, NULL, NULL FROM contact WHERE person = $person AND professional = $professional AND planned = 1 AND at >= $bound ORDER BY at LIMIT 1", person, key, dayStart);
            team.Add(new TeamMember(professional, involvement, agency, teamName, last, next));
        }

        return TeamOrder.Sort(team);
    });

    public Task<IReadOnlyList<PersonStatus>> GetStatusesAsync(IReadOnlyCollection<string> personIds, DateOnly asOf, CancellationToken cancellationToken = default) => Run<IReadOnlyList<PersonStatus>>(() =>
    {
        ArgumentNullException.ThrowIfNull(personIds);
        StoreArguments.CheckDay(asOf);
        using var lease = pool.Rent();
        var statuses = new List<PersonStatus>();
        foreach (var personId in personIds.Distinct(StringComparer.Ordinal))
        {
            using var reader = lease.Session.Command(
                $"""
                SELECT s.status, s.since, s.until, s.recorded_at, s.recorded_by, {Prefixed("a", AgencyColumns)}
                FROM person p JOIN status s ON s.person = p.key JOIN agency a ON a.key = s.agency
                WHERE p.id = $person AND {Active("s")}
                """).With("$person", personId).With("$asOf", Day(asOf)).ExecuteReader();
            while (reader.Read())
            {
                var agency = reader.ReadAgency(5);
                statuses.Add(new PersonStatus(new ChildStatus(agency.Id, personId, StatusOf(reader.GetString(0)), reader.PeriodAt(1), reader.RecordedAt(3)), agency));
            }
        }

        return StatusOrder.Sort(statuses);
    });

    public Task<IReadOnlyList<PersonStatus>> GetStatusHistoryAsync(string personId, CancellationToken cancellationToken = default) => Run<IReadOnlyList<PersonStatus>>(() =>
    {
        ArgumentException.ThrowIfNullOrEmpty(personId);
        using var lease = pool.Rent();
        var statuses = new List<PersonStatus>();
        using var reader = lease.Session.Command(
            $"""
            SELECT s.status, s.since, s.until, s.recorded_at, s.recorded_by, {Prefixed("a", AgencyColumns)}
            FROM person p JOIN status s ON s.person = p.key JOIN agency a ON a.key = s.agency
            WHERE p.id = $person
            ORDER BY s.since, a.id
            """).With("$person", personId).ExecuteReader();
        while (reader.Read())
        {
            var agency = reader.ReadAgency(5);
            statuses.Add(new PersonStatus(new ChildStatus(agency.Id, personId, StatusOf(reader.GetString(0)), reader.PeriodAt(1), reader.RecordedAt(3)), agency));
        }

        return statuses;
    });

    public Task<IReadOnlyList<SearchHit>> SearchAsync(string text, int limit = 20, CancellationToken cancellationToken = default) => Run<IReadOnlyList<SearchHit>>(() =>
    {
        var query = SearchQuery.Parse(text);
        if (query.IsEmpty || limit < 1)
        {
            return [];
        }

        using var lease = pool.Rent();
        var hits = new List<SearchHit>();
        if (query.DateOfBirth is { } born)
        {
            using var reader = lease.Session.Command($"SELECT {PersonColumns} FROM person WHERE date_of_birth = $born ORDER BY family_name, given_name, id LIMIT $limit")
                .With("$born", Day(born)).With("$limit", limit).ExecuteReader();
            while (reader.Read())
            {
                var person = reader.ReadPerson();
                var (name, detail) = SearchText(person);
                hits.Add(new SearchHit(person.Ref, name, detail));
            }

            return hits;
        }

        // Matches come back in index order; take a generous window and rank it here, which stays fast when a
        // one-letter prefix matches half the county.
        using (var reader = lease.Session.Command("SELECT name, kind, id, detail FROM name_index WHERE name_index MATCH $match LIMIT $window")
            .With("$match", query.FullTextMatch).With("$window", Math.Max(limit * 10, 200)).ExecuteReader())
        {
            while (reader.Read())
            {
                hits.Add(new SearchHit(new NodeRef((NodeKind)reader.GetInt32(1), reader.GetString(2)), reader.GetString(0), reader.OptionalTextAt(3)));
            }
        }

        return [.. query.Rank(hits).Take(limit)];
    });

    public Task<Page<ClientSummary>> ClientsWithoutLeadAsync(DateOnly asOf, int skip = 0, int take = 50, CancellationToken cancellationToken = default) => Run(() =>
    {
        StoreArguments.CheckDay(asOf);
        if (skip < 0 || take < 1)
        {
            throw new GraphRuleException($"A page needs skip >= 0 and take >= 1; skip {skip} and take {take} were asked for.");
        }

        using var lease = pool.Rent();
        var items = new List<ClientSummary>();
        using (var reader = lease.Session.Command(
            $"""
            SELECT p.key, {Prefixed("p", PersonColumns)},
                (SELECT COUNT(*) FROM involved_with i WHERE i.person = p.key AND {Active("i")}),
                (SELECT COUNT(DISTINCT w.agency) FROM involved_with i JOIN works_for w ON w.professional = i.professional
                    WHERE i.person = p.key AND {Active("i")} AND {Active("w")})
            FROM person p
            WHERE EXISTS (SELECT 1 FROM involved_with i WHERE i.person = p.key AND {Active("i")})
              AND NOT EXISTS (SELECT 1 FROM involved_with i WHERE i.person = p.key AND i.lead = 1 AND {Active("i")})
            ORDER BY p.family_name COLLATE NOCASE, p.given_name COLLATE NOCASE, p.id
            LIMIT $take OFFSET $skip
            """).With("$asOf", Day(asOf)).With("$take", take).With("$skip", skip).ExecuteReader())
        {
            while (reader.Read())
            {
                var person = reader.ReadPerson(1);
                items.Add(new ClientSummary(person.Id, person.DisplayName, person.DateOfBirth, reader.GetInt32(7), reader.GetInt32(8)));
            }
        }

        return new Page<ClientSummary>(items, CountWithoutLead(lease.Session, asOf), skip, take);
    });

    public Task<int> CountClientsWithoutLeadAsync(DateOnly asOf, CancellationToken cancellationToken = default) => Run(() =>
    {
        StoreArguments.CheckDay(asOf);
        using var lease = pool.Rent();
        return CountWithoutLead(lease.Session, asOf);
    });

    public Task<GraphStats> GetStatsAsync(CancellationToken cancellationToken = default) => Run(() =>
    {
        using var lease = pool.Rent();
        long Count(string table) => (long)lease.Session.Command($"SELECT COUNT(*) FROM {table}").ExecuteScalar()!;
        var nodes = new Dictionary<string, long>
        {
            [NodeKind.Person.Label()] = Count("person"),
            [NodeKind.Household.Label()] = Count("household"),
            [NodeKind.Professional.Label()] = Count("professional"),
            [NodeKind.Agency.Label()] = Count("agency"),
        };
        var relationships = new Dictionary<string, long>
        {
            [RelationshipType.MemberOf.TypeName()] = Count("member_of"),
            [RelationshipType.Family.TypeName()] = Count("family"),
            [RelationshipType.WorksFor.TypeName()] = Count("works_for"),
            [RelationshipType.InvolvedWith.TypeName()] = Count("involved_with"),
            [RelationshipType.Status.TypeName()] = Count("status"),
            [KindNames.ContactTypeName] = Count("contact"),
        };
        return new GraphStats(nodes, relationships);
    });

    public Task<Node?> FindNodeAsync(NodeRef node, CancellationToken cancellationToken = default) => Run(() =>
    {
        using var lease = pool.Rent();
        return LoadNode(lease.Session, node.Kind, "id = $value", node.Id);
    });

    public Task<Professional?> FindProfessionalByEmailAsync(string email, CancellationToken cancellationToken = default) => Run(() =>
    {
        using var lease = pool.Rent();
        return (Professional?)LoadNode(lease.Session, NodeKind.Professional, "email = $value COLLATE NOCASE", email.Trim());
    });

    public Task<Person?> FindPersonByNhsNumberAsync(NhsNumber nhsNumber, CancellationToken cancellationToken = default) => Run(() =>
    {
        using var lease = pool.Rent();
        return (Person?)LoadNode(lease.Session, NodeKind.Person, "nhs_number = $value", nhsNumber.Digits);
    });

    public void Dispose() => pool.Dispose();

    internal static string TableOf(NodeKind kind) => kind switch
    {
        NodeKind.Person => "person",
        NodeKind.Household => "household",
        NodeKind.Professional => "professional",
        NodeKind.Agency => "agency",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    internal static string ColumnsOf(NodeKind kind) => kind switch
    {
        NodeKind.Person => PersonColumns,
        NodeKind.Household => HouseholdColumns,
        NodeKind.Professional => ProfessionalColumns,
        NodeKind.Agency => AgencyColumns,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    internal static Node ReadNode(SqliteDataReader reader, NodeKind kind, int offset = 0) => kind switch
    {
        NodeKind.Person => reader.ReadPerson(offset),
        NodeKind.Household => reader.ReadHousehold(offset),
        NodeKind.Professional => reader.ReadProfessional(offset),
        NodeKind.Agency => reader.ReadAgency(offset),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static Node? LoadNode(SqliteSession session, NodeKind kind, string condition, object value)
    {
        using var reader = session.Command($"SELECT {ColumnsOf(kind)} FROM {TableOf(kind)} WHERE {condition} LIMIT 1").With("$value", value).ExecuteReader();
        return reader.Read() ? ReadNode(reader, kind) : null;
    }

    internal static long? NodeKey(SqliteSession session, NodeRef node) =>
        session.Command($"SELECT key FROM {TableOf(node.Kind)} WHERE id = $id").With("$id", node.Id).ExecuteScalar() is long key ? key : null;

    private static long? PersonKey(SqliteSession session, string id) => NodeKey(session, new NodeRef(NodeKind.Person, id));

    /// <summary>
    /// Read from the running sums of <see cref="NoLeadChanges"/>: counting the involvements themselves reads all
    /// of them, a third of a second in a county of a million people, and every page of the list asks for the total.
    /// </summary>
    private static int CountWithoutLead(SqliteSession session, DateOnly asOf) => Convert.ToInt32(
        session.Command(NoLeadChanges.CountSql).With("$asOf", Day(asOf)).ExecuteScalar(),
        CultureInfo.InvariantCulture);

    private static ContactSummary? Contact(SqliteSession session, string sql, long person, long professional, long bound)
    {
        using var reader = session.Command(sql).With("$person", person).With("$professional", professional).With("$bound", bound).ExecuteReader();
        return reader.Read() ? new ContactSummary(reader.InstantAt(0), (ContactKind)reader.GetInt32(1), reader.OptionalFlagAt(2), reader.OptionalFlagAt(3)) : null;
    }

    internal static string Prefixed(string alias, string columns) =>
        string.Join(", ", columns.Split(", ").Select(c => $"{alias}.{c}"));

    /// <summary>
    /// Runs store work and turns SQLite's own failures into the project's store exception. The work is
    /// synchronous: SQLite answers these questions in well under a millisecond, faster than a thread hop.
    /// </summary>
    private static Task<T> Run<T>(Func<T> work)
    {
        try
        {
            return Task.FromResult(work());
        }
        catch (SqliteException exception)
        {
            return Task.FromException<T>(Translate(exception));
        }
        catch (Exception exception) when (exception is GraphRuleException or GraphStoreException or ArgumentException)
        {
            return Task.FromException<T>(exception);
        }
    }

    internal static Exception Translate(SqliteException exception) => exception.SqliteErrorCode switch
    {
        8 => new GraphStoreException("The store file is read-only: nothing was changed. Check the file's permissions.", exception),
        5 or 6 => new GraphStoreException("The store is busy with another writer and did not free up in time: nothing was changed. Try again.", exception),
        13 => new GraphStoreException("The disk holding the store is full: nothing was changed. Free some space and try again.", exception),
        10 => new GraphStoreException("The store file could not be read or written (an I/O error): nothing was changed.", exception),
        14 => new GraphStoreException("The store file could not be opened: check that it and its folder exist and can be written. Nothing was changed.", exception),
        11 or 26 => new GraphStoreException("The store file is damaged or is not a Patchwork store. Restore it from a backup.", exception),
        _ => new GraphStoreException($"The store failed: {exception.Message}", exception),
    };
}
