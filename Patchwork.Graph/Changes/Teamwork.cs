namespace Patchwork.Graph.Changes;

public enum InvitationStatus
{
    Pending,
    Accepted,
    Declined,
}

/// <summary>
/// An invitation to join a client's team: the invitee sees it after signing in and accepts (which records their
/// involvement) or declines. While it is pending the invitee may open the client's network, to decide.
/// </summary>
public sealed record Invitation(
    long Id,
    string PersonId,
    string ProfessionalId,
    string Role,
    string? Message,
    string InvitedBy,
    string InvitedByName,
    DateTimeOffset InvitedAt,
    InvitationStatus Status = InvitationStatus.Pending,
    DateTimeOffset? RespondedAt = null);

/// <summary>"Increased concern" about a client, flagged by a member of their team on behalf of their agency.</summary>
public sealed record Concern(
    long Id,
    string PersonId,
    string RaisedBy,
    string RaisedByName,
    string? AgencyId,
    string? AgencyName,
    DateTimeOffset RaisedAt,
    string Note)
{
    /// <summary>
    /// Whether concerns come from two or more agencies: what brings a client to the coordinator. A concern raised by
    /// someone with no agency counts as their own.
    /// </summary>
    public static bool FromSeveralAgencies(IEnumerable<Concern> concerns) =>
        concerns.Select(c => c.AgencyId ?? c.RaisedBy).Distinct(StringComparer.Ordinal).Skip(1).Any();
}

/// <summary>Invitations into teams. Kept with the audit trail and grants: workflow, not part of the graph.</summary>
public interface IInvitationStore
{
    Task<Invitation> AddAsync(Invitation invitation, CancellationToken cancellationToken = default);

    Task<Invitation?> FindAsync(long id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Invitation>> PendingForProfessionalAsync(string professionalId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Invitation>> PendingForPersonAsync(string personId, CancellationToken cancellationToken = default);

    /// <summary>Answers a pending invitation; false when it was no longer pending (answered meanwhile).</summary>
    Task<bool> RespondAsync(long id, InvitationStatus answer, DateTimeOffset at, CancellationToken cancellationToken = default);
}

/// <summary>Concerns raised about clients.</summary>
public interface IConcernStore
{
    Task<Concern> AddAsync(Concern concern, CancellationToken cancellationToken = default);

    /// <summary>A client's concerns raised at or after <paramref name="since"/>, newest first.</summary>
    Task<IReadOnlyList<Concern>> ForPersonAsync(string personId, DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>Every concern raised in [<paramref name="from"/>, <paramref name="to"/>), for the coordinator's list.</summary>
    Task<IReadOnlyList<Concern>> RaisedBetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}
