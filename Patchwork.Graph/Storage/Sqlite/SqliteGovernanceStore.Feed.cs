using Microsoft.Data.Sqlite;
using Patchwork.Graph.Feed;
using static Patchwork.Graph.Storage.Sqlite.SqliteRows;

namespace Patchwork.Graph.Storage.Sqlite;

/// <summary>Feed messages from other systems, beside the audit trail in the same file.</summary>
internal sealed partial class SqliteGovernanceStore : IFeedMessageStore
{
    private const string FeedColumns = "id, client_id, agency_id, source_id, kind, message_time, fingerprint, body, state, answer_status, answer_body, nhs_number, received_at, decided_by, decided_at";

    public Task<FeedMessage?> FindFeedMessageAsync(string clientId, string sourceId, CancellationToken cancellationToken = default) =>
        Task.FromResult(ReadFeed($"SELECT {FeedColumns} FROM feed_message WHERE client_id = $client AND source_id = $source",
            c => c.With("$client", clientId).With("$source", sourceId)).FirstOrDefault());

    public Task<FeedMessage?> FindFeedMessageAsync(long id, CancellationToken cancellationToken = default) =>
        Task.FromResult(ReadFeed($"SELECT {FeedColumns} FROM feed_message WHERE id = $id", c => c.With("$id", id)).FirstOrDefault());

    public Task<(int Status, string Body)?> FindFeedAnswerAsync(string clientId, string sourceId, string fingerprint, CancellationToken cancellationToken = default) =>
        Task.FromResult(Read("SELECT answer_status, answer_body FROM feed_answer WHERE client_id = $client AND source_id = $source AND fingerprint = $fingerprint",
            c => c.With("$client", clientId).With("$source", sourceId).With("$fingerprint", fingerprint),
            r => ((int Status, string Body)?)(r.GetInt32(0), r.GetString(1))).FirstOrDefault());

    public async Task<FeedClaim> ClaimFeedMessageAsync(string clientId, string sourceId, DateTimeOffset at, DateTimeOffset staleBefore, CancellationToken cancellationToken = default)
    {
        using var lease = await Pool.RentWriterAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = lease.Session.Begin();
        var claimedAt = lease.Session.Command("SELECT claimed_at FROM feed_claim WHERE client_id = $client AND source_id = $source")
            .With("$client", clientId).With("$source", sourceId).ExecuteScalar() as long?;
        if (claimedAt is { } existing && existing >= Millis(staleBefore))
        {
            return FeedClaim.Busy;
        }

        lease.Session.Command("INSERT INTO feed_claim(client_id, source_id, claimed_at) VALUES ($client, $source, $at) ON CONFLICT(client_id, source_id) DO UPDATE SET claimed_at = excluded.claimed_at")
            .With("$client", clientId).With("$source", sourceId).With("$at", Millis(at)).ExecuteNonQuery();
        transaction.Commit();
        return claimedAt is null ? FeedClaim.Claimed : FeedClaim.TakenOver;
    }

    public async Task ReleaseFeedMessageAsync(string clientId, string sourceId, CancellationToken cancellationToken = default)
    {
        using var lease = await Pool.RentWriterAsync(cancellationToken).ConfigureAwait(false);
        lease.Session.Command("DELETE FROM feed_claim WHERE client_id = $client AND source_id = $source")
            .With("$client", clientId).With("$source", sourceId).ExecuteNonQuery();
    }

    public async Task<FeedMessage> KeepFeedMessageAsync(FeedMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        using (var lease = await Pool.RentWriterAsync(cancellationToken).ConfigureAwait(false))
        {
            using var transaction = lease.Session.Begin();
            // The comparison with the message already kept happens under the write lock.
            lease.Session.Command("""
                INSERT INTO feed_message(client_id, agency_id, source_id, kind, message_time, fingerprint, body, state, answer_status, answer_body, nhs_number, received_at)
                VALUES ($client, $agency, $source, $kind, $time, $fingerprint, $body, $state, $status, $answer, $nhs, $received)
                ON CONFLICT(client_id, source_id) DO UPDATE SET
                    agency_id = excluded.agency_id, kind = excluded.kind, message_time = excluded.message_time, fingerprint = excluded.fingerprint,
                    body = excluded.body, state = excluded.state, answer_status = excluded.answer_status, answer_body = excluded.answer_body,
                    nhs_number = excluded.nhs_number, received_at = excluded.received_at, decided_by = NULL, decided_at = NULL
                WHERE excluded.message_time >= feed_message.message_time
                """)
                .With("$client", message.ClientId).With("$agency", message.AgencyId).With("$source", message.SourceId).With("$kind", (int)message.Kind)
                .With("$time", Millis(message.MessageTime)).With("$fingerprint", message.Fingerprint).With("$body", message.Body).With("$state", (int)message.State)
                .With("$status", message.AnswerStatus).With("$answer", message.AnswerBody).With("$nhs", Text(message.NhsNumber)).With("$received", Millis(message.ReceivedAt))
                .ExecuteNonQuery();
            // The first answer to a fingerprint stays: a replay gets what the first sending got.
            lease.Session.Command("""
                INSERT INTO feed_answer(client_id, source_id, fingerprint, answer_status, answer_body, answered_at)
                VALUES ($client, $source, $fingerprint, $status, $answer, $received)
                ON CONFLICT(client_id, source_id, fingerprint) DO NOTHING
                """)
                .With("$client", message.ClientId).With("$source", message.SourceId).With("$fingerprint", message.Fingerprint)
                .With("$status", message.AnswerStatus).With("$answer", message.AnswerBody).With("$received", Millis(message.ReceivedAt))
                .ExecuteNonQuery();
            lease.Session.Command("DELETE FROM feed_claim WHERE client_id = $client AND source_id = $source")
                .With("$client", message.ClientId).With("$source", message.SourceId).ExecuteNonQuery();
            transaction.Commit();
        }

        return (await FindFeedMessageAsync(message.ClientId, message.SourceId, cancellationToken).ConfigureAwait(false))!;
    }

    public Task<IReadOnlyList<FeedMessage>> HeldFeedMessagesAsync(int take = 100, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<FeedMessage>>(ReadFeed($"SELECT {FeedColumns} FROM feed_message WHERE state = {(int)FeedState.Held} ORDER BY received_at, id LIMIT $take",
            c => c.With("$take", take)));

    public async Task<bool> DecideFeedMessageAsync(long id, FeedState state, string decidedBy, DateTimeOffset decidedAt, CancellationToken cancellationToken = default)
    {
        using var lease = await Pool.RentWriterAsync(cancellationToken).ConfigureAwait(false);
        return lease.Session.Command($"UPDATE feed_message SET state = $state, decided_by = $by, decided_at = $at WHERE id = $id AND state = {(int)FeedState.Held}")
            .With("$state", (int)state).With("$by", decidedBy).With("$at", Millis(decidedAt)).With("$id", id)
            .ExecuteNonQuery() == 1;
    }

    private List<FeedMessage> ReadFeed(string sql, Action<SqliteCommand> bind) =>
        Read(sql, bind, r => new FeedMessage(
            r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), (FeedKind)r.GetInt32(4), r.InstantAt(5), r.GetString(6), r.GetString(7),
            (FeedState)r.GetInt32(8), r.GetInt32(9), r.GetString(10), r.OptionalTextAt(11), r.InstantAt(12), r.OptionalTextAt(13), r.IsDBNull(14) ? null : r.InstantAt(14)));
}
