using System.Globalization;
using Patchwork.Graph.Model;

namespace Patchwork.Web.Features.Network.Diagram;

/// <summary>
/// What a node is called to assistive technology and in the table: always its kind and name first
/// ("Person: Ava Turner"), then what a sighted user reads from its shape and badges.
/// </summary>
public static class NodeDescriptions
{
    public static string AccessibleName(SceneNode node, Scene scene, bool expanded = false, bool inRoom = false)
    {
        // The name starts with the words the node shows, in the order it shows them, so a speech-input user can
        // say what they see (WCAG 2.5.3); what the node shows only by its outline or shape comes after.
        var parts = new List<string> { Label(node) };
        parts.AddRange(Shown(node, scene));
        if (node.Node.Node is Household { Address.Length: > 0 } household && household.Name != household.Address)
        {
            parts.Add(household.Name);
        }

        parts.AddRange(Unshown(node, expanded));
        if (inRoom)
        {
            parts.Add("in the room");
        }

        return string.Join(", ", parts);
    }

    /// <summary>What a node's label on the canvas says: "Person: Ava Turner"; a household by its address.</summary>
    public static string Label(SceneNode node) => node.Node.Node is Household { Address: { Length: > 0 } address }
        ? $"{node.Ref.Kind.Label()}: {address}"
        : $"{node.Ref.Kind.Label()}: {node.Name}";

    /// <summary>
    /// The words written on a household's outline: its address, or its name while addresses are hidden. The outline
    /// says it is a household (the legend says so too), and a household of one is no wider than its member.
    /// </summary>
    public static string Caption(SceneNode household) => household.Node.Node is Household { Address: { Length: > 0 } address }
        ? address
        : household.Name;

    /// <summary>What the table says about a node beside its kind and name: "12, client", "14 Elm Road".</summary>
    public static string About(SceneNode node, Scene scene)
    {
        var parts = node.Node.Node is Household { Address: { Length: > 0 } address } ? new List<string> { address } : [];
        parts.AddRange(Shown(node, scene));
        parts.AddRange(Unshown(node, expanded: false));
        return string.Join(", ", parts);
    }

    /// <summary>The words a node's widget shows besides its label, in the order it shows them.</summary>
    private static IEnumerable<string> Shown(SceneNode node, Scene scene)
    {
        switch (node.Node.Node)
        {
            case Person person:
                yield return AgeText(person, scene.AsOf);
                if (node.Node.IsClient)
                {
                    yield return "client";
                }

                foreach (var status in scene.StatusesOf(node.Ref))
                {
                    yield return StatusWords(status.Status.Status);
                }

                break;
            case Professional professional:
                if (scene.LeadsFocus(node.Ref))
                {
                    yield return "lead";
                }

                if (!string.IsNullOrEmpty(professional.JobTitle))
                {
                    yield return professional.JobTitle;
                }

                if (scene.AgencyOf(node.Ref) is { } employer)
                {
                    yield return employer.Name;
                }

                break;
            case Agency agency:
                yield return AgencyKindNames.Describe(agency.AgencyKind);
                break;
        }

        if (node.MoreCount > 0)
        {
            yield return $"{node.MoreCount} more not shown";
        }

        if (node.Ended && node.Ref.Kind != NodeKind.Household)
        {
            yield return "ended in the last 30 days";
        }
    }

    /// <summary>The badge's words and, where they are an abbreviation, what they stand for: "CP plan (child protection plan)".</summary>
    public static string StatusWords(CareStatus status) => status.Badge() == status.Label()
        ? status.Label().ToLowerInvariant()
        : $"{status.Badge()} ({status.Label().ToLowerInvariant()})";

    /// <summary>What a node shows only by its outline or shape.</summary>
    private static IEnumerable<string> Unshown(SceneNode node, bool expanded)
    {
        if (node.IsFocus)
        {
            yield return "focus of this network";
        }

        if (node.Ended && node.Ref.Kind == NodeKind.Household)
        {
            yield return "ended in the last 30 days";
        }

        if (expanded)
        {
            yield return "stepped out";
        }
    }

    /// <summary>"12" for a child, "age unknown" when there is no date of birth.</summary>
    public static string AgeText(Person person, DateOnly asOf) =>
        person.AgeAt(asOf) is { } age ? age.ToString(CultureInfo.InvariantCulture) : "age unknown";

    public static string GenderShape(Gender gender) => gender switch
    {
        Gender.Female => "circle",
        Gender.Male => "square",
        _ => "diamond",
    };
}
