using Patchwork.Graph.Model;
using Patchwork.Web.Features.Network;

namespace Patchwork.Web.Features.Meeting;

/// <summary>
/// The professionals who work only with one of the family (not with the focus), drawn in a meeting as one node
/// beside that person, with the agencies only they work for. <see cref="SensitiveServices"/> counts stand-ins for
/// hidden services: they are never counted as professionals of an agency, since the scene holds no agency for them.
/// </summary>
public sealed record ProfessionalGroup(NodeRef Beside, string BesideName, IReadOnlyList<NodeRef> Members, int Professionals, int Agencies, int SensitiveServices)
{
    /// <summary>The group's own reference on the canvas: one group per person.</summary>
    public NodeRef Ref => new(NodeKind.Professional, $"group-{Beside.Id}");

    /// <summary>What the group's node says: "+ 12 professionals from 6 agencies", "+ 2 professionals from 1 agency and a sensitive service".</summary>
    public string Words
    {
        get
        {
            var parts = new List<string>();
            if (Professionals > 0)
            {
                parts.Add($"{Professionals} {(Professionals == 1 ? "professional" : "professionals")} from {Agencies} {(Agencies == 1 ? "agency" : "agencies")}");
            }

            if (SensitiveServices > 0)
            {
                parts.Add(SensitiveServices == 1 ? "a sensitive service" : $"{SensitiveServices} sensitive services");
            }

            return $"+ {string.Join(" and ", parts)}";
        }
    }
}

/// <summary>What a meeting draws: the scene with the grouped professionals and agencies taken out, and the groups.</summary>
public sealed record RoomPicture(Scene Shown, IReadOnlyList<ProfessionalGroup> Groups);

/// <summary>
/// When a network is too big to draw in a meeting with its words readable, the focus's family and the focus's own
/// professionals stay; everyone else's professionals are grouped, one node per person they work with, which the
/// presenter can open one at a time. Works on the scene as drawn, already redacted for the room.
/// </summary>
public static class RoomGrouping
{
    /// <param name="scene">The meeting's scene.</param>
    /// <param name="opened">People whose group the presenter has opened: their professionals are drawn.</param>
    public static RoomPicture Group(Scene scene, IReadOnlySet<NodeRef> opened)
    {
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentNullException.ThrowIfNull(opened);
        var involvements = scene.Edges.Where(e => e.Relationship is Involvement && e.Change != EdgeChange.Ended).ToList();
        var withFocus = involvements.Where(e => e.To == scene.Focus).Select(e => e.From).ToHashSet();
        // A professional who works with several of the family is grouped beside the first of them, by id, so the
        // grouping does not change from one drawing to the next.
        var grouped = involvements
            .Where(e => !withFocus.Contains(e.From) && scene.Find(e.From) is not null && scene.Find(e.To) is not null)
            .GroupBy(e => e.From)
            .Select(g => (Professional: g.Key, Person: g.Select(e => e.To).OrderBy(p => p.Id, StringComparer.Ordinal).First()))
            .Where(p => !opened.Contains(p.Person))
            .ToList();
        if (grouped.Count == 0)
        {
            return new RoomPicture(scene, []);
        }

        var hidden = grouped.Select(g => g.Professional).ToHashSet();
        var employers = scene.Edges.Where(e => e.Relationship is Employment && e.Change != EdgeChange.Ended).ToList();
        // An agency leaves the picture only if nobody still drawn works for it.
        var staying = employers.Where(e => !hidden.Contains(e.From)).Select(e => e.To).ToHashSet();
        var groups = grouped
            .GroupBy(g => g.Person)
            .OrderBy(g => g.Key.Id, StringComparer.Ordinal)
            .Select(g =>
            {
                var members = g.Select(m => m.Professional).OrderBy(m => m.Id, StringComparer.Ordinal).ToList();
                // A sensitive service is counted as one, never by its worker or agency, even for a viewer who may see them.
                var sensitive = members.Where(m => scene.Find(m)!.Node.Redacted || involvements.Any(e => e.From == m && e.Relationship is Involvement { Sensitive: true })).ToHashSet();
                var agencies = employers.Where(e => members.Contains(e.From) && !sensitive.Contains(e.From)).Select(e => e.To).Distinct().Count();
                return new ProfessionalGroup(g.Key, scene.Find(g.Key)!.Name, members, members.Count - sensitive.Count, agencies, sensitive.Count);
            })
            .ToList();
        var gone = hidden.Concat(employers.Where(e => hidden.Contains(e.From) && !staying.Contains(e.To)).Select(e => e.To)).ToHashSet();
        var shown = new Scene(
            scene.AsOf,
            scene.Focus,
            [.. scene.Nodes.Where(n => !gone.Contains(n.Ref))],
            [.. scene.Edges.Where(e => !gone.Contains(e.From) && !gone.Contains(e.To))],
            scene.OmittedFromOpen,
            scene.Statuses);
        return new RoomPicture(shown, groups);
    }
}

/// <summary>
/// What a meeting draws of its scene as the presenter goes: the whole network while its words can be read at the
/// room's size, grouped (<see cref="RoomGrouping"/>) once the diagram finds they cannot, with the groups the
/// presenter has opened drawn in full. The picture is kept while nothing it depends on changes, so the diagram is
/// handed the same scene and does not draw it again.
/// </summary>
public sealed class RoomPictures
{
    private readonly HashSet<NodeRef> opened = [];
    private (Scene Scene, RoomPicture Picture)? last;

    /// <summary>Whether the diagram has found the network too big to draw readably in the room.</summary>
    public bool Crowded { get; private set; }

    public RoomPicture Of(Scene scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        if (last is not { } kept || !ReferenceEquals(kept.Scene, scene))
        {
            last = (scene, Crowded ? RoomGrouping.Group(scene, opened) : new RoomPicture(scene, []));
        }

        return last.Value.Picture;
    }

    /// <summary>The diagram cannot draw this scene readably: groups it, and says whether that changes the picture.</summary>
    public bool MarkCrowded(Scene scene)
    {
        if (Crowded)
        {
            return false;
        }

        Crowded = true;
        last = null;
        return Of(scene).Groups.Count > 0;
    }

    /// <summary>Draws the professionals grouped beside this person; says whether there was such a group.</summary>
    public bool Open(NodeRef person)
    {
        if (last is not { } kept || !kept.Picture.Groups.Any(g => g.Beside == person))
        {
            return false;
        }

        opened.Add(person);
        last = null;
        return true;
    }

    /// <summary>Another network: drawn whole until it too is found crowded.</summary>
    public void Reset()
    {
        Crowded = false;
        opened.Clear();
        last = null;
    }
}
