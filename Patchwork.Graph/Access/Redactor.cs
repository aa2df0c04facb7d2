using Patchwork.Graph.Model;
using Patchwork.Graph.Network;

namespace Patchwork.Graph.Access;

/// <summary>
/// Takes out of an answer what one viewer must not see, before any screen gets it:
/// a sensitive involvement (or one through a sensitive agency) becomes "a sensitive service is involved - contact
/// via coordinator" for everyone but that professional, their agency colleagues and coordinators; phone numbers,
/// emails and addresses stay only where the viewer is on the team of someone they belong to. For a meeting
/// (<see cref="Audience"/>) nobody is inside a sensitive service, NHS numbers go, and contact details and
/// addresses go too until the presenter reveals them.
/// </summary>
public sealed class Redactor
{
    public const string SensitiveName = "A sensitive service is involved";
    public const string SensitiveContact = "contact via coordinator";

    private readonly Viewer viewer;
    private readonly IReadOnlySet<string> viewerAgencies;
    private readonly Func<string, CancellationToken, Task<IReadOnlyList<Agency>>> employersOf;
    private readonly Audience audience;

    internal Redactor(Viewer viewer, IReadOnlySet<string> viewerAgencies, Func<string, CancellationToken, Task<IReadOnlyList<Agency>>> employersOf, Audience audience = Audience.Viewer)
    {
        this.viewer = viewer;
        this.viewerAgencies = viewerAgencies;
        this.employersOf = employersOf;
        this.audience = audience;
    }

    /// <summary>The placeholder shown instead of a sensitive professional: no name, role, agency or phone.</summary>
    public static Professional Placeholder(int number) => new($"sensitive-{number}", SensitiveName, "", SensitiveContact);

    public static bool IsPlaceholder(NodeRef node) => node.Kind == NodeKind.Professional && node.Id.StartsWith("sensitive-", StringComparison.Ordinal);

    /// <param name="network">The network as the store answered it.</param>
    /// <param name="entitled">People whose contact details and addresses the viewer may see (the focus they were allowed to open).</param>
    /// <param name="cancellationToken">Stops the look-ups of agencies.</param>
    public async Task<GraphNetwork> RedactAsync(GraphNetwork network, IReadOnlySet<string> entitled, CancellationToken cancellationToken = default)
    {
        var nodes = network.Nodes.ToDictionary(n => n.Ref);
        var (employers, sensitiveAgencies) = await EmployersAsync(network, cancellationToken).ConfigureAwait(false);
        var onTeamOf = network.Edges.OfType<Involvement>().Where(i => i.ProfessionalId == viewer.ProfessionalId).Select(i => i.PersonId);
        var mayContact = entitled.Concat(onTeamOf).ToHashSet(StringComparer.Ordinal);

        var edges = new List<Relationship>();
        var placeholders = new List<NetworkNode>();
        foreach (var edge in network.Edges)
        {
            if (edge is Involvement involvement && IsHiddenSensitive(involvement, employers.GetValueOrDefault(involvement.ProfessionalId) ?? new HashSet<string>(), sensitiveAgencies))
            {
                var placeholder = Placeholder(placeholders.Count + 1);
                placeholders.Add(new NetworkNode(placeholder, nodes[involvement.From].Ring, false));
                edges.Add(new Involvement(placeholder.Id, involvement.PersonId, "Sensitive service", involvement.Lead, true, involvement.Period));
                continue;
            }

            edges.Add(edge);
        }

        // A professional whose every involvement here is hidden is hidden too, with sensitive agencies outsiders
        // do not belong to, and the ties that led to them.
        var shownProfessionals = edges.OfType<Involvement>().Select(i => i.ProfessionalId).ToHashSet(StringComparer.Ordinal);
        var hidden = nodes.Keys
            .Where(n => (n.Kind == NodeKind.Professional && !shownProfessionals.Contains(n.Id) && network.Edges.OfType<Involvement>().Any(i => i.ProfessionalId == n.Id))
                || (n.Kind == NodeKind.Agency && sensitiveAgencies.Contains(n.Id) && !IsInsideAgency(n.Id)))
            .ToHashSet();
        edges.RemoveAll(e => hidden.Contains(e.From) || hidden.Contains(e.To));

        var kept = nodes.Values
            .Where(n => !hidden.Contains(n.Ref))
            .Select(n => n with { Node = Minimise(n.Node, edges, mayContact) })
            .Concat(placeholders)
            .ToList();
        return network with { Nodes = kept, Edges = edges };
    }

    public async Task<IReadOnlyList<TeamMember>> RedactTeamAsync(IReadOnlyList<TeamMember> team, CancellationToken cancellationToken = default)
    {
        var result = new List<TeamMember>(team.Count);
        var hiddenCount = 0;
        foreach (var member in team)
        {
            var employers = (await employersOf(member.Professional.Id, cancellationToken).ConfigureAwait(false)).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
            if (member.IsSensitive && !IsInside(member.Professional.Id, employers))
            {
                hiddenCount++;
                var placeholder = Placeholder(hiddenCount);
                result.Add(new TeamMember(
                    placeholder,
                    new Involvement(placeholder.Id, member.Involvement.PersonId, "Sensitive service", member.Involvement.Lead, true, member.Involvement.Period),
                    null,
                    null,
                    null,
                    null));
                continue;
            }

            result.Add(audience == Audience.Meeting
                ? member with { Professional = (Professional)WithoutContactDetails(member.Professional), Agency = member.Agency is null ? null : (Agency)WithoutContactDetails(member.Agency) }
                : member);
        }

        return result;
    }

    private bool IsHiddenSensitive(Involvement involvement, IReadOnlySet<string> employers, IReadOnlySet<string> sensitiveAgencies) =>
        (involvement.Sensitive || employers.Overlaps(sensitiveAgencies)) && !IsInside(involvement.ProfessionalId, employers);

    // A shared screen is seen by everyone in the room: no one there is inside a sensitive service, whoever presents.
    private bool IsInside(string professionalId, IReadOnlySet<string> employers) =>
        !audience.IsMeeting() && (viewer.IsCoordinator || professionalId == viewer.ProfessionalId || employers.Overlaps(viewerAgencies));

    private bool IsInsideAgency(string agencyId) => !audience.IsMeeting() && (viewer.IsCoordinator || viewerAgencies.Contains(agencyId));

    /// <summary>
    /// The agencies of every professional in the network, and which agencies are sensitive services. Taken from
    /// the network's WORKS_FOR ties and agencies where it has them; a professional whose agency is not in it (left
    /// out by the node cap, or by a step out, which brings people's professionals but not their agencies) is looked
    /// up, so nothing left out can reveal a sensitive service.
    /// </summary>
    private async Task<(Dictionary<string, IReadOnlySet<string>> Employers, HashSet<string> Sensitive)> EmployersAsync(GraphNetwork network, CancellationToken cancellationToken)
    {
        var agencies = network.Nodes.Select(n => n.Node).OfType<Agency>().ToDictionary(a => a.Id, StringComparer.Ordinal);
        var sensitive = agencies.Values.Where(a => a.Sensitive).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var employers = network.Edges.OfType<Employment>()
            .GroupBy(e => e.ProfessionalId)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(e => e.AgencyId).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var professional in network.Nodes.Where(n => n.Ref.Kind == NodeKind.Professional))
        {
            if (employers.TryGetValue(professional.Ref.Id, out var known) && known.All(agencies.ContainsKey))
            {
                continue;
            }

            var lookedUp = await employersOf(professional.Ref.Id, cancellationToken).ConfigureAwait(false);
            employers[professional.Ref.Id] = lookedUp.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
            sensitive.UnionWith(lookedUp.Where(a => a.Sensitive).Select(a => a.Id));
        }

        return (employers, sensitive);
    }

    /// <summary>Keeps contact details and addresses only for people the viewer may contact about.</summary>
    private Node Minimise(Node node, List<Relationship> edges, IReadOnlySet<string> mayContact)
    {
        if (audience.IsMeeting() && node is Person person)
        {
            // An NHS number is never shown on a shared screen.
            return person with { NhsNumber = null };
        }

        if (audience == Audience.Meeting)
        {
            return WithoutContactDetails(node);
        }

        if (viewer.IsCoordinator)
        {
            return node;
        }

        switch (node)
        {
            case Professional p when p.Id != viewer.ProfessionalId
                && !edges.OfType<Involvement>().Any(i => i.ProfessionalId == p.Id && mayContact.Contains(i.PersonId)):
                return p with { Phone = null, Email = null };
            case Household h when !edges.OfType<Membership>().Any(m => m.HouseholdId == h.Id && mayContact.Contains(m.PersonId)):
                return h with { Address = null, Postcode = null };
            default:
                return node;
        }
    }

    private static Node WithoutContactDetails(Node node) => node switch
    {
        Professional p => p with { Phone = null, Email = null },
        Household h => h with { Address = null, Postcode = null },
        Agency a => a with { Phone = null },
        _ => node,
    };
}
