using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Changes;
using Patchwork.Graph.Import;
using Patchwork.Graph.Model;
using Patchwork.Graph.Storage.Sqlite.Import;
using static Patchwork.Graph.Storage.Sqlite.SqliteRows;

namespace Patchwork.Graph.Storage.Sqlite;

internal sealed partial class SqliteGraphStore
{
    private const int SqliteConstraint = 19;

    public Task AddNodeAsync(Node node, CancellationToken cancellationToken = default) =>
        WriteAsync(session => InsertNode(session, node), cancellationToken);

    public Task AddRelationshipAsync(Relationship relationship, CancellationToken cancellationToken = default) =>
        WriteAsync(session => AddRelationship(session, relationship), cancellationToken);

    public Task RecordContactAsync(Contact contact, CancellationToken cancellationToken = default) =>
        WriteAsync(session => RecordContact(session, contact), cancellationToken);

    public Task EndRelationshipAsync(RelationshipKey key, DateOnly until, Recorded recorded, CancellationToken cancellationToken = default) =>
        WriteAsync(session => EndRelationship(session, key, until, recorded), cancellationToken);

    public Task<NetworkRevision> GetRevisionAsync(string personId, CancellationToken cancellationToken = default)
    {
        using var lease = pool.Rent();
        return Task.FromResult(ReadRevision(lease.Session, personId) ?? throw new NodeNotFoundException(new NodeRef(NodeKind.Person, personId)));
    }

    /// <summary>
    /// With the governance records in this same file, the change, its audit record and its change-log line commit
    /// together or not at all; with them elsewhere (PostgreSQL), see <see cref="AuditedChange"/>.
    /// </summary>
    public Task<NetworkRevision> ApplyAsync(ChangeSet change, CancellationToken cancellationToken = default) =>
        governance is SqliteGovernanceStore
            ? ApplyHereAsync(change, sameFile: true, cancellationToken)
            : AuditedChange.ApplyAsync(governance, change, (c, t) => ApplyHereAsync(c, sameFile: false, t), GetRevisionAsync, cancellationToken);

    private async Task<NetworkRevision> ApplyHereAsync(ChangeSet change, bool sameFile, CancellationToken cancellationToken)
    {
        NetworkRevision? applied = null;
        AuditRecord? audited = null;
        await WriteAsync(
            session =>
            {
                foreach (var write in change.Writes)
                {
                    switch (write)
                    {
                        case GraphWrite.AddNode add:
                            InsertNode(session, add.Node);
                            break;
                        case GraphWrite.AddRelationship add:
                            AddRelationship(session, add.Relationship);
                            break;
                        case GraphWrite.EndRelationship end:
                            EndRelationship(session, end.Key, end.Until, change.Recorded);
                            break;
                        case GraphWrite.RecordContact record:
                            RecordContact(session, record.Contact);
                            break;
                        default:
                            throw new ArgumentOutOfRangeException(nameof(change), write, "Unknown write.");
                    }
                }

                // Checked after the writes, inside the same transaction (which holds the write lock), so a person
                // the change itself adds starts at revision 0 like any other.
                var current = ReadRevision(session, change.PersonId) ?? throw new NodeNotFoundException(new NodeRef(NodeKind.Person, change.PersonId));
                if (change.ExpectedRevision is { } expected && current.Number != expected)
                {
                    throw new StaleWriteException(change.PersonId, current);
                }

                applied = new NetworkRevision(current.Number + 1, change.RecordedByName, change.Recorded.At);
                session.Command("UPDATE person SET revision = $revision, revised_at = $at, revised_by = $by WHERE id = $id")
                    .With("$revision", applied.Number).With("$at", Millis(change.Recorded.At)).With("$by", change.RecordedByName).With("$id", change.PersonId)
                    .ExecuteNonQuery();

                if (sameFile)
                {
                    if (change.Audit is { } entry)
                    {
                        audited = SqliteGovernanceStore.AppendInTransaction(session, entry, clock.GetUtcNow());
                    }

                    SqliteGovernanceStore.LogChange(session, new NetworkChanged(change.PersonId, applied), clock.GetUtcNow());
                    foreach (var other in change.Audit?.PersonIds.Distinct(StringComparer.Ordinal).Where(id => id != change.PersonId) ?? [])
                    {
                        // The others the change touches (a household's members) redraw too, at the revision they have.
                        if (ReadRevision(session, other) is { } revision)
                        {
                            SqliteGovernanceStore.LogChange(session, new NetworkChanged(other, revision), clock.GetUtcNow());
                        }
                    }
                }
            },
            cancellationToken).ConfigureAwait(false);
        if (audited is not null)
        {
            checkpoints.Append(audited);
        }

        return applied!;
    }

    private static NetworkRevision? ReadRevision(SqliteSession session, string personId)
    {
        using var reader = session.Command("SELECT revision, revised_by, revised_at FROM person WHERE id = $id").With("$id", personId).ExecuteReader();
        return reader.Read()
            ? new NetworkRevision(reader.GetInt64(0), reader.OptionalTextAt(1), reader.IsDBNull(2) ? null : reader.InstantAt(2))
            : null;
    }

    private static void AddRelationship(SqliteSession session, Relationship relationship)
    {
        var (from, to) = (Key(session, relationship.From), Key(session, relationship.To));
        if (relationship is Involvement)
        {
            NoLeadChanges.Apply(session, to, -1);
        }

        InsertRelationship(session, relationship, from, to);
        if (relationship is Involvement)
        {
            NoLeadChanges.Apply(session, to, +1);
        }
    }

    private static void RecordContact(SqliteSession session, Contact contact) =>
        InsertContact(
            session,
            contact,
            Key(session, new NodeRef(NodeKind.Professional, contact.ProfessionalId)),
            Key(session, new NodeRef(NodeKind.Person, contact.PersonId)));

    private static void EndRelationship(SqliteSession session, RelationshipKey key, DateOnly until, Recorded recorded)
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
        var involvement = key.Type == RelationshipType.InvolvedWith;
        if (involvement)
        {
            NoLeadChanges.Apply(session, to, -1);
        }

        session.Command($"UPDATE {table} SET until = $until, ended_at = $at, ended_by = $by {where}")
            .With("$from", from).With("$to", to).With("$since", Day(key.Since))
            .With("$until", Day(until)).With("$at", Millis(recorded.At)).With("$by", recorded.By)
            .ExecuteNonQuery();
        if (involvement)
        {
            NoLeadChanges.Apply(session, to, +1);
        }
    }

    public async Task<ImportSummary> ImportAsync(IEnumerable<ImportRow> rows, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        // The writer's turn, but a connection of the import's own: its settings (a big cache, no reference checks)
        // and its memory for statements are made for the import and go with it.
        using var lease = await RentWriterAsync(cancellationToken).ConfigureAwait(false);
        using var session = OpenSeparate();
        // SQLite keeps a connection's small allocations in a pool of its own ("lookaside"); with the import's
        // statements prepared the default pool was used up, and every value bound and row made went to the process's
        // allocator, behind a lock. A bigger pool can only be set on a connection with nothing prepared, as here; if
        // SQLite refuses, the import is only slower.
        SQLitePCL.raw.sqlite3_db_config(session.Connection.Handle, SQLitePCL.raw.SQLITE_DBCONFIG_LOOKASIDE, IntPtr.Zero, LookasideSlot, LookasideSlots);
        var importedAt = new Recorded(clock.GetUtcNow(), "import");
        long nodes = 0, relationships = 0;
        // Nodes an earlier import or write loaded are found through a reader of their own, on the preparing thread:
        // it sees the store as it was before this import, which holds them all (this import's own are known already).
        SqliteSessionPool.Lease? reader = null;
        var readerLock = new Lock();
        long? FindStored(NodeRef node)
        {
            lock (readerLock)
            {
                reader ??= pool.Rent();
                return NodeKey(reader.Value.Session, node);
            }
        }

        void Finished()
        {
            lock (readerLock)
            {
                reader?.Dispose();
                reader = null;
            }
        }

        NameIndexBuilder? names = null;
        try
        {
            // The whole import is one transaction; a cache that holds it keeps SQLite from writing pages out to the
            // log and reading them back while the transaction is still open. Memory is taken only as pages are used.
            Pragma(session, $"PRAGMA cache_size = {BulkCacheSize}");
            // Every node key the import binds is one it gave or found itself in this transaction, so SQLite's own
            // check of each reference (two index searches per relationship) would only repeat what is known: it
            // was a quarter of the relationship rows' time. The pragma is ignored inside a transaction, hence here.
            Pragma(session, "PRAGMA foreign_keys = OFF");
            names = NameIndexBuilder.StartIfEmpty(session, NamesAhead);
            // Deferred, so the names attached above are not locked; the first statement is a write, which takes the
            // store's write lock as an immediate transaction would, before anything is read.
            session.Begin(deferred: true);
            Pragma(session, "DELETE FROM no_lead_change WHERE 0");
            var bulk = IsEmpty(session);
            if (bulk)
            {
                foreach (var (name, _) in SqliteSchema.BulkIndexes)
                {
                    Pragma(session, $"DROP INDEX {name}");
                }
            }
            else
            {
                names?.Dispose();
                names = null;
            }

            var encoder = new ImportEncoder(NextKeys(session), importedAt, FindStored, tallyNoLead: bulk);
            using (var statements = new ImportStatements(session.Connection))
            using (var pipeline = new ImportPipeline(rows, encoder, names, Finished))
            {
                foreach (var batch in pipeline.Batches)
                {
                    statements.Write(batch);
                    batch.Failure?.Throw();
                    pipeline.Recycle(batch);
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(statements.Nodes + statements.Relationships);
                }

                (nodes, relationships) = (statements.Nodes, statements.Relationships);
            }

            if (bulk)
            {
                // The sorts of the index builds stay in SQLite's own sorter with its default of temporary files: the
                // records go into one block rather than one allocation each as they do when temporary storage is
                // memory, which made the builds a fifth slower. The sorter sorts runs as big as the page cache, one
                // at a time on this thread; with runs of a few MiB the second core sorts each run while this one
                // reads the table on, and a county's person indexes (names and birthdays shared by thousands, whose
                // ties the sorter compares slowly) build in half the time. SQLite may not write the import's pages
                // out to make room in the smaller cache: they stay until the commit.
                Pragma(session, "PRAGMA cache_spill = OFF");
                Pragma(session, $"PRAGMA cache_size = {SortRunSize}");
                Pragma(session, "PRAGMA threads = 2");
                foreach (var (_, create) in SqliteSchema.BulkIndexes)
                {
                    Pragma(session, create);
                }
            }

            names?.CopyInto(session);
            if (encoder.NoLeadTotals is { } totals)
            {
                NoLeadChanges.Replace(session.Connection, session.Transaction!, totals);
            }
            else
            {
                NoLeadChanges.Rebuild(session.Connection, session.Transaction!);
            }

            session.Transaction!.Commit();
            session.EndTransaction();
            if (names is not null)
            {
                NameIndexBuilder.Detach(session);
            }

            // Copy the log into the store file now and empty it, so a big import does not leave a log as big as the store.
            // The import is committed by now: if the copy fails (a disk that just filled up), the rows are safe in the
            // log and a later checkpoint copies them, so the import must not be reported as failed.
            try
            {
                Pragma(session, "PRAGMA wal_checkpoint(TRUNCATE)");
            }
            catch (SqliteException)
            {
            }
            progress?.Report(nodes + relationships);
            return new ImportSummary(nodes, relationships, stopwatch.Elapsed);
        }
        catch (ImportException)
        {
            throw;
        }
        catch (GraphRuleException exception)
        {
            throw new ImportException(null, exception.Message);
        }
        catch (SqliteException exception)
        {
            throw Translate(exception);
        }
        finally
        {
            Finished();
            names?.Dispose();
        }
    }

    /// <summary>The size and number of the import connection's lookaside slots: SQLite's default size, 50 times as many.</summary>
    private const int LookasideSlot = 1200;

    private const int LookasideSlots = 2000;

    /// <summary>The page cache while the indexes are built, which sets the size of a sorter's runs (negative: KiB).</summary>
    private const int SortRunSize = -16384;

    /// <summary>Batches of names that may wait for the thread that indexes them (a batch holds a few thousand).</summary>
    private const int NamesAhead = 512;

    /// <summary>Per node kind, the key after the highest the store holds: the first an import gives.</summary>
    private static long[] NextKeys(SqliteSession session) =>
        [.. Enum.GetValues<NodeKind>().Select(kind => (long)session.Command($"SELECT COALESCE(MAX(key), 0) + 1 FROM {TableOf(kind)}").ExecuteScalar()!)];

    /// <summary>
    /// The page cache during an import (negative: KiB): a million people fill about 600 MiB, five million 3 GiB. Up to
    /// a third of the memory the process may use, between 256 MiB and 6 GiB; memory is taken only as pages are used.
    /// </summary>
    private static int BulkCacheSize =>
        -(int)(Math.Clamp(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 3, 256L << 20, 6L << 30) / 1024);

    private static bool IsEmpty(SqliteSession session) =>
        session.Command("SELECT NOT EXISTS (SELECT 1 FROM person) AND NOT EXISTS (SELECT 1 FROM household) AND NOT EXISTS (SELECT 1 FROM professional) AND NOT EXISTS (SELECT 1 FROM agency)")
            .ExecuteScalar() is 1L;

    private static void Pragma(SqliteSession session, string sql)
    {
        using var command = session.Connection.CreateCommand();
        command.Transaction = session.Transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
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

        foreach (var row in Rows($"SELECT a.id, b.id, {Tail}, x.status FROM status x JOIN agency a ON a.key = x.agency JOIN person b ON b.key = x.person ORDER BY a.id, b.id, x.since", r => new ChildStatus(r.GetString(0), r.GetString(1), StatusOf(r.GetString(6)), r.PeriodAt(2), r.RecordedAt(4))))
        {
            yield return row;
        }

        foreach (var row in Rows("SELECT a.id, b.id, x.at, x.kind, x.planned, x.recorded_at, x.recorded_by, x.seen, x.seen_alone FROM contact x JOIN professional a ON a.key = x.professional JOIN person b ON b.key = x.person ORDER BY x.at, a.id, b.id", r => new Contact(r.GetString(0), r.GetString(1), r.InstantAt(2), (ContactKind)r.GetInt32(3), r.GetInt64(4) != 0, r.RecordedAt(5), r.OptionalFlagAt(7), r.OptionalFlagAt(8))))
        {
            yield return row;
        }
    }

    private async Task WriteAsync(Action<SqliteSession> write, CancellationToken cancellationToken)
    {
        using var lease = await RentWriterAsync(cancellationToken).ConfigureAwait(false);
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

    private SqliteSession OpenSeparate()
    {
        try
        {
            return pool.OpenSeparate();
        }
        catch (SqliteException exception)
        {
            throw Translate(exception);
        }
    }

    /// <summary>
    /// Opening the writer's connection can fail too (a read-only folder, a damaged file): that failure is the
    /// store's, and reaches the caller as one.
    /// </summary>
    private async Task<SqliteSessionPool.Lease> RentWriterAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await pool.RentWriterAsync(cancellationToken).ConfigureAwait(false);
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
        var statement = node switch
        {
            Person p => session.Raw("INSERT INTO person(id, given_name, family_name, date_of_birth, gender, nhs_number) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                .Bind(2, p.GivenName).Bind(3, p.FamilyName).Bind(4, p.DateOfBirth?.DayNumber).Bind(5, (int)p.Gender).Bind(6, NonEmpty(p.NhsNumber?.Digits)),
            Household h => session.Raw("INSERT INTO household(id, name, address, postcode) VALUES (?1, ?2, ?3, ?4)")
                .Bind(2, h.Name).Bind(3, NonEmpty(h.Address)).Bind(4, NonEmpty(h.Postcode)),
            Professional p => session.Raw("INSERT INTO professional(id, given_name, family_name, job_title, phone, email, roles) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .Bind(2, p.GivenName).Bind(3, p.FamilyName).Bind(4, NonEmpty(p.JobTitle)).Bind(5, NonEmpty(p.Phone)).Bind(6, NonEmpty(p.Email)).Bind(7, FormatRoles(p.RoleList)),
            Agency a => session.Raw("INSERT INTO agency(id, name, kind, phone, sensitive, out_of_hours_phone) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                .Bind(2, a.Name).Bind(3, a.AgencyKind).Bind(4, NonEmpty(a.Phone)).Bind(5, a.Sensitive ? 1 : 0).Bind(6, NonEmpty(a.OutOfHoursPhone)),
            _ => throw new ArgumentOutOfRangeException(nameof(node)),
        };
        long key;
        try
        {
            // Not INSERT ... RETURNING: SQLite runs RETURNING through a temporary result table, which made bulk
            // imports of nodes several times slower. The key is the rowid the insert just made.
            statement.Bind(1, node.Id).Run();
            key = SQLitePCL.raw.sqlite3_last_insert_rowid(session.Connection.Handle);
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == SqliteConstraint)
        {
            throw new GraphRuleException($"{(node.Kind == NodeKind.Agency ? "An" : "A")} {node.Kind.Name()} with id '{node.Id}' already exists.", exception);
        }

        var (name, detail) = SearchText(node);
        session.Raw("INSERT INTO name_index(name, kind, id, detail) VALUES (?1, ?2, ?3, ?4)")
            .Bind(1, name).Bind(2, (int)node.Kind).Bind(3, node.Id).Bind(4, NonEmpty(detail)).Run();
        return key;
    }

    /// <summary>Inserts a relationship between two node keys; <paramref name="recordedIfNotSaid"/> stamps one that does not say who recorded it (an import's own stamp).</summary>
    private static void InsertRelationship(SqliteSession session, Relationship relationship, long from, long to, Recorded? recordedIfNotSaid = null)
    {
        GraphValidator.Check(relationship);
        var recorded = relationship.Recorded ?? recordedIfNotSaid ?? throw new ArgumentException("A relationship must say who recorded it and when.", nameof(relationship));
        var statement = relationship switch
        {
            Membership => session.Raw("INSERT INTO member_of(person, household, since, until, recorded_at, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
            FamilyTie f => session.Raw("INSERT INTO family(from_person, to_person, since, until, recorded_at, recorded_by, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .Bind(7, (int)f.Kind),
            Employment e => session.Raw("INSERT INTO works_for(professional, agency, since, until, recorded_at, recorded_by, team) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .Bind(7, NonEmpty(e.Team)),
            Involvement i => session.Raw("INSERT INTO involved_with(professional, person, since, until, recorded_at, recorded_by, role, lead, sensitive) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
                .Bind(7, i.Role).Bind(8, i.Lead ? 1 : 0).Bind(9, i.Sensitive ? 1 : 0),
            ChildStatus c => session.Raw("INSERT INTO status(agency, person, since, until, recorded_at, recorded_by, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .Bind(7, c.Status.Name()),
            _ => throw new ArgumentOutOfRangeException(nameof(relationship)),
        };
        try
        {
            statement.Bind(1, from).Bind(2, to).Bind(3, relationship.Period.Since.DayNumber).Bind(4, relationship.Period.Until?.DayNumber)
                .Bind(5, Millis(recorded.At)).Bind(6, recorded.By).Run();
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == SqliteConstraint)
        {
            throw new GraphRuleException($"The {relationship.Key} is already recorded.", exception);
        }
    }

    /// <summary>Inserts a contact between two node keys; <paramref name="recordedIfNotSaid"/> stamps one that does not say who recorded it (an import's own stamp).</summary>
    private static void InsertContact(SqliteSession session, Contact contact, long professional, long person, Recorded? recordedIfNotSaid = null)
    {
        GraphValidator.Check(contact);
        var recorded = contact.Recorded ?? recordedIfNotSaid ?? throw new ArgumentException("A contact must say who recorded it and when.", nameof(contact));
        session.Raw("INSERT INTO contact(professional, person, at, kind, planned, recorded_at, recorded_by, seen, seen_alone) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
            .Bind(1, professional).Bind(2, person).Bind(3, Millis(contact.At)).Bind(4, (int)contact.Kind)
            .Bind(5, contact.Planned ? 1 : 0).Bind(6, Millis(recorded.At)).Bind(7, recorded.By)
            .Bind(8, Flag(contact.Seen)).Bind(9, Flag(contact.SeenAlone)).Run();
    }

    private static int? Flag(bool? value) => value is { } flag ? (flag ? 1 : 0) : null;

    /// <summary>A status as stored: its data-format word, which a store only ever writes from the enum.</summary>
    internal static CareStatus StatusOf(string word) => KindNames.TryParseCareStatus(word, out var status)
        ? status
        : throw new GraphStoreException($"The store holds a status '{word}' this version of Patchwork does not know.");

    /// <summary>Empty text is stored as NULL, as <see cref="SqliteRows.Text"/> does.</summary>
    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static (string Table, string From, string To, NodeKind FromKind, NodeKind ToKind) Shape(RelationshipType type)
    {
        var (table, from, to) = type switch
        {
            RelationshipType.MemberOf => ("member_of", "person", "household"),
            RelationshipType.Family => ("family", "from_person", "to_person"),
            RelationshipType.WorksFor => ("works_for", "professional", "agency"),
            RelationshipType.InvolvedWith => ("involved_with", "professional", "person"),
            RelationshipType.Status => ("status", "agency", "person"),
        };
        var described = type.Describe();
        return (table, from, to, described.From, described.To);
    }
}
