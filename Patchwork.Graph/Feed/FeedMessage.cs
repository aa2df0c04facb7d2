namespace Patchwork.Graph.Feed;

/// <summary>What a feed message asks for: an involvement, a contact (or a planned visit), a status.</summary>
public enum FeedKind
{
    Involvement,
    Contact,
    Status,
}

/// <summary>Where a stored feed message stands.</summary>
public enum FeedState
{
    /// <summary>Written to the graph; its answer is what a replay gets.</summary>
    Applied,

    /// <summary>Names an NHS number nobody has: waits for a coordinator to match it.</summary>
    Held,

    /// <summary>A coordinator matched it to a person and it was written.</summary>
    Matched,

    /// <summary>A coordinator rejected it: nothing was written.</summary>
    Rejected,
}

/// <summary>
/// One message a system client sent, kept under the client and the source system's own id so that a replay gets
/// the first answer and an older message never overwrites a newer one. <see cref="MessageTime"/> orders messages
/// of one source id (the message's own time: an involvement's or status's end, else its start; a contact's time);
/// <see cref="Fingerprint"/> tells a replay from a change. <see cref="Body"/> is the message as understood, so a
/// held one can be applied once it is matched.
/// </summary>
public sealed record FeedMessage(
    long Id,
    string ClientId,
    string AgencyId,
    string SourceId,
    FeedKind Kind,
    DateTimeOffset MessageTime,
    string Fingerprint,
    string Body,
    FeedState State,
    int AnswerStatus,
    string AnswerBody,
    string? NhsNumber,
    DateTimeOffset ReceivedAt,
    string? DecidedBy = null,
    DateTimeOffset? DecidedAt = null);

/// <summary>How a claim on a client's source id went (see <see cref="IFeedMessageStore.ClaimFeedMessageAsync"/>).</summary>
public enum FeedClaim
{
    /// <summary>Nobody was working on this source id: the caller now is.</summary>
    Claimed,

    /// <summary>
    /// A claim older than the cut-off was found and taken over: an earlier attempt stopped (a server went down) after
    /// it claimed the source id and before it kept its answer, so what it wrote must be looked for before writing.
    /// </summary>
    TakenOver,

    /// <summary>Another request (on this server or another) is working on this source id now.</summary>
    Busy,
}

/// <summary>The feed messages the governance store keeps: what makes the feed idempotent, and the ones held for matching.</summary>
public interface IFeedMessageStore
{
    /// <summary>
    /// The answer first given to the message with this fingerprint under a client and source id, or null: a replay
    /// gets it again even after later messages for the same source id.
    /// </summary>
    Task<(int Status, string Body)?> FindFeedAnswerAsync(string clientId, string sourceId, string fingerprint, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims a client's source id before a message for it is applied, so that one request at a time, on any server,
    /// works on it. A claim made before <paramref name="staleBefore"/> is taken over; a newer one makes this one
    /// <see cref="FeedClaim.Busy"/>. The claim ends when the message is kept, or released.
    /// </summary>
    Task<FeedClaim> ClaimFeedMessageAsync(string clientId, string sourceId, DateTimeOffset at, DateTimeOffset staleBefore, CancellationToken cancellationToken = default);

    /// <summary>Ends a claim without keeping anything (the message was refused and changed nothing).</summary>
    Task ReleaseFeedMessageAsync(string clientId, string sourceId, CancellationToken cancellationToken = default);

    /// <summary>The message last kept under a client and source id, or null.</summary>
    Task<FeedMessage?> FindFeedMessageAsync(string clientId, string sourceId, CancellationToken cancellationToken = default);

    Task<FeedMessage?> FindFeedMessageAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Keeps a message under its client and source id: a new one is added; one already kept is replaced only when
    /// this one is not older (by <see cref="FeedMessage.MessageTime"/>). Its answer is kept under its fingerprint
    /// whichever is newer, and the source id's claim ends, all in one transaction. Returns what is kept afterwards.
    /// </summary>
    Task<FeedMessage> KeepFeedMessageAsync(FeedMessage message, CancellationToken cancellationToken = default);

    /// <summary>Messages held for matching, oldest first.</summary>
    Task<IReadOnlyList<FeedMessage>> HeldFeedMessagesAsync(int take = 100, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a coordinator's decision on a held message (its answer stays the first one, as a replay gets); false
    /// when it is no longer held (someone decided first).
    /// </summary>
    Task<bool> DecideFeedMessageAsync(long id, FeedState state, string decidedBy, DateTimeOffset decidedAt, CancellationToken cancellationToken = default);
}
