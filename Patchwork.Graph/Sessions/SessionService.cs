using System.Security.Cryptography;
using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Model;

namespace Patchwork.Graph.Sessions;

/// <summary>
/// Signed-in sessions as the product uses them: started at sign-in, resumed on each request while the lifetime rules
/// allow, ended by signing out, by timing out, or by an administrator ending every session of a person (audited).
/// </summary>
public sealed class SessionService(ISessionStore store, SessionPolicy policy, IAuditTrail audit)
{
    public const string SignedOut = "signed out";

    public SessionPolicy Policy => policy;

    /// <summary>A new session key: 256 random bits, URL-safe.</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Starts a session for someone who has just signed in, keeping <paramref name="ticket"/> for it.</summary>
    public Task<UserSession> StartAsync(string key, string? professionalId, string name, string? email, byte[] ticket, CancellationToken cancellationToken = default) =>
        StartAsync(key, professionalId, name, email, ticket, sid: null, cancellationToken);

    /// <summary>Starts a session begun from the provider session <paramref name="sid"/> (the id token's <c>sid</c>).</summary>
    public async Task<UserSession> StartAsync(string key, string? professionalId, string name, string? email, byte[] ticket, string? sid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var session = policy.Begin(key, professionalId, name, email, sid);
        await store.StartAsync(session, ticket, cancellationToken).ConfigureAwait(false);
        return session;
    }

    /// <summary>
    /// The session and its ticket while it is active, its last use brought up to date; null once it has ended or
    /// timed out (a session found timed out is ended here, so the store says why).
    /// </summary>
    public async Task<StoredSession?> ResumeAsync(string key, CancellationToken cancellationToken = default)
    {
        var stored = await ActiveOrEndAsync(key, cancellationToken).ConfigureAwait(false);
        if (stored is not null && policy.IsDueForTouch(stored.Session))
        {
            var now = policy.Now;
            await store.TouchAsync(key, now, cancellationToken).ConfigureAwait(false);
            stored = stored with { Session = stored.Session with { LastSeenAt = now } };
        }

        return stored;
    }

    /// <summary>Whether the session is still active, without counting this as a use (an open page checking in).</summary>
    public async Task<bool> IsActiveAsync(string key, CancellationToken cancellationToken = default) =>
        await ActiveOrEndAsync(key, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>The session and its ticket while it is active, without counting this as a use (an open page checking in).</summary>
    public Task<StoredSession?> PeekAsync(string key, CancellationToken cancellationToken = default) => ActiveOrEndAsync(key, cancellationToken);

    /// <summary>Counts a use of the session (someone working on an open page) when its last use is due to be written.</summary>
    public async Task<bool> TouchAsync(string key, CancellationToken cancellationToken = default)
    {
        var stored = await ActiveOrEndAsync(key, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return false;
        }

        if (policy.IsDueForTouch(stored.Session))
        {
            await store.TouchAsync(key, policy.Now, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Keeps a renewed ticket for an active session; false when the session has ended.</summary>
    public Task<bool> RenewAsync(string key, byte[] ticket, CancellationToken cancellationToken = default) =>
        store.ReplaceTicketAsync(key, ticket, policy.Now, cancellationToken);

    /// <summary>
    /// Keeps a renewed ticket without counting a use (an open page's revalidation): the last use stays as it was, so
    /// the idle timeout still runs.
    /// </summary>
    public Task<bool> RenewWithoutUseAsync(UserSession session, byte[] ticket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        return store.ReplaceTicketAsync(session.Key, ticket, session.LastSeenAt, cancellationToken);
    }

    /// <summary>Ends one session (signing out); false when it had already ended.</summary>
    public Task<bool> EndAsync(string key, string reason = SignedOut, CancellationToken cancellationToken = default) =>
        store.EndAsync(key, policy.Now, reason, cancellationToken);

    /// <summary>
    /// Ends every session of a professional, wherever they are signed in, and records in the audit trail who did it
    /// and how many sessions it ended.
    /// </summary>
    public async Task<IReadOnlyList<UserSession>> EndAllAsync(string professionalId, string actor, string actorName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(professionalId);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(actorName);
        var ended = await store.EndAllAsync(professionalId, policy.Now, $"ended by {actorName}", cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(
            new AuditEntry(actor, actorName, AuditActions.EndSessions, $"professional:{professionalId}", [], null, $"{ended.Count} session(s) ended"),
            cancellationToken).ConfigureAwait(false);
        return ended;
    }

    /// <summary>
    /// Ends the sessions started from one provider session (a logout from the identity provider naming its
    /// <c>sid</c>); a person's other sessions, from other provider sessions, stand.
    /// </summary>
    public Task<IReadOnlyList<UserSession>> EndBySidAsync(string sid, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sid);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return store.EndBySidAsync(sid, policy.Now, reason, cancellationToken);
    }

    /// <summary>Everyone's sessions in use now, for an administrator; refused to anyone else.</summary>
    public Task<IReadOnlyList<UserSession>> ActiveAsync(Viewer administrator, CancellationToken cancellationToken = default)
    {
        RequireAdministrator(administrator);
        return ActiveAsync(professionalId: null, cancellationToken);
    }

    /// <summary>An administrator ends every session of a professional (audited under the administrator's name); refused to anyone else.</summary>
    public Task<IReadOnlyList<UserSession>> EndAllAsync(Viewer administrator, string professionalId, CancellationToken cancellationToken = default)
    {
        RequireAdministrator(administrator);
        return EndAllAsync(professionalId, administrator.ProfessionalId, administrator.Name, cancellationToken);
    }

    /// <summary>The sessions in use now, everyone's or one professional's, newest first.</summary>
    public Task<IReadOnlyList<UserSession>> ActiveAsync(string? professionalId = null, CancellationToken cancellationToken = default) =>
        store.ActiveAsync(policy.Now, policy.SeenSince, professionalId, cancellationToken);

    private static void RequireAdministrator(Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.Is(ProfessionalRole.Administrator))
        {
            throw new AccessDeniedException();
        }
    }

    private async Task<StoredSession?> ActiveOrEndAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var stored = await store.FindSessionAsync(key, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        switch (policy.StateOf(stored.Session))
        {
            case SessionState.Active:
                return stored;
            case SessionState.IdleTimedOut:
                await store.EndAsync(key, policy.Now, $"not used for {Describe(policy.IdleTimeout)}", cancellationToken).ConfigureAwait(false);
                return null;
            case SessionState.Expired:
                await store.EndAsync(key, policy.Now, $"{Describe(policy.AbsoluteLifetime)} after sign-in", cancellationToken).ConfigureAwait(false);
                return null;
            default:
                return null;
        }
    }

    private static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours) ? $"{span.TotalHours:0} hour(s)"
        : span.TotalMinutes >= 1 && span.TotalMinutes == Math.Floor(span.TotalMinutes) ? $"{span.TotalMinutes:0} minute(s)"
        : $"{span.TotalSeconds:0.#} second(s)";
}
