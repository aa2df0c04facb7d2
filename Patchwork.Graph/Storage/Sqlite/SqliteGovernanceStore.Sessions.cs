using Microsoft.Data.Sqlite;
using Patchwork.Graph.Sessions;
using static Patchwork.Graph.Storage.Sqlite.SqliteRows;

namespace Patchwork.Graph.Storage.Sqlite;

/// <summary>Signed-in sessions, beside the audit trail in the same file, so every app server on it sees them.</summary>
internal sealed partial class SqliteGovernanceStore : ISessionStore
{
    private const string SessionColumns = "key, professional_id, name, email, created_at, last_seen_at, expires_at, ended_at, end_reason, sid";

    public async Task StartAsync(UserSession session, byte[] ticket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        using var lease = await Pool.RentWriterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lease.Session.Command($"INSERT INTO user_session({SessionColumns}, ticket) VALUES ($key, $pro, $name, $email, $created, $seen, $expires, NULL, NULL, $sid, $ticket)")
                .With("$key", session.Key).With("$pro", Text(session.ProfessionalId)).With("$name", session.Name).With("$email", Text(session.Email))
                .With("$created", Millis(session.CreatedAt)).With("$seen", Millis(session.LastSeenAt)).With("$expires", Millis(session.ExpiresAt))
                .With("$sid", Text(session.Sid)).With("$ticket", ticket).ExecuteNonQuery();
        }
        catch (SqliteException exception)
        {
            throw SqliteGraphStore.Translate(exception);
        }
    }

    public Task<StoredSession?> FindSessionAsync(string key, CancellationToken cancellationToken = default)
    {
        using var lease = Pool.Rent();
        using var reader = lease.Session.Command($"SELECT {SessionColumns}, ticket FROM user_session WHERE key = $key").With("$key", key).ExecuteReader();
        return Task.FromResult(reader.Read() ? new StoredSession(ReadSession(reader), reader.GetFieldValue<byte[]>(10)) : null);
    }

    public async Task TouchAsync(string key, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        using var lease = await Pool.RentWriterAsync(cancellationToken).ConfigureAwait(false);
        lease.Session.Command("UPDATE user_session SET last_seen_at = $at WHERE key = $key AND ended_at IS NULL AND last_seen_at < $at")
            .With("$key", key).With("$at", Millis(at)).ExecuteNonQuery();
    }

    public async Task<bool> ReplaceTicketAsync(string key, byte[] ticket, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        using var lease = await Pool.RentWriterAsync(cancellationToken).ConfigureAwait(false);
        return lease.Session.Command("UPDATE user_session SET ticket = $ticket, last_seen_at = MAX(last_seen_at, $at) WHERE key = $key AND ended_at IS NULL")
            .With("$key", key).With("$ticket", ticket).With("$at", Millis(at)).ExecuteNonQuery() == 1;
    }

    public async Task<bool> EndAsync(string key, DateTimeOffset at, string reason, CancellationToken cancellationToken = default)
    {
        using var lease = await Pool.RentWriterAsync(cancellationToken).ConfigureAwait(false);
        // The ticket goes with the session: an ended session keeps no tokens.
        return lease.Session.Command("UPDATE user_session SET ended_at = $at, end_reason = $reason, ticket = X'' WHERE key = $key AND ended_at IS NULL")
            .With("$key", key).With("$at", Millis(at)).With("$reason", reason).ExecuteNonQuery() == 1;
    }

    public Task<IReadOnlyList<UserSession>> EndAllAsync(string professionalId, DateTimeOffset at, string reason, CancellationToken cancellationToken = default) =>
        EndWhereAsync("professional_id = $match", professionalId, at, reason, cancellationToken);

    public Task<IReadOnlyList<UserSession>> EndBySidAsync(string sid, DateTimeOffset at, string reason, CancellationToken cancellationToken = default) =>
        EndWhereAsync("sid = $match", sid, at, reason, cancellationToken);

    private async Task<IReadOnlyList<UserSession>> EndWhereAsync(string condition, string match, DateTimeOffset at, string reason, CancellationToken cancellationToken)
    {
        using var lease = await Pool.RentWriterAsync(cancellationToken).ConfigureAwait(false);
        using var reader = lease.Session.Command($"UPDATE user_session SET ended_at = $at, end_reason = $reason, ticket = X'' WHERE {condition} AND ended_at IS NULL RETURNING {SessionColumns}")
            .With("$match", match).With("$at", Millis(at)).With("$reason", reason).ExecuteReader();
        var ended = new List<UserSession>();
        while (reader.Read())
        {
            ended.Add(ReadSession(reader));
        }

        return ended;
    }

    public Task<IReadOnlyList<UserSession>> ActiveAsync(DateTimeOffset now, DateTimeOffset seenSince, string? professionalId = null, CancellationToken cancellationToken = default)
    {
        var sql = $"SELECT {SessionColumns} FROM user_session WHERE ended_at IS NULL AND expires_at > $now AND last_seen_at >= $seen"
            + (professionalId is null ? "" : " AND professional_id = $pro") + " ORDER BY created_at DESC, key";
        IReadOnlyList<UserSession> sessions = Read(sql, c =>
        {
            c.With("$now", Millis(now)).With("$seen", Millis(seenSince));
            if (professionalId is not null)
            {
                c.With("$pro", professionalId);
            }
        }, ReadSession);
        return Task.FromResult(sessions);
    }

    private static UserSession ReadSession(SqliteDataReader r) => new(
        r.GetString(0), r.OptionalTextAt(1), r.GetString(2), r.OptionalTextAt(3), r.InstantAt(4), r.InstantAt(5), r.InstantAt(6),
        r.IsDBNull(7) ? null : r.InstantAt(7), r.OptionalTextAt(8), r.OptionalTextAt(9));
}
