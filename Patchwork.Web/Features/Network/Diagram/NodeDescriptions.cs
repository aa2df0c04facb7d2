using System.Globalization;
using Patchwork.Graph.Model;

namespace Patchwork.Web.Features.Network.Diagram;

/// <summary>
/// What a node is called to assistive technology and in the table: always its kind and name first
/// ("Person: Ava Turner"), then what a sighted user reads from its shape and badges.
/// </summary>
public static class NodeDescriptions
{
    public static string AccessibleName(SceneNode node, Scene scene, bool expanded = false)
    {
        // The name starts with the words the node's label shows, so a speech user can say what they see.
        var parts = new List<string> { Label(node) };
        if (node.Node.Node is Household { Address.Length: > 0 } household && household.Name != household.Address)
        {
            parts.Add(household.Name);
        }

        parts.AddRange(Facts(node, scene, expanded, withAddress: false));
        return string.Join(", ", parts);
    }

    /// <summary>What a node's label on the canvas says: "Person: Ava Turner"; a household by its address.</summary>
    public static string Label(SceneNode node) => node.Node.Node is Household { Address: { Length: > 0 } address }
        ? $"{node.Ref.Kind.Label()}: {address}"
        : $"{node.Ref.Kind.Label()}: {node.Name}";

    /// <summary>What the table says about a node beside its kind and name: "12, client", "14 Elm Road".</summary>
    public static string About(SceneNode node, Scene scene) => string.Join(", ", Facts(node, scene, expanded: false, withAddress: true));

    private static List<string> Facts(SceneNode node, Scene scene, bool expanded, bool withAddress)
    {
        var parts = new List<string>();
        switch (node.Node.Node)
        {
            case Person person:
                parts.Add(AgeText(person, scene.AsOf));
                if (node.Node.IsClient)
                {
                    parts.Add("client");
                }

                break;
            case Professional professional:
                if (!string.IsNullOrEmpty(professional.JobTitle))
                {
                    parts.Add(professional.JobTitle);
                }

                if (scene.AgencyOf(node.Ref) is { } employer)
                {
                    parts.Add(employer.Name);
                }

                if (scene.LeadsFocus(node.Ref))
                {
                    parts.Add("lead professional");
                }

                break;
            case Agency agency:
                parts.Add(agency.AgencyKind);
                break;
            case Household household when withAddress && !string.IsNullOrEmpty(household.Address):
                parts.Add(household.Address);
                break;
        }

        if (node.IsFocus)
        {
            parts.Add("focus of this network");
        }

        if (node.Ended)
        {
            parts.Add("relationship ended in the last 30 days");
        }

        if (node.MoreCount > 0)
        {
            parts.Add($"{node.MoreCount} more not shown");
        }

        if (expanded)
        {
            parts.Add("stepped out");
        }

        return parts;
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
