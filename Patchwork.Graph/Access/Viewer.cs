using Patchwork.Graph.Model;

namespace Patchwork.Graph.Access;

/// <summary>
/// The signed-in professional on whose behalf a question is asked. Every domain service that returns people
/// takes one, so what each person sees is decided here, never in a screen.
/// </summary>
public sealed record Viewer(string ProfessionalId, string Name, string Email, IReadOnlySet<ProfessionalRole> Roles)
{
    public bool Is(ProfessionalRole role) => Roles.Contains(role);

    public bool IsCoordinator => Is(ProfessionalRole.Coordinator);

    public bool IsInformationGovernance => Is(ProfessionalRole.InformationGovernance);

    /// <summary>
    /// Set for another system (an API client) speaking for an agency: it reads and writes as a practitioner of that
    /// agency would, on the networks where someone of the agency is on the team, and is inside that agency alone.
    /// </summary>
    public string? ActsForAgencyId { get; init; }

    /// <summary>
    /// Another system speaking for an agency. Its id names it in the audit trail, prefixed so that it can never be
    /// taken for a professional's.
    /// </summary>
    public static Viewer ForClient(string clientId, string agencyId) =>
        new(ClientActorPrefix + clientId, $"System client {clientId}", "", new HashSet<ProfessionalRole> { ProfessionalRole.Practitioner })
        {
            ActsForAgencyId = agencyId,
        };

    /// <summary>How the audit trail tells a system client's entries from a professional's.</summary>
    public const string ClientActorPrefix = "client:";

    public static Viewer For(Professional professional) =>
        new(professional.Id, professional.DisplayName, professional.Email ?? "", professional.RoleList.ToHashSet());
}
