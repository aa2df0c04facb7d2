using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Patchwork.Graph.Import;
using Patchwork.Graph.Model;
using static Patchwork.Graph.Storage.Sqlite.SqliteRows;

namespace Patchwork.Graph.Storage.Sqlite;

internal sealed partial class SqliteGraphStore
{
    private const int SqliteConstraint = 19;

    public Task AddNodeAsync(Node node, CancellationToken cancellationToken = default) =>
        WriteAsync(session => InsertNode(session, node), cancellationToken);

    public Task AddRelationshipAsync(Relationship relationship, CancellationToken cancellationToken = default) =>
        WriteAsync(session => InsertRelationship(session, relationship, Key(session, relationship.From), Key(session, relationship.To)), cancellationToken);

    public Task RecordContactAsync(Contact contact, CancellationToken cancellationToken = default) =>
        WriteAsync(
            session => InsertContact(
                session,
                contact,
                Key(session, new NodeRef(NodeKind.Professional, contact.ProfessionalId)),
                Key(session, new NodeRef(NodeKind.Person, contact.PersonId))),
            cancellationToken);

    public Task EndRelationshipAsync(RelationshipKey key, DateOnly until, Recorded recorded, CancellationToken cancellationToken = default) =>
        WriteAsync(
            session =>
            {
                var (table, fromColumn, toColumn, fromKind, toKind) = Shape(key.Type);
                var from = Key(session, new NodeRef(fromKind, key.FromId));
                var to = Key(session, new NodeRef(toKind, key.ToId));
                var where = $"WHERE {fromColumn} = $from AND {toColumn} = $to AND since = $since";
                var current = session.Command($"SELECT COALESCE(until, -1) FROM {table} {where}")
                    .With("$from", from).With("$to", to).With("$since", Day(key.Since)).ExecuteScalar();
                if (current is not long existing)
                {
                    throw new GraphRuleException($"There is no {key}.");
                }

                if (existing >= 0)
                {
                    throw new GraphRuleException($"The {key} already ended on {DateOnly.FromDayNumber((int)existing):yyyy-MM-dd}.");
                }

                _ = new Period(key.Since, until);
                session.Command($"UPDATE {table} SET until = $until, ended_at = $at, ended_by = $by {where}")
                    .With("$from", from).With("$to", to).With("$since", Day(key.Since))
                    .With("$until", Day(until)).With("$at", Millis(recorded.At)).With("$by", recorded.By)
                    .ExecuteNonQuery();
            },
            cancellationToken);

    public async Task<ImportSummary> ImportAsync(IEnumerable<ImportRow> rows, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        using var lease = await pool.RentWriterAsync(cancellationToken).ConfigureAwait(false);
        var session = lease.Session;
        var importedAt = new Recorded(clock.GetUtcNow(), "import");
        // Ids seen in this import, so relationship rows resolve without a lookup each.
        var keys = Enum.GetValues<NodeKind>().ToDictionary(k => k, _ => new Dictionary<string, long>(StringComparer.Ordinal));
        long nodes = 0, relationships = 0;
        SourceLine? current = null;
        try
        {
            session.Begin();
            foreach (var row in rows)
            {
                current = row.Source;
                switch (row.Element)
                {
                    case Node node:
                        if (keys[node.Kind].ContainsKey(node.Id))
                        {
                            throw new ImportException(row.Source, $"duplicate {node.Kind.Label()} id '{node.Id}': it was already given on an earlier line.");
                        }

                        keys[node.Kind][node.Id] = InsertNode(session, node);
                        nodes++;
                        break;
                    case Relationship relationship:
                        InsertRelationship(session, relationship with { Recorded = relationship.Recorded ?? importedAt }, ImportKey(relationship.From, ":START_ID"), ImportKey(relationship.To, ":END_ID"));
                        relationships++;
                        break;
                    case Contact contact:
                        InsertContact(
                            session,
                            contact with { Recorded = contact.Recorded ?? importedAt },
                            ImportKey(new NodeRef(NodeKind.Professional, contact.ProfessionalId), ":START_ID"),
                            ImportKey(new NodeRef(NodeKind.Person, contact.PersonId), ":END_ID"));
                        relationships++;
                        break;
                }

                if ((nodes + relationships) % 10_000 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(nodes + relationships);
                }
            }

            session.Transaction!.Commit();
            progress?.Report(nodes + relationships);
            return new ImportSummary(nodes, relationships, stopwatch.Elapsed);
        }
        catch (ImportException)
        {
            throw;
        }
        catch (GraphRuleException exception)
        {
            throw new ImportException(current, exception.Message);
        }
        catch (SqliteException exception)
        {
            throw Translate(exception);
        }

        long ImportKey(NodeRef node, string column)
        {
            if (keys[node.Kind].TryGetValue(node.Id, out var key))
            {
                return key;
            }

            // Relationships may name nodes that an earlier import loaded.
            key = NodeKey(session, node) ?? throw new ImportException(current, $"{column} names unknown {node.Kind.Label()} id '{node.Id}'.");
            keys[node.Kind][node.Id] = key;
            return key;
        }
    }

    public IAsyncEnumerable<GraphElement> ExportAsync(CancellationToken cancellationToken = default) => Export(cancellationToken).ToAsyncEnumerable();

    private IEnumerable<GraphElement> Export(CancellationToken cancellationToken)
    {
        using var lease = pool.Rent();
        var session = lease.Session;
        // One read transaction: the files describe one moment even if someone writes meanwhile.
        using var snapshot = session.Connection.BeginTransaction(deferred: true);
        IEnumerable<T> Rows<T>(string sql, Func<SqliteDataReader, T> read)
        {
            using var command = session.Connection.CreateCommand();
            command.Transaction = snapshot;
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return read(reader);
            }
        }

        foreach (var kind in Enum.GetValues<NodeKind>())
        {
            foreach (var node in Rows($"SELECT {ColumnsOf(kind)} FROM {TableOf(kind)} ORDER BY id", r => ReadNode(r, kind)))
            {
                yield return node;
            }
        }

        const string Tail = "x.since, x.until, x.recorded_at, x.recorded_by";
        foreach (var row in Rows($"SELECT a.id, b.id, {Tail} FROM member_of x JOIN person a ON a.key = x.person JOIN household b ON b.key = x.household ORDER BY a.id, b.id, x.since", r => new Membership(r.GetString(0), r.GetString(1), r.PeriodAt(2), r.RecordedAt(4))))
        {
            yield return row;
        }

        foreach (var row in Rows($"SELECT a.id, b.id, {Tail}, x.kind FROM family x JOIN person a ON a.key = x.from_person JOIN person b ON b.key = x.to_person ORDER BY a.id, b.id, x.since", r => new FamilyTie(r.GetString(0), r.GetString(1), (FamilyKind)r.GetInt32(6), r.PeriodAt(2), r.RecordedAt(4))))
        {
            yield return row;
        }

        foreach (var row in Rows($"SELECT a.id, b.id, {Tail}, x.team FROM works_for x JOIN professional a ON a.key = x.professional JOIN agency b ON b.key = x.agency ORDER BY a.id, b.id, x.since", r => new Employment(r.GetString(0), r.GetString(1), r.OptionalTextAt(6), r.PeriodAt(2), r.RecordedAt(4))))
        {
            yield return row;
        }

        foreach (var row in Rows($"SELECT a.id, b.id, {Tail}, x.role, x.lead, x.sensitive FROM involved_with x JOIN professional a ON a.key = x.professional JOIN person b ON b.key = x.person ORDER BY a.id, b.id, x.since", r => new Involvement(r.GetString(0), r.GetString(1), r.GetString(6), r.GetInt64(7) != 0, r.GetInt64(8) != 0, r.PeriodAt(2), r.RecordedAt(4))))
        {
            yield return row;
        }

        foreach (var row in Rows("SELECT a.id, b.id, x.at, x.kind, x.planned, x.recorded_at, x.recorded_by FROM contact x JOIN professional a ON a.key = x.professional JOIN person b ON b.key = x.person ORDER BY x.at, a.id, b.id", r => new Contact(r.GetString(0), r.GetString(1), r.InstantAt(2), (ContactKind)r.GetInt32(3), r.GetInt64(4) != 0, r.RecordedAt(5))))
        {
            yield return row;
        }
    }

    private async Task WriteAsync(Action<SqliteSession> write, CancellationToken cancellationToken)
    {
        using var lease = await pool.RentWriterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = lease.Session.Begin();
            write(lease.Session);
            transaction.Commit();
        }
        catch (SqliteException exception)
        {
            throw Translate(exception);
        }
    }

    private static long Key(SqliteSession session, NodeRef node) => NodeKey(session, node) ?? throw new NodeNotFoundException(node);

    private static long InsertNode(SqliteSession session, Node node)
    {
        GraphValidator.Check(node);
        var command = node switch
        {
            Person p => session.Command("INSERT INTO person(id, given_name, family_name, date_of_birth, gender, nhs_number) VALUES ($id, $a, $b, $c, $d, $e)")
                .With("$a", p.GivenName).With("$b", p.FamilyName).With("$c", Day(p.DateOfBirth)).With("$d", (int)p.Gender).With("$e", Text(p.NhsNumber?.Digits)),
            Household h => session.Command("INSERT INTO household(id, name, address, postcode) VALUES ($id, $a, $b, $c)")
                .With("$a", h.Name).With("$b", Text(h.Address)).With("$c", Text(h.Postcode)),
            Professional p => session.Command("INSERT INTO professional(id, given_name, family_name, job_title, phone, email, roles) VALUES ($id, $a, $b, $c, $d, $e, $f)")
                .With("$a", p.GivenName).With("$b", p.FamilyName).With("$c", Text(p.JobTitle)).With("$d", Text(p.Phone)).With("$e", Text(p.Email)).With("$f", FormatRoles(p.RoleList)),
            Agency a => session.Command("INSERT INTO agency(id, name, kind, phone, sensitive) VALUES ($id, $a, $b, $c, $d)")
                .With("$a", a.Name).With("$b", a.AgencyKind).With("$c", Text(a.Phone)).With("$d", a.Sensitive ? 1 : 0),
            _ => throw new ArgumentOutOfRangeException(nameof(node)),
        };
        long key;
        try
        {
            // Not INSERT ... RETURNING: SQLite runs RETURNING through a temporary result table, which made bulk
            // imports of nodes several times slower. The key is the rowid the insert just made.
            command.With("$id", node.Id).ExecuteNonQuery();
            key = SQLitePCL.raw.sqlite3_last_insert_rowid(session.Connection.Handle);
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == SqliteConstraint)
        {
            throw new GraphRuleException($"{(node.Kind == NodeKind.Agency ? "An" : "A")} {node.Kind.Name()} with id '{node.Id}' already exists.", exception);
        }

        var (name, detail) = SearchText(node);
        session.Command("INSERT INTO name_index(name, kind, id, detail) VALUES ($name, $kind, $id, $detail)")
            .With("$name", name).With("$kind", (int)node.Kind).With("$id", node.Id).With("$detail", Text(detail)).ExecuteNonQuery();
        return key;
    }

    private static void InsertRelationship(SqliteSession session, Relationship relationship, long from, long to)
    {
        GraphValidator.Check(relationship);
        var recorded = relationship.Recorded ?? throw new ArgumentException("A relationship must say who recorded it and when.", nameof(relationship));
        var command = relationship switch
        {
            Membership => session.Command("INSERT INTO member_of(person, household, since, until, recorded_at, recorded_by) VALUES ($from, $to, $since, $until, $at, $by)"),
            FamilyTie f => session.Command("INSERT INTO family(from_person, to_person, since, until, kind, recorded_at, recorded_by) VALUES ($from, $to, $since, $until, $kind, $at, $by)")
                .With("$kind", (int)f.Kind),
            Employment e => session.Command("INSERT INTO works_for(professional, agency, since, until, team, recorded_at, recorded_by) VALUES ($from, $to, $since, $until, $team, $at, $by)")
                .With("$team", Text(e.Team)),
            Involvement i => session.Command("INSERT INTO involved_with(professional, person, since, until, role, lead, sensitive, recorded_at, recorded_by) VALUES ($from, $to, $since, $until, $role, $lead, $sensitive, $at, $by)")
                .With("$role", i.Role).With("$lead", i.Lead ? 1 : 0).With("$sensitive", i.Sensitive ? 1 : 0),
            _ => throw new ArgumentOutOfRangeException(nameof(relationship)),
        };
        try
        {
            command.With("$from", from).With("$to", to).With("$since", Day(relationship.Period.Since)).With("$until", Day(relationship.Period.Until))
                .With("$at", Millis(recorded.At)).With("$by", recorded.By).ExecuteNonQuery();
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == SqliteConstraint)
        {
            throw new GraphRuleException($"The {relationship.Key} is already recorded.", exception);
        }
    }

    private static void InsertContact(SqliteSession session, Contact contact, long professional, long person)
    {
        GraphValidator.Check(contact);
        var recorded = contact.Recorded ?? throw new ArgumentException("A contact must say who recorded it and when.", nameof(contact));
        session.Command("INSERT INTO contact(professional, person, at, kind, planned, recorded_at, recorded_by) VALUES ($pro, $person, $at, $kind, $planned, $rat, $rby)")
            .With("$pro", professional).With("$person", person).With("$at", Millis(contact.At)).With("$kind", (int)contact.Kind)
            .With("$planned", contact.Planned ? 1 : 0).With("$rat", Millis(recorded.At)).With("$rby", recorded.By).ExecuteNonQuery();
    }

    private static (string Table, string From, string To, NodeKind FromKind, NodeKind ToKind) Shape(RelationshipType type) => type switch
    {
        RelationshipType.MemberOf => ("member_of", "person", "household", NodeKind.Person, NodeKind.Household),
        RelationshipType.Family => ("family", "from_person", "to_person", NodeKind.Person, NodeKind.Person),
        RelationshipType.WorksFor => ("works_for", "professional", "agency", NodeKind.Professional, NodeKind.Agency),
        RelationshipType.InvolvedWith => ("involved_with", "professional", "person", NodeKind.Professional, NodeKind.Person),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
