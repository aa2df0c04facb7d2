using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using static Patchwork.Graph.Storage.Sqlite.SqliteRows;

namespace Patchwork.Graph.Storage.Sqlite;

/// <summary>
/// The audit trail and break-glass grants, in the same SQLite file as the graph: one file to back up, and
/// the schema's migrations create both.
/// </summary>
internal sealed partial class SqliteGovernanceStore : IAuditTrail, IAccessGrants, IDisposable
{
    private const string AuditColumns = "seq, at, actor, actor_name, action, target, person_ids, reason, details, previous_hash, hash";
    private const string GrantColumns = "id, professional_id, professional_name, person_id, reason, granted_at, expires_at, reviewed_by, reviewed_at, review_note";
    private readonly SqliteSessionPool pool;
    private readonly TimeProvider clock;
    private readonly Lazy<bool> migrated;

    public SqliteGovernanceStore(IOptions<SqliteStoreOptions> options, TimeProvider clock)
    {
        var path = System.IO.Path.GetFullPath(options.Value.Path);
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

    public async Task<AuditRecord> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        using var lease = await Pool.RentWriterAsync(cancellationToken).ConfigureAwait(false);
        var session = lease.Session;
        try
        {
            // The write lock is taken before the last hash is read, so two appends can never fork the chain.
            using var transaction = session.Begin();
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

            var at = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
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

            transaction.Commit();
            return new AuditRecord(sequence, at, entry, previous, hash);
        }
        catch (SqliteException exception)
        {
            throw SqliteGraphStore.Translate(exception);
        }
    }

    public Task<IReadOnlyList<AuditRecord>> ForPersonAsync(string personId, int take = 500, CancellationToken cancellationToken = default) =>
        Task.FromResult(ReadAudit(
            $"SELECT {Prefixed("a")} FROM audit_person p JOIN audit a ON a.seq = p.seq WHERE p.person_id = $person ORDER BY a.seq DESC LIMIT $take",
            c => c.With("$person", personId).With("$take", take)));

    public Task<IReadOnlyList<AuditRecord>> RecentAsync(int take = 200, CancellationToken cancellationToken = default) =>
        Task.FromResult(ReadAudit($"SELECT {AuditColumns} FROM audit ORDER BY seq DESC LIMIT $take", c => c.With("$take", take)));

    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        using var lease = Pool.Rent();
        using var reader = lease.Session.Command($"SELECT {AuditColumns} FROM audit ORDER BY seq").ExecuteReader();
        var expectedPrevious = AuditRecord.FirstPreviousHash;
        long expectedSequence = 1, checkedCount = 0;
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = ReadRecord(reader);
            checkedCount++;
            var problem = record.Sequence != expectedSequence ? $"record {expectedSequence} is missing"
                : record.PreviousHash != expectedPrevious ? $"record {record.Sequence} does not follow the record before it"
                : !record.HashIsValid ? $"record {record.Sequence} was changed after it was written"
                : null;
            if (problem is not null)
            {
                return Task.FromResult(new AuditVerification(checkedCount, Math.Min(record.Sequence, expectedSequence), problem));
            }

            expectedPrevious = record.Hash;
            expectedSequence++;
        }

        return Task.FromResult(new AuditVerification(checkedCount, null, null));
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
