namespace Patchwork.Graph.Sessions;

/// <summary>
/// One signed-in session, kept on the server so that ending it ends it for every copy of its cookie and on every
/// app server: who it is, when it started, when it was last used, and when it ends at the latest.
/// </summary>
/// <param name="Key">The random key the session cookie carries, and nothing else about the user.</param>
/// <param name="ProfessionalId">The professional signed in, or null for a user who is not linked to one.</param>
/// <param name="Name">Who signed in, as people read it.</param>
/// <param name="Email">The email the identity provider gave, when it gave one.</param>
/// <param name="CreatedAt">When the user signed in.</param>
/// <param name="LastSeenAt">When the session was last used (to within the policy's touch interval).</param>
/// <param name="ExpiresAt">The end of its absolute lifetime, however busy it is.</param>
/// <param name="EndedAt">When it was ended (signed out, timed out or ended by an administrator), or null.</param>
/// <param name="EndReason">Why it ended, in words an administrator reads.</param>
/// <param name="Sid">
/// The identity provider's session id (the id token's <c>sid</c>), when it sent one: a logout from the provider that
/// names it ends exactly the sessions started from that provider session.
/// </param>
public sealed record UserSession(
    string Key,
    string? ProfessionalId,
    string Name,
    string? Email,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? EndedAt = null,
    string? EndReason = null,
    string? Sid = null);

/// <summary>A session and what the sign-in handler keeps for it (its ticket, protected, opaque to the store).</summary>
public sealed record StoredSession(UserSession Session, byte[] Ticket);

/// <summary>
/// Where sessions are kept: the governance store, beside the audit trail (SQLite in the graph's file, or later
/// PostgreSQL), so every app server sees the same sessions. The store keeps what it is told; the lifetime rules are
/// <see cref="SessionPolicy"/>'s.
/// </summary>
public interface ISessionStore
{
    /// <summary>Records a new session with its ticket.</summary>
    Task StartAsync(UserSession session, byte[] ticket, CancellationToken cancellationToken = default);

    /// <summary>The session with this key, ended or not, or null when there is none.</summary>
    Task<StoredSession?> FindSessionAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Marks a session that has not ended as used at <paramref name="at"/>.</summary>
    Task TouchAsync(string key, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Replaces the ticket of a session that has not ended; false when it has ended or does not exist.</summary>
    Task<bool> ReplaceTicketAsync(string key, byte[] ticket, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Ends one session and forgets its ticket; false when it had already ended or does not exist.</summary>
    Task<bool> EndAsync(string key, DateTimeOffset at, string reason, CancellationToken cancellationToken = default);

    /// <summary>Ends every session of a professional that has not ended yet, and returns those it ended.</summary>
    Task<IReadOnlyList<UserSession>> EndAllAsync(string professionalId, DateTimeOffset at, string reason, CancellationToken cancellationToken = default);

    /// <summary>Ends every session started from the provider session <paramref name="sid"/> that has not ended yet, and returns those it ended.</summary>
    Task<IReadOnlyList<UserSession>> EndBySidAsync(string sid, DateTimeOffset at, string reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// The sessions that have not ended, whose absolute lifetime runs past <paramref name="now"/> and that were used
    /// at or after <paramref name="seenSince"/>; only <paramref name="professionalId"/>'s when given. Newest first.
    /// </summary>
    Task<IReadOnlyList<UserSession>> ActiveAsync(DateTimeOffset now, DateTimeOffset seenSince, string? professionalId = null, CancellationToken cancellationToken = default);
}
