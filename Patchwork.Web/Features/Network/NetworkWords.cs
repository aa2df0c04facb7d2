using Patchwork.Graph.Model;
using Patchwork.Web.Features.Network.Diagram;

namespace Patchwork.Web.Features.Network;

/// <summary>
/// A network in words, from what is drawn (already redacted for its audience, so a hidden service is never named
/// here): the short label on each line, what an arrow-key move reads out, and the diagram's long description for
/// someone who cannot see it.
/// </summary>
public static class NetworkWords
{
    /// <summary>What a relative is to the person at the other end of a family tie: "mother", "brother", "grandchild".</summary>
    public static string Kin(FamilyTie tie, NodeRef relative, Scene scene)
    {
        ArgumentNullException.ThrowIfNull(tie);
        ArgumentNullException.ThrowIfNull(scene);
        var gender = (scene.Find(relative)?.Node.Node as Person)?.Gender ?? Gender.Unknown;
        var elder = tie.From == relative;
        return tie.Kind switch
        {
            FamilyKind.Parent => elder ? Gendered(gender, "mother", "father", "parent") : Gendered(gender, "daughter", "son", "child"),
            FamilyKind.Grandparent => elder ? Gendered(gender, "grandmother", "grandfather", "grandparent") : Gendered(gender, "granddaughter", "grandson", "grandchild"),
            FamilyKind.Sibling => Gendered(gender, "sister", "brother", "sibling"),
            FamilyKind.Partner => "partner",
            FamilyKind.Carer => elder ? "carer" : "person cared for",
            FamilyKind.Other => "relative",
        };
    }

    /// <summary>
    /// The short label a line carries: "parent", "partners", "lives here", "lead for Chloe Turner", "sensitive
    /// service"; a line that started or ended lately says so too.
    /// </summary>
    public static string TieLabel(SceneEdge edge, Scene scene)
    {
        ArgumentNullException.ThrowIfNull(edge);
        ArgumentNullException.ThrowIfNull(scene);
        var words = edge.Relationship switch
        {
            FamilyTie tie => tie.Kind switch
            {
                FamilyKind.Parent => "parent",
                FamilyKind.Grandparent => "grandparent",
                FamilyKind.Sibling => "siblings",
                FamilyKind.Partner => "partners",
                FamilyKind.Carer => "carer",
                FamilyKind.Other => "family",
            },
            Membership => "lives here",
            // The placeholder of a hidden service says no more than the node does.
            Involvement { Sensitive: true } => "sensitive service",
            Involvement { Lead: true } => $"lead for {NameOf(edge.To, scene)}",
            Involvement involvement => involvement.Role,
            Employment => "works for",
            _ => "",
        };
        return edge.Change switch
        {
            EdgeChange.Joined => $"{words}, new",
            EdgeChange.Ended => $"{words}, ended",
            EdgeChange.None => words,
        };
    }

    /// <summary>
    /// Whether a line's words are drawn at all times, not only on hover or focus: what a reader needs at a glance
    /// (a tie that is new or ended, a second home, a sensitive service, partners, a carer). Meeting mode and its
    /// exported picture draw every line's words.
    /// </summary>
    public static bool AlwaysLabelled(SceneEdge edge)
    {
        ArgumentNullException.ThrowIfNull(edge);
        return edge.Change switch
        {
            EdgeChange.Joined or EdgeChange.Ended => true,
            EdgeChange.None => edge.Relationship is Membership or Involvement { Sensitive: true } or FamilyTie { Kind: FamilyKind.Partner or FamilyKind.Carer },
        };
    }

    /// <summary>
    /// Whether meeting mode writes a line's words at all times: every family tie, household membership and
    /// involvement. Not "works for": the professional's own box names the agency, and a word on every line down to
    /// the agencies would sit over the family's names in the middle of the room's picture.
    /// </summary>
    public static bool LabelledInRoom(SceneEdge edge)
    {
        ArgumentNullException.ThrowIfNull(edge);
        return edge.Relationship is not Employment;
    }

    /// <summary>
    /// What a move to a node reads out: who it is, and what they are to the node the move came from, or else to
    /// the focus: "Chloe Turner, 37, mother of Ava".
    /// </summary>
    public static string Arrived(NodeRef node, NodeRef from, Scene scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        if (scene.Find(node) is not { } arrived)
        {
            return "";
        }

        var edge = Between(node, from, scene) ?? Between(node, scene.Focus, scene);
        var parts = new List<string> { Who(arrived, scene) };
        if (edge is not null)
        {
            parts.Add(ToOther(edge, node, scene));
        }

        return string.Join(", ", parts);
    }

    /// <summary>
    /// The diagram as a paragraph: "Ava Turner, 12, lives at 14 Elm Road with her mother Chloe and brother Noah;
    /// her father Liam lives at 3 Canal Street, also her home; 3 professionals from 3 agencies; lead: Sam Adeyemi,
    /// Social Worker".
    /// </summary>
    public static string Describe(Scene scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        if (scene.Find(scene.Focus) is not { } focus)
        {
            return "";
        }

        var pronoun = Pronoun(focus);
        var homes = scene.Homes();
        var own = scene.EdgesOf(scene.Focus)
            .Where(e => e.Relationship is Membership && e.Change != EdgeChange.Ended && e.From == scene.Focus)
            .Select(e => e.To)
            .ToHashSet();
        var relatives = scene.EdgesOf(scene.Focus)
            .Where(e => e.Relationship is FamilyTie && e.Change != EdgeChange.Ended)
            .Select(e => (Ref: e.From == scene.Focus ? e.To : e.From, Kin: Kin((FamilyTie)e.Relationship, e.From == scene.Focus ? e.To : e.From, scene)))
            .Where(r => scene.Find(r.Ref) is not null)
            .DistinctBy(r => r.Ref)
            // Eldest first, as a family is usually introduced: "her mother Chloe and brother Noah".
            .OrderBy(r => (scene.Find(r.Ref)!.Node.Node as Person)?.DateOfBirth ?? DateOnly.MaxValue)
            .ThenBy(r => r.Ref.Id, StringComparer.Ordinal)
            .ToList();

        var clauses = new List<string>();
        var first = Who(focus, scene);
        if (homes.TryGetValue(scene.Focus, out var home) && scene.Find(home) is { } household)
        {
            first += $", {LivesAt(household)}";
            var together = relatives.Where(r => homes.GetValueOrDefault(r.Ref) == home).Select(r => $"{r.Kin} {GivenName(r.Ref, scene)}").ToList();
            var others = homes.Where(h => h.Value == home && h.Key != scene.Focus && relatives.All(r => r.Ref != h.Key))
                .Select(h => NameOf(h.Key, scene)).Order(StringComparer.Ordinal).ToList();
            if (together.Count + others.Count > 0)
            {
                first += " with " + Joined([.. together.Select((t, i) => i == 0 ? $"{pronoun} {t}" : t), .. others]);
            }
        }

        clauses.Add(first);
        foreach (var elsewhere in relatives.Where(r => homes.GetValueOrDefault(r.Ref) != home).GroupBy(r => homes.TryGetValue(r.Ref, out var h) ? h : (NodeRef?)null).OrderBy(g => g.Key is null))
        {
            var who = Joined([.. elsewhere.Select(r => $"{pronoun} {r.Kin} {GivenName(r.Ref, scene)}")]);
            if (elsewhere.Key is { } place && scene.Find(place) is { } theirs)
            {
                clauses.Add($"{who} {(elsewhere.Count() == 1 ? "lives" : "live")} {Where(theirs)}{(own.Contains(place) ? $", also {pronoun} home" : "")}");
            }
            else
            {
                clauses.Add($"also family: {Joined([.. elsewhere.Select(r => $"{pronoun} {r.Kin} {NameOf(r.Ref, scene)}")])}");
            }
        }

        var involved = scene.EdgesOf(scene.Focus)
            .Where(e => e.Relationship is Involvement && e.Change != EdgeChange.Ended && e.To == scene.Focus)
            .Select(e => scene.Find(e.From))
            .OfType<SceneNode>()
            .DistinctBy(n => n.Ref)
            .ToList();
        var named = involved.Where(n => !n.Node.Redacted).ToList();
        var agencies = named.Select(n => scene.AgencyOf(n.Ref)?.Id).OfType<string>().Distinct(StringComparer.Ordinal).Count();
        clauses.Add($"{Count(named.Count, "professional", "professionals")} from {Count(agencies, "agency", "agencies")}");
        if (involved.Count > named.Count)
        {
            clauses.Add("a sensitive service is involved: contact via the coordinator");
        }

        var lead = named.FirstOrDefault(n => scene.LeadsFocus(n.Ref));
        clauses.Add(lead is null ? "no lead professional" : $"lead: {Who(lead, scene)}");
        return string.Join("; ", clauses);
    }

    private static string ToOther(SceneEdge edge, NodeRef node, Scene scene)
    {
        var other = edge.From == node ? edge.To : edge.From;
        return edge.Relationship switch
        {
            FamilyTie tie => $"{Kin(tie, node, scene)} of {GivenName(other, scene)}",
            Membership => edge.From == node ? $"lives {Where(scene.Find(other)!)}" : $"home of {GivenName(other, scene)}",
            Involvement { Sensitive: true } => "sensitive service",
            Involvement involvement => edge.From == node
                ? $"{(involvement.Lead ? "lead, " : "")}{involvement.Role} for {GivenName(other, scene)}"
                : $"supported by {NameOf(other, scene)}",
            Employment => edge.From == node ? $"works for {NameOf(other, scene)}" : $"employs {NameOf(other, scene)}",
            _ => "",
        };
    }

    /// <summary>A node as the description names it: "Ava Turner, 12", "Sam Adeyemi, Social Worker", an address.</summary>
    private static string Who(SceneNode node, Scene scene) => node.Node.Node switch
    {
        Person person => $"{node.Name}, {NodeDescriptions.AgeText(person, scene.AsOf)}",
        Professional { JobTitle.Length: > 0 } professional when !node.Node.Redacted => $"{node.Name}, {professional.JobTitle}",
        Household household => household.Address is { Length: > 0 } address ? address : household.Name,
        _ => node.Name,
    };

    private static SceneEdge? Between(NodeRef a, NodeRef b, Scene scene) =>
        a == b ? null : scene.EdgesOf(a).FirstOrDefault(e => (e.From == b || e.To == b) && e.Change != EdgeChange.Ended);

    private static string LivesAt(SceneNode household) => $"lives {Where(household)}";

    private static string Where(SceneNode household) => household.Node.Node is Household { Address.Length: > 0 } h
        ? $"at {h.Address}"
        : $"in {household.Name}";

    private static string NameOf(NodeRef node, Scene scene) => scene.Find(node)?.Name ?? "";

    /// <summary>Family are named as the family would: "Chloe"; anyone else in full.</summary>
    private static string GivenName(NodeRef node, Scene scene) =>
        scene.Find(node)?.Node.Node is Person { GivenName.Length: > 0 } person ? person.GivenName : NameOf(node, scene);

    private static string Pronoun(SceneNode focus) => (focus.Node.Node as Person)?.Gender switch
    {
        Gender.Female => "her",
        Gender.Male => "his",
        _ => "their",
    };

    private static string Gendered(Gender gender, string female, string male, string other) => gender switch
    {
        Gender.Female => female,
        Gender.Male => male,
        Gender.Unknown or Gender.Other => other,
    };

    private static string Count(int count, string one, string many) => $"{count} {(count == 1 ? one : many)}";

    private static string Joined(IReadOnlyList<string> parts) => parts.Count switch
    {
        0 => "",
        1 => parts[0],
        _ => $"{string.Join(", ", parts.Take(parts.Count - 1))} and {parts[^1]}",
    };
}
