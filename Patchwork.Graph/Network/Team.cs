using Patchwork.Graph.Model;

namespace Patchwork.Graph.Network;

/// <summary>When a contact happened (or is planned) and how; for one that happened, whether the child was seen, and seen alone.</summary>
public sealed record ContactSummary(DateTimeOffset At, ContactKind Kind, bool? Seen = null, bool? SeenAlone = null);

/// <summary>
/// One professional on a person's team at a date: the three things practitioners asked for first -
/// who and how to reach them, when they were last in contact, and when they visit next. <see cref="Redacted"/>
/// marks the stand-in for a sensitive service the viewer is outside of ("contact via coordinator").
/// </summary>
public sealed record TeamMember(
    Professional Professional,
    Involvement Involvement,
    Agency? Agency,
    string? Team,
    ContactSummary? LastContact,
    ContactSummary? NextVisit,
    bool Redacted = false)
{
    public bool IsLead => Involvement.Lead;

    /// <summary>Sensitive when the involvement is, or when the agency is a sensitive service.</summary>
    public bool IsSensitive => Involvement.Sensitive || Agency?.Sensitive == true;
}

/// <summary>Orders a team the way a practitioner reads it: the lead first, then by name.</summary>
public static class TeamOrder
{
    public static IReadOnlyList<TeamMember> Sort(IEnumerable<TeamMember> members) =>
        [.. members
            .OrderByDescending(m => m.Involvement.Lead)
            .ThenBy(m => m.Professional.FamilyName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(m => m.Professional.GivenName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(m => m.Professional.Id, StringComparer.Ordinal)
            .ThenBy(m => m.Involvement.Period.Since)];
}
