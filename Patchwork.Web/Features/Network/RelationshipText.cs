using Patchwork.Graph.Model;

namespace Patchwork.Web.Features.Network;

/// <summary>A relationship in words, seen from one of its ends: "parent of Ava Turner", "lives at 14 Elm Road".</summary>
public static class RelationshipText
{
    public static string Describe(SceneEdge edge, NodeRef from, Scene scene)
    {
        var outgoing = edge.From == from;
        var other = scene.Find(outgoing ? edge.To : edge.From)?.Name ?? (outgoing ? edge.To.Id : edge.From.Id);
        var text = edge.Relationship switch
        {
            Membership => outgoing ? $"lives at {other}" : $"home of {other}",
            FamilyTie tie => $"{FamilyWord(tie.Kind, outgoing)} {other}",
            Employment job => outgoing ? $"works for {other}{(job.Team is null ? "" : $" ({job.Team})")}" : $"employs {other}",
            Involvement involvement => outgoing
                ? $"{(involvement.Lead ? "lead " : "")}{involvement.Role} for {other}"
                : $"{other}: {(involvement.Lead ? "lead, " : "")}{involvement.Role}",
            _ => other,
        };
        var since = $"since {Formats.Day(edge.Relationship.Period.Since)}";
        return edge.Change switch
        {
            EdgeChange.Ended => $"{text} (ended {Formats.Day(edge.Relationship.Period.Until!.Value)})",
            EdgeChange.Joined => $"{text} (new: {since})",
            _ => $"{text} ({since})",
        };
    }

    private static string FamilyWord(FamilyKind kind, bool outgoing) => (kind, outgoing) switch
    {
        (FamilyKind.Parent, true) => "parent of",
        (FamilyKind.Parent, false) => "child of",
        (FamilyKind.Grandparent, true) => "grandparent of",
        (FamilyKind.Grandparent, false) => "grandchild of",
        (FamilyKind.Carer, true) => "carer for",
        (FamilyKind.Carer, false) => "cared for by",
        (FamilyKind.Sibling, _) => "sibling of",
        (FamilyKind.Partner, _) => "partner of",
        _ => "family of",
    };
}
