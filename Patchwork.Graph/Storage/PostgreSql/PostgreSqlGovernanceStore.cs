using Npgsql;
using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Changes;
using Patchwork.Graph.Governance;
using Patchwork.Graph.Model;
using Patchwork.Graph.Sessions;

namespace Patchwork.Graph.Storage.PostgreSql;

/// <summary>
/// The governance records in PostgreSQL, shared by every app server and the <c>patchwork</c> command. The audit
/// chain is extended under a transaction-scoped advisory lock, so appends from any number of servers take turns in
/// the database and the chain never forks or skips a number.
/// </summary>
internal sealed partial class PostgreSqlGovernanceStore : IGovernanceStore, IAuditBulkAppend, IAsyncDisposable, IDisposable
{
    /// <summary>The channel the change log announces new lines on.</summary>
    public const string ChangeChannel = "patchwork_changes";

    /// <summary>The advisory lock every audit append holds until it commits.</summary>
    private const long AuditChainLock = 0x5041_5443_4857_4B02;

    private const string AuditColumns = "seq, at, actor, actor_name, action, target, person_ids, reason, details, previous_hash, hash";
    private const string GrantColumns = "id, professional_id, professional_name, person_id, reason, granted_at, expires_at, reviewed_by, reviewed_at, review_note";
    private const string InvitationColumns = "id, person_id, professional_id, role, message, invited_by, invited_by_name, invited_at, status, responded_at";
    private const string ConcernColumns = "id, person_id, raised_by, raised_by_name, agency_id, agency_name, raised_at, note";
    private const string SessionColumns = "key, professional_id, name, email, created_at, last_seen_at, expires_at, ended_at, end_reason, sid";
    private const string LinkColumns = "issuer, subject, professional_id, email, linked_at";

    private readonly NpgsqlDataSource data;
    private readonly NpgsqlDataSource? owner;
    private readonly string? appRole;
    private readonly TimeProvider clock;
    private readonly AuditCheckpointLog checkpoints;
    private readonly SemaphoreSlim migrating = new(1, 1);
    private volatile bool migrated;

    public PostgreSqlGovernanceStore(PostgreSqlGovernanceOptions options, TimeProvider clock, AuditCheckpointLog checkpoints)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new GraphStoreException($"{GovernanceOptions.Section}:PostgreSql:ConnectionString must name the governance database when {GovernanceOptions.Section}:Store is PostgreSql.");
        }

        data = NpgsqlDataSource.Create(options.ConnectionString);
        ConnectionString = options.ConnectionString;
        if (!string.IsNullOrWhiteSpace(options.MigrationConnectionString))
        {
            owner = NpgsqlDataSource.Create(options.MigrationConnectionString);
            appRole = new NpgsqlConnectionStringBuilder(options.ConnectionString).Username
                ?? throw new GraphStoreException($"{GovernanceOptions.Section}:PostgreSql:ConnectionString must name its user (Username=...) when a MigrationConnectionString is set, so the owner knows whom to grant to.");
        }

        this.clock = clock;
        this.checkpoints = checkpoints;
    }

    /// <summary>The app's connection string, for the listener that waits for change announcements.</summary>
    internal string ConnectionString { get; }

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (migrated)
        {
            return;
        }

        await migrating.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!migrated)
            {
                await PostgreSqlSchema.MigrateAsync(owner ?? data, owner is null ? null : appRole, cancellationToken).ConfigureAwait(false);
                migrated = true;
            }
        }
        catch (NpgsqlException exception)
        {
            throw Translate(exception);
        }
        finally
        {
            migrating.Release();
        }
    }

    // ---- audit trail ----

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
        var record = await InTransactionAsync(async (connection, transaction) =>
        {
            // Held until commit: the last hash is read and the next record written by one server at a time.
            await Command(connection, transaction, $"SELECT pg_advisory_xact_lock({AuditChainLock})").ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            var (sequence, previous) = (1L, AuditRecord.FirstPreviousHash);
            await using (var reader = await Command(connection, transaction, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    (sequence, previous) = (reader.GetInt64(0) + 1, reader.GetString(1));
                }
            }

            var at = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
            var hash = AuditRecord.ComputeHash(sequence, at, entry, previous);
            await Command(connection, transaction, $"INSERT INTO audit({AuditColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                sequence, Millis(at), entry.Actor, entry.ActorName, entry.Action, entry.Target, string.Join('\u001f', entry.PersonIds), entry.Reason, entry.Details, previous, hash)
                .ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            var people = entry.PersonIds.Distinct(StringComparer.Ordinal).ToArray();
            if (people.Length > 0)
            {
                await Command(connection, transaction, "INSERT INTO audit_person(person_id, seq) SELECT unnest($1::text[]), $2", people, sequence)
                    .ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            // The change-log lines commit with their audit record or not at all.
            await LogChangesAsync(connection, transaction, changes, cancellationToken).ConfigureAwait(false);
            return new AuditRecord(sequence, at, entry, previous, hash);
        }, cancellationToken).ConfigureAwait(false);
        checkpoints.Append(record);
        return record;
    }

    public async Task<(long Sequence, string Hash)?> NewestAsync(CancellationToken cancellationToken = default)
    {
        var rows = await ReadAsync("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", r => (r.GetInt64(0), r.GetString(1)), cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task AppendChainedAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        await InTransactionAsync(async (connection, transaction) =>
        {
            await Command(connection, transaction, $"SELECT pg_advisory_xact_lock({AuditChainLock})").ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            long? newest = null;
            string? newestHash = null;
            await using (var reader = await Command(connection, transaction, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    (newest, newestHash) = (reader.GetInt64(0), reader.GetString(1));
                }
            }

            AuditBulkChecks.Follows(records, newest, newestHash);
            await using (var import = await connection.BeginBinaryImportAsync($"COPY audit({AuditColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
            {
                foreach (var record in records)
                {
                    var entry = record.Entry;
                    await import.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await import.WriteAsync(record.Sequence, NpgsqlTypes.NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await import.WriteAsync(Millis(record.At), NpgsqlTypes.NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    foreach (var text in new[] { entry.Actor, entry.ActorName, entry.Action, entry.Target, string.Join('\u001f', entry.PersonIds), entry.Reason, entry.Details, record.PreviousHash, record.Hash })
                    {
                        await import.WriteAsync(text, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    }
                }

                await import.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var import = await connection.BeginBinaryImportAsync("COPY audit_person(person_id, seq) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
            {
                foreach (var record in records)
                {
                    foreach (var person in record.Entry.PersonIds.Distinct(StringComparer.Ordinal))
                    {
                        await import.StartRowAsync(cancellationToken).ConfigureAwait(false);
                        await import.WriteAsync(person, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                        await import.WriteAsync(record.Sequence, NpgsqlTypes.NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    }
                }

                await import.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
        checkpoints.AppendMany(records);
    }

    public Task<IReadOnlyList<AuditRecord>> ForPersonAsync(string personId, int take = 500, CancellationToken cancellationToken = default) =>
        ReadAsync($"SELECT {Prefixed("a")} FROM audit_person p JOIN audit a ON a.seq = p.seq WHERE p.person_id = $1 ORDER BY a.seq DESC LIMIT $2", ReadRecord, cancellationToken, personId, take);

    public Task<IReadOnlyList<AuditRecord>> RecentAsync(int take = 200, CancellationToken cancellationToken = default) =>
        ReadAsync($"SELECT {AuditColumns} FROM audit ORDER BY seq DESC LIMIT $1", ReadRecord, cancellationToken, take);

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        return await AuditVerifier.VerifyAsync(checkpoints, verifier => ReadIntoAsync(verifier, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task ReadIntoAsync(AuditVerifier verifier, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await data.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            // One snapshot for the records and the index, shared by a second connection that reads the index while
            // this one reads the records: the server sends each on a core of its own.
            await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
            await using var exported = Command(connection, snapshot, "SELECT pg_export_snapshot()");
            var snapshotName = (string)(await exported.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            await using var indexConnection = await data.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var indexSnapshot = await indexConnection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
            await using (var shared = Command(indexConnection, indexSnapshot, $"SET TRANSACTION SNAPSHOT '{snapshotName}'"))
            {
                await shared.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            // In the table's own order: a sort of the whole index would cost the server more than it saves here.
            var index = Task.Run(() =>
            {
                using var copy = indexConnection.BeginRawBinaryCopy("COPY audit_person(person_id, seq) TO STDOUT (FORMAT BINARY)");
                var rows = new BinaryCopyReader(copy);
                while (rows.Next(cancellationToken))
                {
                    verifier.Indexed(rows.Bytes(0), rows.Int64(1));
                }
            }, cancellationToken);

            try
            {
                // The rows as the server's binary copy, read field by field as UTF-8 into the verifier's batches: no
                // string or object per record, so the reading keeps up with the hashing on the other cores.
                using var copy = connection.BeginRawBinaryCopy($"COPY (SELECT {AuditColumns} FROM audit ORDER BY seq) TO STDOUT (FORMAT BINARY)");
                var rows = new BinaryCopyReader(copy);
                while (rows.Next(cancellationToken))
                {
                    verifier.Begin(rows.Int64(0), rows.Int64(1));
                    for (var field = 2; field < 11; field++)
                    {
                        verifier.Text(rows.Bytes(field), rows.IsNull(field));
                    }

                    verifier.End();
                }
            }
            finally
            {
                // Whatever stopped the records, the index's reading ends before its connection goes.
                await index.ConfigureAwait(false);
            }

            await indexSnapshot.CommitAsync(cancellationToken).ConfigureAwait(false);
            foreach (var person in verifier.MismatchedPeople())
            {
                // Only when the index is wrong: which records, for the people it is wrong for.
                await using var command = Command(connection, snapshot, """
                    SELECT
                        (SELECT count(*) FROM audit a WHERE $1 = ANY(string_to_array(a.person_ids, chr(31))) AND NOT EXISTS (SELECT 1 FROM audit_person p WHERE p.person_id = $1 AND p.seq = a.seq)),
                        (SELECT count(*) FROM audit_person p WHERE p.person_id = $1 AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.seq = p.seq AND $1 = ANY(string_to_array(a.person_ids, chr(31)))))
                    """, person);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                verifier.IndexDifference(person, reader.GetInt64(0), reader.GetInt64(1));
            }

            await snapshot.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException exception)
        {
            throw Translate(exception);
        }
    }

    // ---- break glass ----

    public async Task<BreakGlassGrant> GrantAsync(string professionalId, string professionalName, string personId, string reason, DateTimeOffset grantedAt, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        var id = await ScalarAsync<long>("INSERT INTO break_glass(professional_id, professional_name, person_id, reason, granted_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            cancellationToken, professionalId, professionalName, personId, reason, Millis(grantedAt), Millis(expiresAt)).ConfigureAwait(false);
        return new BreakGlassGrant(id, professionalId, professionalName, personId, reason, grantedAt, expiresAt);
    }

    public async Task<BreakGlassGrant?> ActiveGrantAsync(string professionalId, string personId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        (await ReadAsync($"SELECT {GrantColumns} FROM break_glass WHERE professional_id = $1 AND person_id = $2 AND granted_at <= $3 AND expires_at > $3 ORDER BY expires_at DESC LIMIT 1",
            ReadGrant, cancellationToken, professionalId, personId, Millis(now)).ConfigureAwait(false)).FirstOrDefault();

    public Task<IReadOnlyList<BreakGlassGrant>> AwaitingReviewAsync(CancellationToken cancellationToken = default) =>
        ReadAsync($"SELECT {GrantColumns} FROM break_glass WHERE reviewed_at IS NULL ORDER BY granted_at", ReadGrant, cancellationToken);

    public Task<IReadOnlyList<BreakGlassGrant>> RecentGrantsAsync(int take = 200, CancellationToken cancellationToken = default) =>
        ReadAsync($"SELECT {GrantColumns} FROM break_glass ORDER BY granted_at DESC LIMIT $1", ReadGrant, cancellationToken, take);

    public async Task<bool> ReviewAsync(long grantId, string reviewedBy, string note, DateTimeOffset reviewedAt, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("UPDATE break_glass SET reviewed_by = $1, reviewed_at = $2, review_note = $3 WHERE id = $4 AND reviewed_at IS NULL",
            cancellationToken, reviewedBy, Millis(reviewedAt), note, grantId).ConfigureAwait(false) == 1;

    // ---- invitations and concerns ----

    public async Task<Invitation> AddAsync(Invitation invitation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var id = await ScalarAsync<long>("INSERT INTO invitation(person_id, professional_id, role, message, invited_by, invited_by_name, invited_at, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            cancellationToken, invitation.PersonId, invitation.ProfessionalId, invitation.Role, NullIfEmpty(invitation.Message), invitation.InvitedBy, invitation.InvitedByName,
            Millis(invitation.InvitedAt), (int)InvitationStatus.Pending).ConfigureAwait(false);
        return invitation with { Id = id, Status = InvitationStatus.Pending, RespondedAt = null };
    }

    public async Task<Invitation?> FindAsync(long id, CancellationToken cancellationToken = default) =>
        (await ReadAsync($"SELECT {InvitationColumns} FROM invitation WHERE id = $1", ReadInvitation, cancellationToken, id).ConfigureAwait(false)).FirstOrDefault();

    public Task<IReadOnlyList<Invitation>> PendingForProfessionalAsync(string professionalId, CancellationToken cancellationToken = default) =>
        ReadAsync($"SELECT {InvitationColumns} FROM invitation WHERE professional_id = $1 AND status = 0 ORDER BY invited_at, id", ReadInvitation, cancellationToken, professionalId);

    public Task<IReadOnlyList<Invitation>> PendingForPersonAsync(string personId, CancellationToken cancellationToken = default) =>
        ReadAsync($"SELECT {InvitationColumns} FROM invitation WHERE person_id = $1 AND status = 0 ORDER BY invited_at, id", ReadInvitation, cancellationToken, personId);

    public async Task<bool> RespondAsync(long id, InvitationStatus answer, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("UPDATE invitation SET status = $1, responded_at = $2 WHERE id = $3 AND status = 0", cancellationToken, (int)answer, Millis(at), id).ConfigureAwait(false) == 1;

    public async Task<Concern> AddAsync(Concern concern, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(concern);
        var id = await ScalarAsync<long>("INSERT INTO concern(person_id, raised_by, raised_by_name, agency_id, agency_name, raised_at, note) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            cancellationToken, concern.PersonId, concern.RaisedBy, concern.RaisedByName, NullIfEmpty(concern.AgencyId), NullIfEmpty(concern.AgencyName), Millis(concern.RaisedAt), concern.Note).ConfigureAwait(false);
        return concern with { Id = id };
    }

    public Task<IReadOnlyList<Concern>> ForPersonAsync(string personId, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        ReadAsync($"SELECT {ConcernColumns} FROM concern WHERE person_id = $1 AND raised_at >= $2 ORDER BY raised_at DESC, id DESC", ReadConcern, cancellationToken, personId, Millis(since));

    public Task<IReadOnlyList<Concern>> RaisedBetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        ReadAsync($"SELECT {ConcernColumns} FROM concern WHERE raised_at >= $1 AND raised_at < $2 ORDER BY person_id, raised_at", ReadConcern, cancellationToken, Millis(from), Millis(to));

    // ---- sessions ----

    public async Task StartAsync(UserSession session, byte[] ticket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        await ExecuteAsync($"INSERT INTO user_session({SessionColumns}, ticket) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, NULL, $8, $9)", cancellationToken,
            session.Key, NullIfEmpty(session.ProfessionalId), session.Name, NullIfEmpty(session.Email), Millis(session.CreatedAt), Millis(session.LastSeenAt), Millis(session.ExpiresAt), NullIfEmpty(session.Sid), ticket).ConfigureAwait(false);
    }

    public async Task<StoredSession?> FindSessionAsync(string key, CancellationToken cancellationToken = default) =>
        (await ReadAsync($"SELECT {SessionColumns}, ticket FROM user_session WHERE key = $1", r => new StoredSession(ReadSession(r), r.GetFieldValue<byte[]>(10)), cancellationToken, key).ConfigureAwait(false))
        .FirstOrDefault();

    public Task TouchAsync(string key, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE user_session SET last_seen_at = $2 WHERE key = $1 AND ended_at IS NULL AND last_seen_at < $2", cancellationToken, key, Millis(at));

    public async Task<bool> ReplaceTicketAsync(string key, byte[] ticket, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("UPDATE user_session SET ticket = $2, last_seen_at = GREATEST(last_seen_at, $3) WHERE key = $1 AND ended_at IS NULL", cancellationToken, key, ticket, Millis(at)).ConfigureAwait(false) == 1;

    public async Task<bool> EndAsync(string key, DateTimeOffset at, string reason, CancellationToken cancellationToken = default) =>
        // The ticket goes with the session: an ended session keeps no tokens.
        await ExecuteAsync("UPDATE user_session SET ended_at = $2, end_reason = $3, ticket = ''::bytea WHERE key = $1 AND ended_at IS NULL", cancellationToken, key, Millis(at), reason).ConfigureAwait(false) == 1;

    public Task<IReadOnlyList<UserSession>> EndAllAsync(string professionalId, DateTimeOffset at, string reason, CancellationToken cancellationToken = default) =>
        ReadAsync($"UPDATE user_session SET ended_at = $2, end_reason = $3, ticket = ''::bytea WHERE professional_id = $1 AND ended_at IS NULL RETURNING {SessionColumns}",
            ReadSession, cancellationToken, professionalId, Millis(at), reason);

    public Task<IReadOnlyList<UserSession>> EndBySidAsync(string sid, DateTimeOffset at, string reason, CancellationToken cancellationToken = default) =>
        ReadAsync($"UPDATE user_session SET ended_at = $2, end_reason = $3, ticket = ''::bytea WHERE sid = $1 AND ended_at IS NULL RETURNING {SessionColumns}",
            ReadSession, cancellationToken, sid, Millis(at), reason);

    public Task<IReadOnlyList<UserSession>> ActiveAsync(DateTimeOffset now, DateTimeOffset seenSince, string? professionalId = null, CancellationToken cancellationToken = default) =>
        ReadAsync($"SELECT {SessionColumns} FROM user_session WHERE ended_at IS NULL AND expires_at > $1 AND last_seen_at >= $2 AND ($3::text IS NULL OR professional_id = $3) ORDER BY created_at DESC, key",
            ReadSession, cancellationToken, Millis(now), Millis(seenSince), professionalId);

    // ---- identity links ----

    public async Task<IdentityLink?> FindAsync(string issuer, string subject, CancellationToken cancellationToken = default) =>
        (await ReadAsync($"SELECT {LinkColumns} FROM identity_link WHERE issuer = $1 AND subject = $2", ReadLink, cancellationToken, issuer, subject).ConfigureAwait(false)).FirstOrDefault();

    public Task<IReadOnlyList<IdentityLink>> ForProfessionalAsync(string professionalId, CancellationToken cancellationToken = default) =>
        ReadAsync($"SELECT {LinkColumns} FROM identity_link WHERE professional_id = $1 ORDER BY linked_at, issuer", ReadLink, cancellationToken, professionalId);

    public async Task<bool> LinkAsync(IdentityLink link, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        // Both unique keys refuse in the database, so two sign-ins at once cannot link two accounts.
        return await ExecuteAsync($"INSERT INTO identity_link({LinkColumns}) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING", cancellationToken,
            link.Issuer, link.Subject, link.ProfessionalId, link.Email, Millis(link.LinkedAt)).ConfigureAwait(false) == 1;
    }

    public Task<int> UnlinkAsync(string professionalId, string? issuer = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync("DELETE FROM identity_link WHERE professional_id = $1 AND ($2::text IS NULL OR issuer = $2)", cancellationToken, professionalId, issuer);

    // ---- change log ----

    public async Task AppendChangesAsync(IReadOnlyList<NetworkChanged> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        await InTransactionAsync(async (connection, transaction) =>
        {
            await LogChangesAsync(connection, transaction, changes, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task LogChangesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<NetworkChanged> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return;
        }

        // Lines take their sequence numbers and commit one writer at a time (the audit chain's lock, which an audit
        // append already holds): a reader that has read up to a number never misses a line committed after it with
        // a smaller one.
        await Command(connection, transaction, $"SELECT pg_advisory_xact_lock({AuditChainLock})").ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await Command(connection, transaction, """
            INSERT INTO change_log(person_id, revision, changed_by, changed_at, logged_at)
            SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::bigint[])
            """,
            changes.Select(c => c.PersonId).ToArray(), changes.Select(c => c.Revision.Number).ToArray(), changes.Select(c => c.Revision.ChangedBy).ToArray(),
            changes.Select(c => c.Revision.ChangedAt is { } at ? Millis(at) : (long?)null).ToArray(), changes.Select(_ => Millis(clock.GetUtcNow())).ToArray())
            .ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        // Delivered when the transaction commits, and only then: a listener never reads ahead of the log.
        await Command(connection, transaction, $"NOTIFY {ChangeChannel}").ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<ChangeLogEntry>> ChangesAfterAsync(long sequence, int take = 500, CancellationToken cancellationToken = default) =>
        ReadAsync("SELECT seq, person_id, revision, changed_by, changed_at, logged_at FROM change_log WHERE seq > $1 ORDER BY seq LIMIT $2", r => new ChangeLogEntry(
            r.GetInt64(0), r.GetString(1), new NetworkRevision(r.GetInt64(2), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : Instant(r.GetInt64(4))), Instant(r.GetInt64(5))),
            cancellationToken, sequence, take);

    public Task<long> LastChangeAsync(CancellationToken cancellationToken = default) =>
        ScalarAsync<long>("SELECT coalesce(max(seq), 0) FROM change_log", cancellationToken);

    /// <summary>A connection of its own that listens for the change log's announcements.</summary>
    internal async Task<NpgsqlConnection> ListenAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        var connection = await data.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Command(connection, null, $"LISTEN {ChangeChannel}").ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // ---- data-protection keys ----

    public IReadOnlyList<string> AllKeyElements() => RunSync(() => ReadAsync("SELECT xml FROM data_protection_key ORDER BY id", r => r.GetString(0), CancellationToken.None));

    public void StoreKeyElement(string friendlyName, string xml) =>
        RunSync(() => ExecuteAsync("INSERT INTO data_protection_key(friendly_name, xml) VALUES ($1, $2)", CancellationToken.None, friendlyName, xml));

    public async ValueTask DisposeAsync()
    {
        await data.DisposeAsync().ConfigureAwait(false);
        if (owner is not null)
        {
            await owner.DisposeAsync().ConfigureAwait(false);
        }

        migrating.Dispose();
    }

    public void Dispose()
    {
        data.Dispose();
        owner?.Dispose();
        migrating.Dispose();
    }

    // ---- plumbing ----

    private static T RunSync<T>(Func<Task<T>> work) => Task.Run(work).GetAwaiter().GetResult();

    private async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await data.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var result = await work(connection, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch (NpgsqlException exception)
        {
            throw Translate(exception);
        }
    }

    private async Task<IReadOnlyList<T>> ReadAsync<T>(string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken, params object?[] values)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await data.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = Command(connection, null, sql, values);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(read(reader));
            }

            return rows;
        }
        catch (NpgsqlException exception)
        {
            throw Translate(exception);
        }
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params object?[] values)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await data.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = Command(connection, null, sql, values);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException exception)
        {
            throw Translate(exception);
        }
    }

    private async Task<T> ScalarAsync<T>(string sql, CancellationToken cancellationToken, params object?[] values)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await data.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = Command(connection, null, sql, values);
            return (T)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        catch (NpgsqlException exception)
        {
            throw Translate(exception);
        }
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params object?[] values)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(value is null ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text } : new NpgsqlParameter { Value = value });
        }

        return command;
    }

    /// <summary>Says what went wrong in the terms the app shows, keeping the database's own message for the log.</summary>
    internal static GraphStoreException Translate(NpgsqlException exception) => exception switch
    {
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => new GraphStoreException("That record is already in the governance store: nothing was changed.", exception),
        PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } p => new GraphStoreException($"The governance database refused: {p.MessageText}. Nothing was changed.", exception),
        PostgresException { SqlState: PostgresErrorCodes.DiskFull } => new GraphStoreException("The disk holding the governance database is full: nothing was changed. Free some space and try again.", exception),
        PostgresException p => new GraphStoreException($"The governance database failed: {p.MessageText}", exception),
        _ => new GraphStoreException($"The governance database could not be reached ({exception.Message}): nothing was changed. Check {GovernanceOptions.Section}:PostgreSql:ConnectionString and that the server is up.", exception),
    };

    private static long Millis(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private static DateTimeOffset Instant(long millis) => DateTimeOffset.FromUnixTimeMilliseconds(millis);

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static string Prefixed(string alias) => string.Join(", ", AuditColumns.Split(", ").Select(c => $"{alias}.{c}"));

    private static string? OptionalText(NpgsqlDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    private static DateTimeOffset? OptionalInstant(NpgsqlDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : Instant(r.GetInt64(ordinal));

    private static AuditRecord ReadRecord(NpgsqlDataReader r)
    {
        var persons = r.GetString(6);
        var entry = new AuditEntry(r.GetString(2), r.GetString(3), r.GetString(4), OptionalText(r, 5), persons.Length == 0 ? [] : persons.Split('\u001f'), OptionalText(r, 7), OptionalText(r, 8));
        return new AuditRecord(r.GetInt64(0), Instant(r.GetInt64(1)), entry, r.GetString(9), r.GetString(10));
    }

    private static BreakGlassGrant ReadGrant(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), Instant(r.GetInt64(5)), Instant(r.GetInt64(6)),
        OptionalText(r, 7), OptionalInstant(r, 8), OptionalText(r, 9));

    private static Invitation ReadInvitation(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), OptionalText(r, 4), r.GetString(5), r.GetString(6),
        Instant(r.GetInt64(7)), (InvitationStatus)r.GetInt32(8), OptionalInstant(r, 9));

    private static Concern ReadConcern(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), OptionalText(r, 4), OptionalText(r, 5), Instant(r.GetInt64(6)), r.GetString(7));

    private static UserSession ReadSession(NpgsqlDataReader r) => new(
        r.GetString(0), OptionalText(r, 1), r.GetString(2), OptionalText(r, 3), Instant(r.GetInt64(4)), Instant(r.GetInt64(5)), Instant(r.GetInt64(6)),
        OptionalInstant(r, 7), OptionalText(r, 8), OptionalText(r, 9));

    private static IdentityLink ReadLink(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Instant(r.GetInt64(4)));
}
