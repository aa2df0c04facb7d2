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

    public static Viewer For(Professional professional) =>
        new(professional.Id, professional.DisplayName, professional.Email ?? "", professional.RoleList.ToHashSet());
}
