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

    public async Task<FeedMessage> KeepFeedMessageAsync(FeedMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        // One statement: the comparison with the message already kept is made on the row the upsert locks.
        await ExecuteAsync("""
            INSERT INTO feed_message(client_id, agency_id, source_id, kind, message_time, fingerprint, body, state, answer_status, answer_body, nhs_number, received_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT(client_id, source_id) DO UPDATE SET
                agency_id = excluded.agency_id, kind = excluded.kind, message_time = excluded.message_time, fingerprint = excluded.fingerprint,
                body = excluded.body, state = excluded.state, answer_status = excluded.answer_status, answer_body = excluded.answer_body,
                nhs_number = excluded.nhs_number, received_at = excluded.received_at, decided_by = NULL, decided_at = NULL
            WHERE excluded.message_time >= feed_message.message_time
            """, cancellationToken, message.ClientId, message.AgencyId, message.SourceId, (int)message.Kind, Millis(message.MessageTime), message.Fingerprint,
            message.Body, (int)message.State, message.AnswerStatus, message.AnswerBody, NullIfEmpty(message.NhsNumber), Millis(message.ReceivedAt)).ConfigureAwait(false);
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
