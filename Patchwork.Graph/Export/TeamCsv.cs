using System.Globalization;
using Patchwork.Graph.Network;

namespace Patchwork.Graph.Export;

/// <summary>The team around a person as spreadsheet-safe CSV: who, their role, how to reach them, last and next contact.</summary>
public static class TeamCsv
{
    public static readonly string[] Headings =
        ["name", "role", "lead", "agency", "team", "phone", "email", "last contact (UTC)", "next visit (UTC)", "sensitive"];

    public static string Write(IEnumerable<TeamMember> team) => SafeCsv.Write(Headings, team.Select(m => new[]
    {
        m.Professional.DisplayName,
        m.Involvement.Role,
        m.IsLead ? "yes" : "no",
        m.Agency?.Name,
        m.Team,
        m.Professional.Phone,
        m.Professional.Email,
        Contact(m.LastContact),
        Contact(m.NextVisit),
        m.IsSensitive ? "yes" : "no",
    }));

    private static string? Contact(ContactSummary? contact) => contact is null
        ? null
        : $"{contact.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {contact.Kind.ToString().ToLowerInvariant()}";
}
