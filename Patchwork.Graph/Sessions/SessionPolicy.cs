using Microsoft.Extensions.Options;

namespace Patchwork.Graph.Sessions;

/// <summary>Where a session stands now.</summary>
public enum SessionState
{
    /// <summary>In use: signed in, used within the idle timeout, inside its absolute lifetime.</summary>
    Active,

    /// <summary>Signed out, or ended by an administrator.</summary>
    Ended,

    /// <summary>Not used for longer than the idle timeout.</summary>
    IdleTimedOut,

    /// <summary>Past its absolute lifetime.</summary>
    Expired,
}

/// <summary>
/// The lifetime rules of a session, on the app's clock: it ends when it has not been used for the idle timeout, when
/// its absolute lifetime is over, or when someone ends it. Kept apart from the store so every store keeps the same rules.
/// </summary>
public sealed class SessionPolicy(IOptions<SessionLifetimeOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan LongestTouchInterval = TimeSpan.FromMinutes(1);

    /// <summary>Now, to the millisecond the stores keep.</summary>
    public DateTimeOffset Now => DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());

    public TimeSpan IdleTimeout => options.Value.IdleTimeout;

    public TimeSpan AbsoluteLifetime => options.Value.AbsoluteLifetime;

    /// <summary>
    /// How stale the recorded last use may get before it is written again: a tenth of the idle timeout, at most a
    /// minute. Writing on every request would cost a write per page and per file; this way a busy session ends at
    /// most this much before its idle timeout, never after it.
    /// </summary>
    public TimeSpan TouchInterval => IdleTimeout / 10 < LongestTouchInterval ? IdleTimeout / 10 : LongestTouchInterval;

    /// <summary>A new session for someone who has just signed in.</summary>
    public UserSession Begin(string key, string? professionalId, string name, string? email, string? sid = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var now = Now;
        return new UserSession(key, professionalId, name, email, now, now, now + AbsoluteLifetime, Sid: string.IsNullOrEmpty(sid) ? null : sid);
    }

    public SessionState StateOf(UserSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var now = Now;
        if (session.EndedAt is not null)
        {
            return SessionState.Ended;
        }

        if (now >= session.ExpiresAt)
        {
            return SessionState.Expired;
        }

        return now - session.LastSeenAt >= IdleTimeout ? SessionState.IdleTimedOut : SessionState.Active;
    }

    /// <summary>Whether the session's last use should be written again now.</summary>
    public bool IsDueForTouch(UserSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Now - session.LastSeenAt >= TouchInterval;
    }

    /// <summary>Sessions last used before this have timed out.</summary>
    public DateTimeOffset SeenSince => Now - IdleTimeout;
}
