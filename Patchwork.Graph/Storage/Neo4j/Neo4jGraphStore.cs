using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;
using Patchwork.Graph.Storage.Sqlite;

namespace Patchwork.Graph.Storage.Neo4j;

/// <summary>
/// The store on Neo4j (5.26 or later, Community, Enterprise or Aura) through its HTTP Query API, running the
/// statements of cypher/. It answers every question with the embedded store's meaning: networks are walked step by
/// step and capped by the shared <see cref="NetworkReach"/>; writes check what the embedded store's keys enforce.
/// </summary>
internal sealed partial class Neo4jGraphStore(Func<QueryApiClient> clients, IOptions<Neo4jStoreOptions> options, TimeProvider clock, ILogger<Neo4jGraphStore> logger, IAuditTrail? audit = null) : IGraphStore
{
    private readonly Neo4jStoreOptions settings = options.Value;

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var client = clients();
        var files = settings.EnterpriseSchema ? new[] { CypherFile.Schema, CypherFile.SchemaEnterprise } : [CypherFile.Schema];
        var count = 0;
        foreach (var file in files)
        {
            foreach (var text in CypherCatalog.Statements(file))
            {
                // Each schema statement is idempotent (IF NOT EXISTS), so it is safe to send again after a timeout.
                await client.RunAsync(new CypherStatement(file, text, new Dictionary<string, object?>(), ReadOnly: false) { Retryable = true }, cancellationToken).ConfigureAwait(false);
                count++;
            }
        }

        LogSchemaApplied(logger, count, settings.Database);
    }

    public async Task<IReadOnlyList<TeamMember>> GetTeamAsync(string personId, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckDay(asOf);
        var result = await ReadAsync(
            CypherFile.Team,
            new()
            {
                ["personId"] = personId,
                ["asOf"] = asOf,
                ["dayStart"] = new DateTimeOffset(asOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                ["nextDayStart"] = new DateTimeOffset(asOf.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            },
            cancellationToken).ConfigureAwait(false);
        if (result.Records.Count == 0)
        {
            throw new NodeNotFoundException(new NodeRef(NodeKind.Person, personId));
        }

        var team = new List<TeamMember>();
        foreach (var row in result.Records)
        {
            if (row["professional"].AsNode() is not { } node)
            {
                continue;
            }

            var professional = (Professional)Neo4jValues.ReadNode(node, NodeKind.Professional);
            var involvement = (Involvement)Neo4jValues.ReadRelationship(RelationshipType.InvolvedWith, professional.Id, personId, row["involvement"].AsRelationship()!);
            var agency = row["agency"].AsNode() is { } a ? (Agency)Neo4jValues.ReadNode(a, NodeKind.Agency) : null;
            team.Add(new TeamMember(
                professional,
                involvement,
                agency,
                agency is null ? null : row["team"].AsString(),
                Summary(row["lastAt"], row["lastKind"]) is { } last ? last with { Seen = row["lastSeen"].AsBoolean(), SeenAlone = row["lastSeenAlone"].AsBoolean() } : null,
                Summary(row["nextAt"], row["nextKind"])));
        }

        return TeamOrder.Sort(team);

        static ContactSummary? Summary(QueryValue at, QueryValue kind) =>
            at.AsDateTime() is { } when ? new ContactSummary(when.ToUniversalTime(), Neo4jValues.ContactKindOf(kind)) : null;
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string text, int limit = 20, CancellationToken cancellationToken = default)
    {
        var query = SearchQuery.Parse(text);
        if (query.IsEmpty || limit < 1)
        {
            return [];
        }

        var hits = new List<SearchHit>();
        if (query.DateOfBirth is { } born)
        {
            var people = await ReadAsync(CypherFile.SearchDateOfBirth, new() { ["dateOfBirth"] = born, ["limit"] = limit }, cancellationToken).ConfigureAwait(false);
            foreach (var row in people.Records)
            {
                hits.Add(Hit(Neo4jValues.ReadNode(row["person"].AsNode()!, NodeKind.Person)));
            }

            return hits;
        }

        // As in the embedded store: read a generous window of matches, then rank it here.
        var matches = await ReadAsync(
            CypherFile.SearchNames,
            new() { ["query"] = FullTextQuery.For(query), ["window"] = Math.Max(limit * 10, 200) },
            cancellationToken).ConfigureAwait(false);
        foreach (var row in matches.Records)
        {
            hits.Add(Hit(Neo4jValues.ReadNode(row["node"].AsNode()!)));
        }

        return [.. query.Rank(hits).Take(limit)];

        static SearchHit Hit(Node node)
        {
            var (name, detail) = SqliteRows.SearchText(node);
            return new SearchHit(node.Ref, name, string.IsNullOrEmpty(detail) ? null : detail);
        }
    }

    public async Task<Page<ClientSummary>> ClientsWithoutLeadAsync(DateOnly asOf, int skip = 0, int take = 50, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckDay(asOf);
        if (skip < 0 || take < 1)
        {
            throw new GraphRuleException($"A page needs skip >= 0 and take >= 1; skip {skip} and take {take} were asked for.");
        }

        var page = await ReadAsync(CypherFile.ClientsWithoutLead, new() { ["asOf"] = asOf, ["skip"] = skip, ["take"] = take }, cancellationToken).ConfigureAwait(false);
        var items = page.Records.Select(row =>
        {
            var person = (Person)Neo4jValues.ReadNode(row["person"].AsNode()!, NodeKind.Person);
            return new ClientSummary(person.Id, person.DisplayName, person.DateOfBirth, (int)(row["involvements"].AsInt64() ?? 0), (int)(row["agencies"].AsInt64() ?? 0));
        }).ToList();
        return new Page<ClientSummary>(items, await CountClientsWithoutLeadAsync(asOf, cancellationToken).ConfigureAwait(false), skip, take);
    }

    public async Task<int> CountClientsWithoutLeadAsync(DateOnly asOf, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckDay(asOf);
        var result = await ReadAsync(CypherFile.CountClientsWithoutLead, new() { ["asOf"] = asOf }, cancellationToken).ConfigureAwait(false);
        return (int)(result.Single["clients"].AsInt64() ?? 0);
    }

    public async Task<IReadOnlyList<PersonStatus>> GetStatusesAsync(IReadOnlyCollection<string> personIds, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(personIds);
        StoreArguments.CheckDay(asOf);
        var statuses = new List<PersonStatus>();
        if (personIds.Count == 0)
        {
            return statuses;
        }

        var result = await ReadAsync(CypherFile.Statuses, new() { ["personIds"] = personIds.Distinct(StringComparer.Ordinal).ToArray(), ["asOf"] = asOf }, cancellationToken).ConfigureAwait(false);
        foreach (var row in result.Records)
        {
            var agency = (Agency)Neo4jValues.ReadNode(row["agency"].AsNode()!, NodeKind.Agency);
            var status = (ChildStatus)Neo4jValues.ReadRelationship(RelationshipType.Status, agency.Id, row["personId"].AsRequiredString(), row["status"].AsRelationship()!);
            statuses.Add(new PersonStatus(status, agency));
        }

        return StatusOrder.Sort(statuses);
    }

    public async Task<IReadOnlyList<PersonStatus>> GetStatusHistoryAsync(string personId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(personId);
        var result = await ReadAsync(CypherFile.StatusHistory, new() { ["personId"] = personId }, cancellationToken).ConfigureAwait(false);
        var statuses = new List<PersonStatus>();
        foreach (var row in result.Records)
        {
            var agency = (Agency)Neo4jValues.ReadNode(row["agency"].AsNode()!, NodeKind.Agency);
            statuses.Add(new PersonStatus((ChildStatus)Neo4jValues.ReadRelationship(RelationshipType.Status, agency.Id, personId, row["status"].AsRelationship()!), agency));
        }

        return statuses;
    }

    public async Task<GraphStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        var row = (await ReadAsync(CypherFile.Stats, [], cancellationToken).ConfigureAwait(false)).Single;
        long Count(string field) => row[field].AsInt64() ?? 0;
        var nodes = new Dictionary<string, long>
        {
            [NodeKind.Person.Label()] = Count("persons"),
            [NodeKind.Household.Label()] = Count("households"),
            [NodeKind.Professional.Label()] = Count("professionals"),
            [NodeKind.Agency.Label()] = Count("agencies"),
        };
        var relationships = new Dictionary<string, long>
        {
            [RelationshipType.MemberOf.TypeName()] = Count("memberOf"),
            [RelationshipType.Family.TypeName()] = Count("family"),
            [RelationshipType.WorksFor.TypeName()] = Count("worksFor"),
            [RelationshipType.InvolvedWith.TypeName()] = Count("involvedWith"),
            [RelationshipType.Status.TypeName()] = Count("statuses"),
            [KindNames.ContactTypeName] = Count("contacts"),
        };
        return new GraphStats(nodes, relationships);
    }

    public async Task<Node?> FindNodeAsync(NodeRef node, CancellationToken cancellationToken = default)
    {
        var result = await ReadAsync(CypherFile.FindNode, new() { ["kind"] = node.Kind.Label(), ["id"] = node.Id }, cancellationToken).ConfigureAwait(false);
        return result.Records.Count == 0 ? null : Neo4jValues.ReadNode(result.Records[0]["node"].AsNode()!, node.Kind);
    }

    public async Task<Professional?> FindProfessionalByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        var result = await ReadAsync(CypherFile.FindProfessionalByEmail, new() { ["email"] = email.Trim() }, cancellationToken).ConfigureAwait(false);
        return result.Records.Count == 0 ? null : (Professional)Neo4jValues.ReadNode(result.Records[0]["professional"].AsNode()!, NodeKind.Professional);
    }

    public async Task<Person?> FindPersonByNhsNumberAsync(NhsNumber nhsNumber, CancellationToken cancellationToken = default)
    {
        var result = await ReadAsync(CypherFile.FindPersonByNhsNumber, new() { ["nhsNumber"] = nhsNumber.Digits }, cancellationToken).ConfigureAwait(false);
        return result.Records.Count == 0 ? null : (Person)Neo4jValues.ReadNode(result.Records[0]["person"].AsNode()!, NodeKind.Person);
    }

    private Task<QueryResult> ReadAsync(string file, Dictionary<string, object?> parameters, CancellationToken cancellationToken) =>
        RunAsync(CypherStatement.Read(file, parameters), cancellationToken);

    private Task<QueryResult> WriteAsync(string file, Dictionary<string, object?> parameters, CancellationToken cancellationToken) =>
        RunAsync(CypherStatement.Write(file, parameters), cancellationToken);

    private Task<QueryResult> RunAsync(CypherStatement statement, CancellationToken cancellationToken) =>
        clients().RunAsync(statement, cancellationToken);

    /// <summary>Which of <paramref name="nodes"/> exist, per kind.</summary>
    private async Task<HashSet<NodeRef>> ExistingAsync(IEnumerable<NodeRef> nodes, QueryApiTransaction? transaction, CancellationToken cancellationToken)
    {
        var refs = nodes.Distinct().Select(n => new Dictionary<string, object?> { ["kind"] = n.Kind.Label(), ["id"] = n.Id }).ToList();
        var found = new HashSet<NodeRef>();
        if (refs.Count == 0)
        {
            return found;
        }

        var statement = CypherStatement.Read(CypherFile.ExistingNodes, new Dictionary<string, object?> { ["refs"] = refs });
        var result = transaction is null
            ? await RunAsync(statement, cancellationToken).ConfigureAwait(false)
            : await transaction.RunAsync(statement, cancellationToken).ConfigureAwait(false);
        foreach (var row in result.Records)
        {
            if (KindNames.TryParseNodeKind(row["kind"].AsString(), out var kind))
            {
                found.Add(new NodeRef(kind, row["id"].AsRequiredString()));
            }
        }

        return found;
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Applied {Statements} schema statements to Neo4j database {Database}")]
    private static partial void LogSchemaApplied(ILogger logger, int statements, string database);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Imported {Nodes} nodes and {Relationships} relationships into Neo4j in {Elapsed}")]
    private static partial void LogImported(ILogger logger, long nodes, long relationships, TimeSpan elapsed);
}
