using Patchwork.Graph.Model;
using Patchwork.Graph.Network;

namespace Patchwork.Web.Features.Changes;

public enum ChangeKind
{
    AddToTeam,
    HandOverLead,
    EndInvolvement,
    Invite,
    RecordContact,
    PlanVisit,
    RaiseConcern,
    AddFamilyMember,
    MoveHousehold,
    EndTie,
    AddTie,
}

/// <summary>
/// A change someone asked to make from the network page, with the revision of the network they were looking at:
/// the write is refused if the network moved on since.
/// </summary>
public sealed record ChangeRequest(ChangeKind Kind, string PersonId, string PersonName, long Revision, IReadOnlyList<TeamMember> Team)
{
    /// <summary>The team member an end or a handover is about.</summary>
    public TeamMember? Member { get; init; }

    /// <summary>The membership or family tie to end, with the name of what it leads to.</summary>
    public (RelationshipKey Key, string OtherName)? Tie { get; init; }

    /// <summary>The person on screen a new family tie joins the focus person to.</summary>
    public (string Id, string Name)? Relative { get; init; }

    /// <summary>The households on screen, for adding a family member or a move.</summary>
    public IReadOnlyList<Household> Households { get; init; } = [];

    public string Title => Kind switch
    {
        ChangeKind.AddToTeam => $"Add a professional to {PersonName}'s team",
        ChangeKind.HandOverLead => Team.Any(m => m.IsLead) ? $"Hand over the lead for {PersonName}" : $"Assign a lead professional for {PersonName}",
        ChangeKind.EndInvolvement => $"Take {Member?.Professional.DisplayName} off {PersonName}'s team",
        ChangeKind.Invite => $"Invite a professional into {PersonName}'s team",
        ChangeKind.RecordContact => $"Record a contact with {PersonName}",
        ChangeKind.PlanVisit => $"Plan a visit to {PersonName}",
        ChangeKind.RaiseConcern => $"Raise a concern about {PersonName}",
        ChangeKind.AddFamilyMember => $"Add a family member of {PersonName}",
        ChangeKind.MoveHousehold => $"Record where {PersonName} lives",
        ChangeKind.EndTie => $"End {PersonName}'s tie to {Tie?.OtherName}",
        ChangeKind.AddTie => $"Record how {Relative?.Name} is family of {PersonName}",
        _ => "Change",
    };
}
