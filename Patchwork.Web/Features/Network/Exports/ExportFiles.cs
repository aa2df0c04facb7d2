using System.Text;
using Patchwork.Graph.Access;

namespace Patchwork.Web.Features.Network.Exports;

/// <summary>What exported files are called, and how a link names the audience an export is for.</summary>
public static class ExportFiles
{
    /// <summary>"network-ava-turner-2026-07-01.svg"; from a meeting, "meeting-ava-turner-2026-07-01.svg".</summary>
    public static string Diagram(string focusName, DateOnly asOf, Audience audience, string extension) =>
        $"{(audience.IsMeeting() ? "meeting" : "network")}-{Slug(focusName)}-{Formats.Iso(asOf)}.{extension}";

    public static string Team(string personId, DateOnly asOf) => $"team-{Slug(personId)}-{Formats.Iso(asOf)}.csv";

    /// <summary>The team CSV of a network at a date, for the same audience as the screen it is taken from.</summary>
    public static string TeamUrl(string personId, DateOnly asOf, Audience audience) =>
        $"/network/{Uri.EscapeDataString(personId)}/team.csv?asAt={Formats.Iso(asOf)}&audience={AudienceName(audience)}";

    public static string AudienceName(Audience audience) => audience switch
    {
        Audience.Meeting => "meeting",
        Audience.MeetingWithContacts => "meeting-with-contacts",
        _ => "viewer",
    };

    /// <summary>Reads an audience from a link; anything else is the viewer alone, which shows no more than they may see.</summary>
    public static Audience ParseAudience(string? name) => name switch
    {
        "meeting" => Audience.Meeting,
        "meeting-with-contacts" => Audience.MeetingWithContacts,
        _ => Audience.Viewer,
    };

    private static string Slug(string text)
    {
        var slug = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().Trim('-') is { Length: > 0 } done ? done : "network";
    }
}
