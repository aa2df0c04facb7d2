using Patchwork.Graph.Model;
using Patchwork.Graph.Network;

namespace Patchwork.Graph.Coordination;

/// <summary>A client without a lead whose last lead's involvement ended recently: when it ended, and who the lead was.</summary>
public sealed record LeadEndedClient(
    string Id,
    string Name,
    DateOnly? DateOfBirth,
    DateOnly LeadEnded,
    string LeadId,
    string LeadName,
    string LeadRole);

/// <summary>A client nobody has recorded a contact with for a long time; <see cref="LastContact"/> is null when none is recorded.</summary>
public sealed record UncontactedClient(
    string Id,
    string Name,
    DateOnly? DateOfBirth,
    ContactSummary? LastContact);

/// <summary>
/// A planned contact: with whom, by whom, from which agency (the one the professional works for on the contact's
/// day, if any) and when. <see cref="Sensitive"/> is set when the agency or the involvement is a sensitive service.
/// </summary>
public sealed record PlannedContact(
    string PersonId,
    string PersonName,
    string ProfessionalId,
    string ProfessionalName,
    string? AgencyName,
    DateTimeOffset At,
    ContactKind Kind,
    bool Sensitive);
