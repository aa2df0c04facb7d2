using Npgsql;
using Patchwork.Graph.Feed;

namespace Patchwork.Graph.Storage.PostgreSql;

/// <summary>Feed messages from other systems, shared by every app server so a replay to any of them gets the first answer.</summary>
internal sealed partial class PostgreSqlGovernanceStore : IFeedMessageStore
{
    private const string FeedColumns = "id, client_id, agency_id, source_id, kind, message_time, fingerprint, body, state, answer_status, answer_body, nhs_number, received_at, decided_by, decided_at";

    public async Task<FeedMessage?> FindFeedMessageAsync(string clientId, string sourceId, CancellationToken cancellationToken = default) =>
        (await ReadAsync($"SELECT {FeedColumns} FROM feed_message WHERE client_id = $1 AND source_id = $2", ReadFeed, cancellationToken, clientId, sourceId).ConfigureAwait(false)).FirstOrDefault();

    public async Task<FeedMessage?> FindFeedMessageAsync(long id, CancellationToken cancellationToken = default) =>
        (await ReadAsync($"SELECT {FeedColumns} FROM feed_message WHERE id = $1", ReadFeed, cancellationToken, id).ConfigureAwait(false)).FirstOrDefault();

    public async Task<(int Status, string Body)?> FindFeedAnswerAsync(string clientId, string sourceId, string fingerprint, CancellationToken cancellationToken = default) =>
        (await ReadAsync("SELECT answer_status, answer_body FROM feed_answer WHERE client_id = $1 AND source_id = $2 AND fingerprint = $3",
            r => ((int Status, string Body)?)(r.GetInt32(0), r.GetString(1)), cancellationToken, clientId, sourceId, fingerprint).ConfigureAwait(false)).FirstOrDefault();

    public async Task<FeedClaim> ClaimFeedMessageAsync(string clientId, string sourceId, DateTimeOffset at, DateTimeOffset staleBefore, CancellationToken cancellationToken = default)
    {
        // One statement: the unique key decides between two servers claiming at once; a stale claim is taken over on
        // the row the upsert locks. No row back: someone holds a live claim. xmax is zero on a row this statement inserted.
        var claimed = await ReadAsync("""
            INSERT INTO feed_claim(client_id, source_id, claimed_at) VALUES ($1, $2, $3)
            ON CONFLICT(client_id, source_id) DO UPDATE SET claimed_at = excluded.claimed_at
            WHERE feed_claim.claimed_at < $4
            RETURNING xmax = 0
            """, r => r.GetBoolean(0), cancellationToken, clientId, sourceId, Millis(at), Millis(staleBefore)).ConfigureAwait(false);
        return claimed.Count == 0 ? FeedClaim.Busy : claimed[0] ? FeedClaim.Claimed : FeedClaim.TakenOver;
    }

    public async Task ReleaseFeedMessageAsync(string clientId, string sourceId, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("DELETE FROM feed_claim WHERE client_id = $1 AND source_id = $2", cancellationToken, clientId, sourceId).ConfigureAwait(false);

    public async Task<FeedMessage> KeepFeedMessageAsync(FeedMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await InTransactionAsync(async (connection, transaction) =>
        {
            // The comparison with the message already kept is made on the row the upsert locks.
            await using (var keep = Command(connection, transaction, """
                INSERT INTO feed_message(client_id, agency_id, source_id, kind, message_time, fingerprint, body, state, answer_status, answer_body, nhs_number, received_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                ON CONFLICT(client_id, source_id) DO UPDATE SET
                    agency_id = excluded.agency_id, kind = excluded.kind, message_time = excluded.message_time, fingerprint = excluded.fingerprint,
                    body = excluded.body, state = excluded.state, answer_status = excluded.answer_status, answer_body = excluded.answer_body,
                    nhs_number = excluded.nhs_number, received_at = excluded.received_at, decided_by = NULL, decided_at = NULL
                WHERE excluded.message_time >= feed_message.message_time
                """, [message.ClientId, message.AgencyId, message.SourceId, (int)message.Kind, Millis(message.MessageTime), message.Fingerprint,
                message.Body, (int)message.State, message.AnswerStatus, message.AnswerBody, NullIfEmpty(message.NhsNumber), Millis(message.ReceivedAt)]))
            {
                await keep.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            // The first answer to a fingerprint stays: a replay gets what the first sending got.
            await using (var answer = Command(connection, transaction, """
                INSERT INTO feed_answer(client_id, source_id, fingerprint, answer_status, answer_body, answered_at)
                VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT(client_id, source_id, fingerprint) DO NOTHING
                """, [message.ClientId, message.SourceId, message.Fingerprint, message.AnswerStatus, message.AnswerBody, Millis(message.ReceivedAt)]))
            {
                await answer.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var release = Command(connection, transaction, "DELETE FROM feed_claim WHERE client_id = $1 AND source_id = $2", [message.ClientId, message.SourceId]))
            {
                await release.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
        return (await FindFeedMessageAsync(message.ClientId, message.SourceId, cancellationToken).ConfigureAwait(false))!;
    }

    public Task<IReadOnlyList<FeedMessage>> HeldFeedMessagesAsync(int take = 100, CancellationToken cancellationToken = default) =>
        ReadAsync($"SELECT {FeedColumns} FROM feed_message WHERE state = {(int)FeedState.Held} ORDER BY received_at, id LIMIT $1", ReadFeed, cancellationToken, take);

    public async Task<bool> DecideFeedMessageAsync(long id, FeedState state, string decidedBy, DateTimeOffset decidedAt, CancellationToken cancellationToken = default) =>
        await ExecuteAsync($"UPDATE feed_message SET state = $1, decided_by = $2, decided_at = $3 WHERE id = $4 AND state = {(int)FeedState.Held}",
            cancellationToken, (int)state, decidedBy, Millis(decidedAt), id).ConfigureAwait(false) == 1;

    private static FeedMessage ReadFeed(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), (FeedKind)r.GetInt32(4), Instant(r.GetInt64(5)), r.GetString(6), r.GetString(7),
        (FeedState)r.GetInt32(8), r.GetInt32(9), r.GetString(10), OptionalText(r, 11), Instant(r.GetInt64(12)), OptionalText(r, 13), OptionalInstant(r, 14));
}
