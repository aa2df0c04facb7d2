using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Changes;
using Patchwork.Graph.Feed;
using Patchwork.Graph.Sessions;

namespace Patchwork.Graph.Governance;

/// <summary>
/// Everything Patchwork keeps about its own work rather than about the people in the graph: who looked at what
/// (the audit trail), break-glass grants, invitations and concerns, sessions and sign-in links, the log of which
/// networks changed, the messages other systems fed in, and the keys that protect cookies. One server keeps it in the graph's SQLite file; several
/// servers share it in PostgreSQL, so every one of them gives the same answer to "who looked at this child".
/// </summary>
public interface IGovernanceStore : IAuditTrail, IAccessGrants, IInvitationStore, IConcernStore, ISessionStore, IIdentityLinks, IChangeLog, IDataProtectionKeys, IFeedMessageStore
{
    /// <summary>Creates or upgrades the store's tables; safe when several servers start at once.</summary>
    Task MigrateAsync(CancellationToken cancellationToken = default);
}

/// <summary>One line of the change log: the network of <paramref name="PersonId"/> reached <paramref name="Revision"/>.</summary>
public sealed record ChangeLogEntry(long Sequence, string PersonId, NetworkRevision Revision, DateTimeOffset LoggedAt)
{
    public NetworkChanged Change => new(PersonId, Revision);
}

/// <summary>
/// Which networks changed, in the order the store numbered them: how a server learns of changes made by another
/// server, an import or the <c>patchwork</c> command, and how it catches up after it missed some.
/// </summary>
public interface IChangeLog
{
    /// <summary>Appends one line per change, numbered by the store, and wakes the servers listening.</summary>
    Task AppendChangesAsync(IReadOnlyList<NetworkChanged> changes, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends the audit record of a change together with the change-log lines it causes, in one transaction: a line
    /// is never there without its record, nor a record of a change without its line.
    /// </summary>
    Task<AuditRecord> AppendWithChangesAsync(AuditEntry entry, IReadOnlyList<NetworkChanged> changes, CancellationToken cancellationToken = default);

    /// <summary>The lines after <paramref name="sequence"/>, oldest first, at most <paramref name="take"/>.</summary>
    Task<IReadOnlyList<ChangeLogEntry>> ChangesAfterAsync(long sequence, int take = 500, CancellationToken cancellationToken = default);

    /// <summary>The newest line's number, 0 when there is none: where a server that starts begins to listen.</summary>
    Task<long> LastChangeAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// The data-protection key ring (the XML elements ASP.NET Core writes), kept in the governance store so a cookie or
/// antiforgery token made by one server is read by every other. Synchronous, as the key manager asks.
/// </summary>
public interface IDataProtectionKeys
{
    IReadOnlyList<string> AllKeyElements();

    void StoreKeyElement(string friendlyName, string xml);
}

/// <summary>Where the governance records live: <c>Patchwork:Governance</c>.</summary>
public sealed class GovernanceOptions
{
    public const string Section = "Patchwork:Governance";

    /// <summary><see cref="GovernanceStoreKind.Sqlite"/> (the default: the graph's file) or <see cref="GovernanceStoreKind.PostgreSql"/>.</summary>
    public GovernanceStoreKind Store { get; set; } = GovernanceStoreKind.Sqlite;

    public PostgreSqlGovernanceOptions PostgreSql { get; set; } = new();
}

public enum GovernanceStoreKind
{
    Sqlite,
    PostgreSql,
}

/// <summary><c>Patchwork:Governance:PostgreSql</c>.</summary>
public sealed class PostgreSqlGovernanceOptions
{
    /// <summary>The app's own connection (Npgsql form).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Optional: an owner role's connection. Migrations then run as the owner, and the app's role is granted only
    /// insert and read on the audit tables, so even a compromised app server cannot rewrite the trail.
    /// </summary>
    public string? MigrationConnectionString { get; set; }
}
