using Patchwork.Graph.Model;

namespace Patchwork.Web.Features.Network.Diagram;

/// <summary>
/// How big a node's box is drawn, in diagram units: its kind's width, and tall enough for its name and second line
/// to wrap onto as many lines as they need at the font sizes of where the diagram is read (app.css at a desk,
/// MeetingPage.razor.css in a room), so no word is ever cut short. Boxes are sized here rather than measured by the browser so that the layout can keep them apart
/// and the links are drawn at once.
/// </summary>
public static class NodeBoxes
{
    /// <summary>The fonts of a setting, and the heights of a person's name's lines, a professional's, an agency's and a second line's.</summary>
    private sealed record Fonts(double Name, double Detail, double PersonNameLine, double ProfessionalNameLine, double AgencyNameLine, double DetailLine);

    private static readonly Fonts Desk = new(DiagramFit.DeskNameFont, 12.5, DiagramFit.DeskNameFont * 1.25, DiagramFit.DeskNameFont * 1.25, DiagramFit.DeskNameFont * 1.25, 12.5 * 1.25);

    private static readonly Fonts Room = new(DiagramFit.RoomNameFont, DiagramFit.RoomDetailFont, DiagramFit.RoomNameFont * 1.1, DiagramFit.RoomNameFont * 1.15, DiagramFit.RoomNameFont * 1.25, DiagramFit.RoomDetailFont * 1.25);

    /// <summary>A badge in the flow of a node's words ("+3 more", "ended"): 16 pixels high, 2 apart.</summary>
    private const double BadgeLine = 20;

    /// <summary>
    /// The smallest box of a kind, which every node of the kind is drawn at or taller. In a room, where the words are
    /// larger, professionals and agencies are wider, so that their words wrap onto fewer lines.
    /// </summary>
    public static (double Width, double Height) Least(NodeKind kind, DiagramSetting setting = DiagramSetting.Desk) => (kind, setting) switch
    {
        (NodeKind.Person, _) => (128, 96),
        (NodeKind.Professional, DiagramSetting.Room) => (230, 66),
        (NodeKind.Professional, _) => (210, 66),
        (NodeKind.Agency, DiagramSetting.Room) => (230, 50),
        (NodeKind.Agency, _) => (190, 50),
        _ => (170, 60),
    };

    public static (double Width, double Height) Of(SceneNode node, Scene scene, DiagramSetting setting = DiagramSetting.Desk)
    {
        var fonts = setting == DiagramSetting.Room ? Room : Desk;
        var (width, least) = Least(node.Ref.Kind, setting);
        var badges = (node.MoreCount > 0 ? BadgeLine : 0) + (node.Ended ? BadgeLine : 0);
        var height = node.Node.Node switch
        {
            // The shape (56), then the name under it; the person's box has no border or padding.
            Person => 56 + (Lines(Name(node, scene), width, fonts.Name, bold: true) * fonts.PersonNameLine) + badges,
            // Borders up to 3 pixels and 4-pixel padding above and below, 10 either side.
            Professional => 14 + (Lines(Name(node, scene), width - 26, fonts.Name, bold: true) * fonts.ProfessionalNameLine)
                + (Lines(SecondLine(node, scene), width - 26, fonts.Detail, bold: false) * fonts.DetailLine) + badges,
            // Borders up to 2 pixels and padding above and below, 16 padding either side.
            Agency => 8 + (Lines(Name(node, scene), width - 36, fonts.Name, bold: true) * fonts.AgencyNameLine)
                + (Lines(SecondLine(node, scene), width - 36, fonts.Detail, bold: false) * fonts.DetailLine) + badges,
            _ => least,
        };
        return (width, Math.Max(least, Math.Ceiling(height)));
    }

    /// <summary>The first line a node shows: a person's name and age, a professional's name and whether they lead.</summary>
    public static string Name(SceneNode node, Scene scene) => node.Node.Node switch
    {
        Person person => $"{person.DisplayName}, {NodeDescriptions.AgeText(person, scene.AsOf)}",
        Professional professional => scene.LeadsFocus(node.Ref) ? $"{professional.DisplayName} \u2605 lead" : professional.DisplayName,
        _ => node.Name,
    };

    /// <summary>The second line a node shows: a professional's job and agency, an agency's kind.</summary>
    public static string SecondLine(SceneNode node, Scene scene) => node.Node.Node switch
    {
        Professional professional => string.Join(" \u00b7 ", new[] { professional.JobTitle, scene.AgencyOf(node.Ref)?.Name }.Where(s => !string.IsNullOrEmpty(s))),
        Agency agency => AgencyKindNames.Describe(agency.AgencyKind),
        _ => "",
    };

    /// <summary>
    /// How many lines words wrap onto in a width, breaking between words (and inside a word too long for a line,
    /// as the widgets' overflow-wrap does), from Arial's letter widths rounded up.
    /// </summary>
    public static int Lines(string text, double width, double font, bool bold)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 0;
        }

        var scale = font * (bold ? 1.08 : 1) * 1.05;
        var space = Em(' ') * scale;
        var lines = 1;
        var used = 0.0;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var length = word.Sum(Em) * scale;
            if (used > 0 && used + space + length <= width)
            {
                used += space + length;
                continue;
            }

            if (used > 0)
            {
                lines++;
            }

            // A word longer than the line breaks across as many lines as it fills.
            var extra = (int)Math.Ceiling(length / width) - 1;
            lines += Math.Max(0, extra);
            used = length - (Math.Max(0, extra) * width);
        }

        return lines;
    }

    /// <summary>A letter's advance in Arial, in ems, rounded up.</summary>
    private static double Em(char c) => c switch
    {
        'i' or 'j' or 'l' or '\'' or '\u2019' or '.' or ',' or ':' or ';' or '|' or '!' => 0.28,
        'f' or 't' or 'r' or 'I' or ' ' or '-' or '(' or ')' or '/' or '\u00b7' => 0.34,
        'm' or 'M' or 'W' => 0.86,
        'w' => 0.74,
        >= 'A' and <= 'Z' => 0.73,
        >= '0' and <= '9' => 0.56,
        '\u2605' => 0.8,
        _ => 0.56,
    };
}
