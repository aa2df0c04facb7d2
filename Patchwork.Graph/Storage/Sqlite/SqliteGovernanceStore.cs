using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SQLitePCL;
using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Changes;
using static Patchwork.Graph.Storage.Sqlite.SqliteRows;

namespace Patchwork.Graph.Storage.Sqlite;

/// <summary>
/// The audit trail and break-glass grants, in the same SQLite file as the graph: one file to back up, and
/// the schema's migrations create both.
/// </summary>
internal sealed partial class SqliteGovernanceStore : IAuditTrail, IAuditBulkAppend, IAccessGrants, IDisposable
{
    private const string AuditColumns = "seq, at, actor, actor_name, action, target, person_ids, reason, details, previous_hash, hash";
    private const string GrantColumns = "id, professional_id, professional_name, person_id, reason, granted_at, expires_at, reviewed_by, reviewed_at, review_note";
    private readonly SqliteSessionPool pool;
    private readonly TimeProvider clock;
    private readonly Lazy<bool> migrated;
    private readonly AuditCheckpointLog checkpoints;
    private readonly string path;

    public SqliteGovernanceStore(IOptions<SqliteStoreOptions> options, TimeProvider clock, AuditCheckpointLog checkpoints)
    {
        this.checkpoints = checkpoints;
        path = System.IO.Path.GetFullPath(options.Value.Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        this.clock = clock;
        pool = new SqliteSessionPool(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString());
        // On Neo4j nothing else migrates this file, so the first use does; on SQLite it is already done and cheap.
        migrated = new Lazy<bool>(() =>
        {
            using var lease = pool.Rent();
            SqliteSchema.Migrate(lease.Session.Connection);
            return true;
        });
    }

    /// <summary>The sessions, once the schema is known to be in place.</summary>
    private SqliteSessionPool Pool
    {
        get
        {
            _ = migrated.Value;
            return pool;
        }
    }

    public Task<AuditRecord> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default) =>
        AppendAsync(entry, [], cancellationToken);

    public Task<AuditRecord> AppendWithChangesAsync(AuditEntry entry, IReadOnlyList<NetworkChanged> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return AppendAsync(entry, changes, cancellationToken);
    }

    private async Task<AuditRecord> AppendAsync(AuditEntry entry, IReadOnlyList<NetworkChanged> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        AuditRecord record;
        using (var lease = await Pool.RentWriterAsync(cancellationToken).ConfigureAwait(false))
        {
            var session = lease.Session;
            try
            {
                using var transaction = session.Begin();
                record = AppendInTransaction(session, entry, clock.GetUtcNow());
                foreach (var change in changes)
                {
                    LogChange(session, change, clock.GetUtcNow());
                }

                transaction.Commit();
            }
            catch (SqliteException exception)
            {
                throw SqliteGraphStore.Translate(exception);
            }
        }

        checkpoints.Append(record);
        return record;
    }

    /// <summary>
    /// Chains and inserts one record, with its per-person index rows, inside the session's open write transaction:
    /// the one append routine, used alone here and with a change by the graph store. The caller adds the checkpoint
    /// once the transaction has committed.
    /// </summary>
    internal static AuditRecord AppendInTransaction(SqliteSession session, AuditEntry entry, DateTimeOffset now)
    {
        // The transaction holds the write lock before the last hash is read, so two appends can never fork the chain.
        string previous = AuditRecord.FirstPreviousHash;
        long sequence = 1;
        using (var reader = session.Command("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").ExecuteReader())
        {
            if (reader.Read())
            {
                sequence = reader.GetInt64(0) + 1;
                previous = reader.GetString(1);
            }
        }

        var at = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
        var hash = AuditRecord.ComputeHash(sequence, at, entry, previous);
        session.Command($"INSERT INTO audit({AuditColumns}) VALUES ($seq, $at, $actor, $name, $action, $target, $persons, $reason, $details, $previous, $hash)")
            .With("$seq", sequence).With("$at", Millis(at)).With("$actor", entry.Actor).With("$name", entry.ActorName)
            .With("$action", entry.Action).With("$target", Text(entry.Target)).With("$persons", string.Join('\u001f', entry.PersonIds))
            .With("$reason", Text(entry.Reason)).With("$details", Text(entry.Details)).With("$previous", previous).With("$hash", hash)
            .ExecuteNonQuery();
        foreach (var person in entry.PersonIds.Distinct(StringComparer.Ordinal))
        {
            session.Command("INSERT INTO audit_person(person_id, seq) VALUES ($person, $seq)").With("$person", person).With("$seq", sequence).ExecuteNonQuery();
        }

        return new AuditRecord(sequence, at, entry, previous, hash);
    }

    public Task<(long Sequence, string Hash)?> NewestAsync(CancellationToken cancellationToken = default)
    {
        using var lease = Pool.Rent();
        using var reader = lease.Session.Command("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").ExecuteReader();
        return Task.FromResult(reader.Read() ? ((long, string)?)(reader.GetInt64(0), reader.GetString(1)) : null);
    }

    public async Task AppendChainedAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        using (var lease = await Pool.RentWriterAsync(cancellationToken).ConfigureAwait(false))
        {
            var session = lease.Session;
            try
            {
                using var transaction = session.Begin();
                long? newest = null;
                string? newestHash = null;
                using (var reader = session.Command("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").ExecuteReader())
                {
                    if (reader.Read())
                    {
                        (newest, newestHash) = (reader.GetInt64(0), reader.GetString(1));
                    }
                }

                AuditBulkChecks.Follows(records, newest, newestHash);
                using var insert = new RawStatement(session.Connection, $"INSERT INTO audit({AuditColumns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
                using var index = new RawStatement(session.Connection, "INSERT INTO audit_person(person_id, seq) VALUES (?1, ?2)");
                foreach (var record in records)
                {
                    var entry = record.Entry;
                    insert.Bind(1, record.Sequence).Bind(2, Millis(record.At)).Bind(3, entry.Actor).Bind(4, entry.ActorName).Bind(5, entry.Action)
                        .Bind(6, entry.Target).Bind(7, string.Join('\u001f', entry.PersonIds)).Bind(8, entry.Reason).Bind(9, entry.Details)
                        .Bind(10, record.PreviousHash).Bind(11, record.Hash).Run();
                    foreach (var person in entry.PersonIds.Distinct(StringComparer.Ordinal))
                    {
                        index.Bind(1, person).Bind(2, record.Sequence).Run();
                    }
                }

                transaction.Commit();
            }
            catch (SqliteException exception)
            {
                throw SqliteGraphStore.Translate(exception);
            }
        }

        checkpoints.AppendMany(records);
    }

    public Task<IReadOnlyList<AuditRecord>> ForPersonAsync(string personId, int take = 500, CancellationToken cancellationToken = default) =>
        Task.FromResult(ReadAudit(
            $"SELECT {Prefixed("a")} FROM audit_person p JOIN audit a ON a.seq = p.seq WHERE p.person_id = $person ORDER BY a.seq DESC LIMIT $take",
            c => c.With("$person", personId).With("$take", take)));

    public Task<IReadOnlyList<AuditRecord>> RecentAsync(int take = 200, CancellationToken cancellationToken = default) =>
        Task.FromResult(ReadAudit($"SELECT {AuditColumns} FROM audit ORDER BY seq DESC LIMIT $take", c => c.With("$take", take)));

    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        _ = Pool;
        return AuditVerifier.VerifyAsync(checkpoints, verifier =>
        {
            ReadInto(verifier, cancellationToken);
            return Task.CompletedTask;
        }, cancellationToken);
    }

    private void ReadInto(AuditVerifier verifier, CancellationToken cancellationToken)
    {
        using var reader = new SqliteBulkReader(path);
        // One read transaction: the records and the index are read from the same snapshot.
        reader.Execute("BEGIN");
        // The index first, while the checkpoints are still being read; in its own key order: no sort, one pass.
        reader.ReadRows("SELECT person_id, seq FROM audit_person", statement =>
            verifier.Indexed(SqliteBulkReader.Bytes(statement, 0), SqliteBulkReader.Int64(statement, 1)), cancellationToken);

        // Field by field as UTF-8 into the verifier's batches: no string or object per record, so the reading keeps
        // up with the hashing on the other cores.
        reader.ReadRows($"SELECT {AuditColumns} FROM audit ORDER BY seq", statement =>
        {
            verifier.Begin(SqliteBulkReader.Int64(statement, 0), SqliteBulkReader.Int64(statement, 1));
            for (var column = 2; column < 11; column++)
            {
                verifier.Text(SqliteBulkReader.Bytes(statement, column));
            }

            verifier.End();
        }, cancellationToken);

        var mismatched = verifier.MismatchedPeople();
        if (mismatched.Count > 0)
        {
            ExactIndexDifference(reader, verifier, mismatched, cancellationToken);
        }

        reader.Execute("COMMIT");
    }

    /// <summary>Only when the index is wrong: which records, for the people it is wrong for.</summary>
    private static void ExactIndexDifference(SqliteBulkReader reader, AuditVerifier verifier, IReadOnlyList<string> people, CancellationToken cancellationToken)
    {
        var rebuilt = people.ToDictionary(p => p, _ => new HashSet<long>(), StringComparer.Ordinal);
        reader.ReadRows("SELECT seq, person_ids FROM audit", statement =>
        {
            var persons = System.Text.Encoding.UTF8.GetString(SqliteBulkReader.Bytes(statement, 1));
            foreach (var person in persons.Length == 0 ? [] : persons.Split('\u001f'))
            {
                if (rebuilt.TryGetValue(person, out var seqs))
                {
                    seqs.Add(SqliteBulkReader.Int64(statement, 0));
                }
            }
        }, cancellationToken);

        foreach (var person in people)
        {
            var expected = rebuilt[person];
            long extra = 0, found = 0;
            reader.ReadRows("SELECT seq FROM audit_person WHERE person_id = ?1", statement =>
            {
                if (expected.Contains(SqliteBulkReader.Int64(statement, 0)))
                {
                    found++;
                }
                else
                {
                    extra++;
                }
            }, cancellationToken, statement => raw.sqlite3_bind_text(statement, 1, person));
            verifier.IndexDifference(person, expected.Count - found, extra);
        }
    }

    public async Task<BreakGlassGrant> GrantAsync(string professionalId, string professionalName, string personId, string reason, DateTimeOffset grantedAt, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        using var lease = await Pool.RentWriterAsync(cancellationToken).ConfigureAwait(false);
        var id = (long)lease.Session.Command($"INSERT INTO break_glass(professional_id, professional_name, person_id, reason, granted_at, expires_at) VALUES ($pro, $name, $person, $reason, $granted, $expires) RETURNING id")
            .With("$pro", professionalId).With("$name", professionalName).With("$person", personId).With("$reason", reason)
            .With("$granted", Millis(grantedAt)).With("$expires", Millis(expiresAt)).ExecuteScalar()!;
        return new BreakGlassGrant(id, professionalId, professionalName, personId, reason, grantedAt, expiresAt);
    }

    public Task<BreakGlassGrant?> ActiveGrantAsync(string professionalId, string personId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Task.FromResult(ReadGrants(
            $"SELECT {GrantColumns} FROM break_glass WHERE professional_id = $pro AND person_id = $person AND granted_at <= $now AND expires_at > $now ORDER BY expires_at DESC LIMIT 1",
            c => c.With("$pro", professionalId).With("$person", personId).With("$now", Millis(now))).FirstOrDefault());

    public Task<IReadOnlyList<BreakGlassGrant>> AwaitingReviewAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(ReadGrants($"SELECT {GrantColumns} FROM break_glass WHERE reviewed_at IS NULL ORDER BY granted_at", _ => { }));

    public Task<IReadOnlyList<BreakGlassGrant>> RecentGrantsAsync(int take = 200, CancellationToken cancellationToken = default) =>
        Task.FromResult(ReadGrants($"SELECT {GrantColumns} FROM break_glass ORDER BY granted_at DESC LIMIT $take", c => c.With("$take", take)));

    public async Task<bool> ReviewAsync(long grantId, string reviewedBy, string note, DateTimeOffset reviewedAt, CancellationToken cancellationToken = default)
    {
        using var lease = await Pool.RentWriterAsync(cancellationToken).ConfigureAwait(false);
        return lease.Session.Command("UPDATE break_glass SET reviewed_by = $by, reviewed_at = $at, review_note = $note WHERE id = $id AND reviewed_at IS NULL")
            .With("$by", reviewedBy).With("$at", Millis(reviewedAt)).With("$note", note).With("$id", grantId).ExecuteNonQuery() == 1;
    }

    public void Dispose() => pool.Dispose();

    private static string Prefixed(string alias) => string.Join(", ", AuditColumns.Split(", ").Select(c => $"{alias}.{c}"));

    private IReadOnlyList<AuditRecord> ReadAudit(string sql, Action<SqliteCommand> bind)
    {
        using var lease = Pool.Rent();
        var command = lease.Session.Command(sql);
        bind(command);
        using var reader = command.ExecuteReader();
        var records = new List<AuditRecord>();
        while (reader.Read())
        {
            records.Add(ReadRecord(reader));
        }

        return records;
    }

    private static AuditRecord ReadRecord(SqliteDataReader r)
    {
        var persons = r.GetString(6);
        var entry = new AuditEntry(r.GetString(2), r.GetString(3), r.GetString(4), r.OptionalTextAt(5), persons.Length == 0 ? [] : persons.Split('\u001f'), r.OptionalTextAt(7), r.OptionalTextAt(8));
        return new AuditRecord(r.GetInt64(0), r.InstantAt(1), entry, r.GetString(9), r.GetString(10));
    }

    private IReadOnlyList<BreakGlassGrant> ReadGrants(string sql, Action<SqliteCommand> bind)
    {
        using var lease = Pool.Rent();
        var command = lease.Session.Command(sql);
        bind(command);
        using var reader = command.ExecuteReader();
        var grants = new List<BreakGlassGrant>();
        while (reader.Read())
        {
            grants.Add(new BreakGlassGrant(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.InstantAt(5), reader.InstantAt(6), reader.OptionalTextAt(7), reader.IsDBNull(8) ? null : reader.InstantAt(8), reader.OptionalTextAt(9)));
        }

        return grants;
    }
}
