namespace Patchwork.Graph.Access;

/// <summary>
/// A professional's stated reason for opening one network they have no team relationship with. It opens that
/// network for a limited time and waits in the review queue until an information-governance officer reviews it.
/// </summary>
public sealed record BreakGlassGrant(
    long Id,
    string ProfessionalId,
    string ProfessionalName,
    string PersonId,
    string Reason,
    DateTimeOffset GrantedAt,
    DateTimeOffset ExpiresAt,
    string? ReviewedBy = null,
    DateTimeOffset? ReviewedAt = null,
    string? ReviewNote = null)
{
    public bool IsActiveAt(DateTimeOffset now) => GrantedAt <= now && now < ExpiresAt;

    public bool IsReviewed => ReviewedAt is not null;
}

/// <summary>Where break-glass grants are kept.</summary>
public interface IAccessGrants
{
    Task<BreakGlassGrant> GrantAsync(string professionalId, string professionalName, string personId, string reason, DateTimeOffset grantedAt, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    Task<BreakGlassGrant?> ActiveGrantAsync(string professionalId, string personId, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<BreakGlassGrant>> AwaitingReviewAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<BreakGlassGrant>> RecentGrantsAsync(int take = 200, CancellationToken cancellationToken = default);

    /// <summary>Marks a grant reviewed. Returns false when it does not exist or was already reviewed.</summary>
    Task<bool> ReviewAsync(long grantId, string reviewedBy, string note, DateTimeOffset reviewedAt, CancellationToken cancellationToken = default);
}
