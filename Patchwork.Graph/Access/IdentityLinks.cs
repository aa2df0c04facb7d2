namespace Patchwork.Graph.Access;

/// <summary>
/// A professional as one identity provider knows them: its issuer and the subject it gives the person's account
/// (Entra ID's <c>oid</c>, elsewhere <c>sub</c>). Made at the first sign-in by work email; later sign-ins match by
/// issuer and subject first, so a second account that carries the same email is not taken for the same person.
/// </summary>
public sealed record IdentityLink(string Issuer, string Subject, string ProfessionalId, string Email, DateTimeOffset LinkedAt);

/// <summary>Where identity links are kept, beside the audit trail.</summary>
public interface IIdentityLinks
{
    Task<IdentityLink?> FindAsync(string issuer, string subject, CancellationToken cancellationToken = default);

    /// <summary>Every link of one professional, oldest first.</summary>
    Task<IReadOnlyList<IdentityLink>> ForProfessionalAsync(string professionalId, CancellationToken cancellationToken = default);

    /// <summary>Records a link. Returns false, changing nothing, when the issuer and subject are already linked, or the professional already has another subject at that issuer.</summary>
    Task<bool> LinkAsync(IdentityLink link, CancellationToken cancellationToken = default);

    /// <summary>Removes a professional's links (at one issuer, or at all); returns how many went.</summary>
    Task<int> UnlinkAsync(string professionalId, string? issuer = null, CancellationToken cancellationToken = default);
}
