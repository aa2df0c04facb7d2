using Patchwork.Graph.Changes;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;
using Patchwork.Graph.Storage;

namespace Patchwork.Graph.Access;

/// <summary>
/// The one place that decides what a viewer may learn about a node; every read path (networks, steps out, exports,
/// the team and its activity, search, node pages) passes its answer through it before any screen gets it.
/// A sensitive agency and whoever works for it on the date shown are not known to anyone outside it: search does
/// not find them and their pages answer as for nothing. A sensitive involvement (or one through a sensitive agency) becomes "a sensitive service is involved - contact
/// via coordinator" for everyone but that professional, their agency colleagues and coordinators; phone numbers,
/// emails and addresses stay only where the viewer is on the team of someone they belong to. For a meeting
/// (<see cref="Audience"/>) nobody is inside a sensitive service, NHS numbers go, and contact details and
/// addresses go too until the presenter reveals them.
/// </summary>
public sealed class Redactor
{
    /// <summary>What a placeholder is called, in place of a sensitive worker's name.</summary>
    public const string SensitiveName = "A sensitive service is involved";

    /// <summary>What a placeholder says instead of a job title or an agency.</summary>
    public const string SensitiveContact = "contact via coordinator";

    /// <summary>The role a placeholder's involvement shows.</summary>
    public const string SensitiveRole = "Sensitive service";

    private readonly Viewer viewer;
    private readonly IReadOnlySet<string> viewerAgencies;
    private readonly IGraphStore store;
    private readonly Audience audience;
    private readonly DateOnly today;
    private readonly Dictionary<(string Id, DateOnly AsOf), IReadOnlyList<Agency>> employers = [];
    private readonly Dictionary<string, Agency?> agencies = new(StringComparer.Ordinal);

    internal Redactor(Viewer viewer, IReadOnlySet<string> viewerAgencies, IGraphStore store, DateOnly today, Audience audience = Audience.Viewer)
    {
        this.today = today;
        this.viewer = viewer;
        this.viewerAgencies = viewerAgencies;
        this.store = store;
        this.audience = audience;
    }

    /// <summary>The placeholder shown instead of a sensitive professional: no name, role, agency or phone.</summary>
    public static Professional Placeholder(int number) => new($"sensitive-{number}", SensitiveName, "", SensitiveContact);

    /// <summary>
    /// Whether the viewer may learn that a node exists, as at <paramref name="asOf"/>: not a sensitive agency they are
    /// outside of, nor a professional who works for one that day. The one rule every read path asks; what is hidden
    /// follows the agency at the date shown, so a worker who has left a sensitive service is an ordinary colleague
    /// today and hidden in the past, and one who has joined it is hidden from the day they joined.
    /// </summary>
    public async Task<bool> MayKnowAsync(NodeRef node, DateOnly asOf, CancellationToken cancellationToken = default) => node.Kind switch
    {
        NodeKind.Professional => await MayKnowProfessionalAsync(node.Id, asOf, cancellationToken).ConfigureAwait(false),
        NodeKind.Agency => await AgencyAsync(node.Id, cancellationToken).ConfigureAwait(false) is not { } agency || MayKnowAgency(agency),
        _ => true,
    };

    /// <summary>Whether the viewer may learn of a professional, as at a date (see <see cref="MayKnowAsync"/>).</summary>
    public async Task<bool> MayKnowProfessionalAsync(string professionalId, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var worksFor = await EmployersOfAsync(professionalId, asOf, cancellationToken).ConfigureAwait(false);
        var ids = worksFor.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        return !worksFor.Any(a => a.Sensitive) || IsInside(professionalId, ids);
    }

    /// <summary>
    /// Whether the viewer may see who a professional is in an involvement (or a contact) with a person, as the team
    /// shows it: not when the involvement is sensitive or the professional works for a sensitive agency that day,
    /// unless the viewer is inside (see <see cref="RedactTeamAsync"/>). Asked for what is not yet in the graph, such
    /// as a feed message held for matching.
    /// </summary>
    public async Task<bool> MayNameInvolvementAsync(string professionalId, bool sensitive, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var worksFor = await EmployersOfAsync(professionalId, asOf, cancellationToken).ConfigureAwait(false);
        var ids = worksFor.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        return !(sensitive || worksFor.Any(a => a.Sensitive)) || IsInside(professionalId, ids);
    }

    /// <summary>Whether the viewer may learn of an agency: an ordinary one, or a sensitive one they are inside.</summary>
    public bool MayKnowAgency(Agency agency)
    {
        ArgumentNullException.ThrowIfNull(agency);
        return !agency.Sensitive || IsInsideAgency(agency.Id);
    }

    /// <summary>
    /// Search results as the viewer may see them: a sensitive agency and its workers are not found at all (no
    /// placeholder, so nothing about them shows in a count), and a household is named, not located.
    /// </summary>
    public async Task<IReadOnlyList<SearchHit>> RedactSearchAsync(IReadOnlyList<SearchHit> hits, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hits);
        var shown = new List<SearchHit>(hits.Count);
        foreach (var hit in hits)
        {
            if (!await MayKnowAsync(hit.Ref, asOf, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            shown.Add(hit.Ref.Kind == NodeKind.Household && !viewer.IsCoordinator ? hit with { Detail = null } : hit);
        }

        return shown;
    }

    /// <param name="network">The network as the store answered it.</param>
    /// <param name="entitled">People whose contact details and addresses the viewer may see (the focus they were allowed to open).</param>
    /// <param name="cancellationToken">Stops the look-ups of agencies.</param>
    public async Task<GraphNetwork> RedactAsync(GraphNetwork network, IReadOnlySet<string> entitled, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        var nodes = network.Nodes.ToDictionary(n => n.Ref);
        var (employers, sensitiveAgencies) = await EmployersAsync(network, cancellationToken).ConfigureAwait(false);
        var onTeamOf = network.Edges.OfType<Involvement>().Where(i => i.ProfessionalId == viewer.ProfessionalId).Select(i => i.PersonId);
        var mayContact = entitled.Concat(onTeamOf).ToHashSet(StringComparer.Ordinal);
        IReadOnlySet<string> EmployersOf(string id) => employers.GetValueOrDefault(id) ?? new HashSet<string>();

        var edges = new List<Relationship>();
        var placeholders = new List<NetworkNode>();
        foreach (var edge in network.Edges)
        {
            if (edge is Involvement involvement && IsHiddenSensitive(involvement, EmployersOf(involvement.ProfessionalId), sensitiveAgencies))
            {
                var placeholder = Placeholder(placeholders.Count + 1);
                placeholders.Add(new NetworkNode(placeholder, nodes[involvement.From].Ring, false, Redacted: true));
                edges.Add(new Involvement(placeholder.Id, involvement.PersonId, SensitiveRole, involvement.Lead, true, involvement.Period));
                continue;
            }

            edges.Add(edge);
        }

        // A professional whose every involvement here is hidden is hidden too, as is anyone who works that day for a
        // sensitive agency the viewer is outside of (an agency's staff, a colleague on a node page), with those
        // agencies and the ties that led to them.
        var shownProfessionals = edges.OfType<Involvement>().Select(i => i.ProfessionalId).ToHashSet(StringComparer.Ordinal);
        var hidden = nodes.Keys
            .Where(n => (n.Kind == NodeKind.Professional && !shownProfessionals.Contains(n.Id) && network.Edges.OfType<Involvement>().Any(i => i.ProfessionalId == n.Id))
                || (n.Kind == NodeKind.Professional && EmployersOf(n.Id).Overlaps(sensitiveAgencies) && !IsInside(n.Id, EmployersOf(n.Id)))
                || (n.Kind == NodeKind.Agency && sensitiveAgencies.Contains(n.Id) && !IsInsideAgency(n.Id)))
            .ToHashSet();
        edges.RemoveAll(e => hidden.Contains(e.From) || hidden.Contains(e.To));

        var joinedSince = await JoinedSensitiveSinceAsync(nodes.Values.Where(n => !hidden.Contains(n.Ref)).Select(n => n.Node).OfType<Professional>(), network.AsOf, cancellationToken).ConfigureAwait(false);
        var kept = nodes.Values
            .Where(n => !hidden.Contains(n.Ref))
            .Select(n => n with { Node = Minimise(n.Node, edges, mayContact) })
            .Select(n => n.Node is Professional p && joinedSince.Contains(p.Id) ? n with { Node = WithoutPresentDetails(p) } : n)
            .Concat(placeholders)
            .ToList();
        return network with { Nodes = kept, Edges = edges };
    }

    /// <summary>A team at a date as the viewer may see it: a sensitive member they are outside of becomes a placeholder.</summary>
    public async Task<IReadOnlyList<TeamMember>> RedactTeamAsync(IReadOnlyList<TeamMember> team, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(team);
        var result = new List<TeamMember>(team.Count);
        var hiddenCount = 0;
        foreach (var member in team)
        {
            var worksFor = await EmployersOfAsync(member.Professional.Id, asOf, cancellationToken).ConfigureAwait(false);
            var ids = worksFor.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
            if ((member.IsSensitive || worksFor.Any(a => a.Sensitive)) && !IsInside(member.Professional.Id, ids))
            {
                hiddenCount++;
                var placeholder = Placeholder(hiddenCount);
                result.Add(new TeamMember(
                    placeholder,
                    new Involvement(placeholder.Id, member.Involvement.PersonId, SensitiveRole, member.Involvement.Lead, true, member.Involvement.Period),
                    null,
                    null,
                    null,
                    null,
                    Redacted: true));
                continue;
            }

            result.Add(audience == Audience.Meeting
                ? member with { Professional = (Professional)WithoutContactDetails(member.Professional), Agency = member.Agency is null ? null : (Agency)WithoutContactDetails(member.Agency) }
                : member);
        }

        var joinedSince = await JoinedSensitiveSinceAsync(result.Where(m => !m.Redacted).Select(m => m.Professional), asOf, cancellationToken).ConfigureAwait(false);
        return [.. result.Select(m => joinedSince.Contains(m.Professional.Id) ? m with { Professional = WithoutPresentDetails(m.Professional) } : m)];
    }

    /// <summary>
    /// Statuses as the viewer may see them, for people whose network they were allowed to open. A status is not a
    /// sensitive service: it always shows. The agency responsible keeps its name and numbers unless it is a
    /// sensitive agency the viewer is outside of (then it reads "contact via coordinator"); on a shared screen its
    /// numbers go until the presenter reveals them, as every other contact detail does.
    /// </summary>
    public async Task<IReadOnlyList<PersonStatus>> RedactStatusesAsync(IReadOnlyList<PersonStatus> statuses, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        var shown = new List<PersonStatus>(statuses.Count);
        foreach (var status in statuses)
        {
            var agency = await AgencyAsync(status.Agency.Id, cancellationToken).ConfigureAwait(false) ?? status.Agency;
            if (!MayKnowAgency(agency))
            {
                var standIn = new Agency($"sensitive-agency-{shown.Count + 1}", SensitiveContact, "", Sensitive: true);
                shown.Add(new PersonStatus(status.Status with { AgencyId = standIn.Id, Recorded = null }, standIn, Redacted: true));
                continue;
            }

            shown.Add(audience == Audience.Meeting ? status with { Agency = (Agency)WithoutContactDetails(status.Agency) } : status);
        }

        return shown;
    }

    /// <summary>
    /// What the team panel shows beside the team, as the viewer may see it: a concern raised or an invitation made by
    /// (or to) someone the viewer may not know of keeps its date and note but names a sensitive service instead of
    /// the worker and their agency.
    /// </summary>
    /// <param name="activity">Concerns and invitations as stored.</param>
    /// <param name="sensitiveInvolvements">Professionals whose involvement with the person is itself marked sensitive.</param>
    /// <param name="today">The date invitations are judged at (they are pending now).</param>
    /// <param name="cancellationToken">Stops the look-ups of agencies.</param>
    public async Task<TeamActivity> RedactActivityAsync(TeamActivity activity, IReadOnlySet<string> sensitiveInvolvements, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(sensitiveInvolvements);
        var placeholders = new Dictionary<string, string>(StringComparer.Ordinal);
        string PlaceholderFor(string key) => placeholders.TryGetValue(key, out var id) ? id : placeholders[key] = $"sensitive-{placeholders.Count + 1}";

        var concerns = new List<Concern>(activity.Concerns.Count);
        foreach (var concern in activity.Concerns)
        {
            var day = DateOnly.FromDateTime(concern.RaisedAt.UtcDateTime);
            var agencyHidden = concern.AgencyId is { } agencyId && await AgencyAsync(agencyId, cancellationToken).ConfigureAwait(false) is { } agency && !MayKnowAgency(agency);
            var raiserHidden = !await MayKnowProfessionalAsync(concern.RaisedBy, day, cancellationToken).ConfigureAwait(false)
                || (sensitiveInvolvements.Contains(concern.RaisedBy) && !await IsInsideAsync(concern.RaisedBy, day, cancellationToken).ConfigureAwait(false));
            concerns.Add(agencyHidden || raiserHidden
                ? concern with { RaisedBy = PlaceholderFor(concern.RaisedBy), RaisedByName = SensitiveName, AgencyId = PlaceholderFor($"agency:{concern.AgencyId ?? concern.RaisedBy}"), AgencyName = SensitiveContact }
                : concern);
        }

        var invitations = new List<(Invitation Invitation, string ProfessionalName)>(activity.Invitations.Count);
        foreach (var (invitation, name) in activity.Invitations)
        {
            var shown = invitation;
            var shownName = name;
            if (!await MayKnowProfessionalAsync(invitation.ProfessionalId, today, cancellationToken).ConfigureAwait(false))
            {
                shown = shown with { ProfessionalId = PlaceholderFor(invitation.ProfessionalId), Role = SensitiveRole, Message = null };
                shownName = SensitiveName;
            }

            if (!await MayKnowProfessionalAsync(invitation.InvitedBy, today, cancellationToken).ConfigureAwait(false))
            {
                shown = shown with { InvitedBy = PlaceholderFor(invitation.InvitedBy), InvitedByName = SensitiveName, Message = null };
            }

            invitations.Add((shown, shownName));
        }

        return new TeamActivity(concerns, invitations);
    }

    /// <summary>
    /// An invitation as its invitee sees it: one sent by a worker of a sensitive service the invitee is outside of
    /// says a sensitive service invited them, without the worker's name or message.
    /// </summary>
    public async Task<Invitation> RedactInvitationAsync(Invitation invitation, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        return await MayKnowProfessionalAsync(invitation.InvitedBy, asOf, cancellationToken).ConfigureAwait(false)
            ? invitation
            : invitation with { InvitedBy = "sensitive-1", InvitedByName = SensitiveName, Message = null };
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
        var present = network.Nodes.Select(n => n.Node).OfType<Agency>().ToDictionary(a => a.Id, StringComparer.Ordinal);
        var sensitive = present.Values.Where(a => a.Sensitive).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var employment = network.Edges.OfType<Employment>()
            .GroupBy(e => e.ProfessionalId)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(e => e.AgencyId).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var professional in network.Nodes.Where(n => n.Ref.Kind == NodeKind.Professional))
        {
            if (employment.TryGetValue(professional.Ref.Id, out var known) && known.All(present.ContainsKey))
            {
                continue;
            }

            var lookedUp = await EmployersOfAsync(professional.Ref.Id, network.AsOf, cancellationToken).ConfigureAwait(false);
            employment[professional.Ref.Id] = lookedUp.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
            sensitive.UnionWith(lookedUp.Where(a => a.Sensitive).Select(a => a.Id));
        }

        return (employment, sensitive);
    }

    /// <summary>The agencies a professional works for on a date, looked up once per answer.</summary>
    private async Task<IReadOnlyList<Agency>> EmployersOfAsync(string professionalId, DateOnly asOf, CancellationToken cancellationToken)
    {
        if (employers.TryGetValue((professionalId, asOf), out var known))
        {
            return known;
        }

        IReadOnlyList<Agency> found;
        try
        {
            var around = await store.ExpandAsync(new NodeRef(NodeKind.Professional, professionalId), asOf, cancellationToken: cancellationToken).ConfigureAwait(false);
            found = [.. around.Nodes.Select(n => n.Node).OfType<Agency>()];
        }
        catch (NodeNotFoundException)
        {
            found = [];
        }

        employers[(professionalId, asOf)] = found;
        return found;
    }

    private async Task<Agency?> AgencyAsync(string agencyId, CancellationToken cancellationToken)
    {
        if (!agencies.TryGetValue(agencyId, out var agency))
        {
            agency = await store.FindNodeAsync(new NodeRef(NodeKind.Agency, agencyId), cancellationToken).ConfigureAwait(false) as Agency;
            agencies[agencyId] = agency;
        }

        return agency;
    }

    /// <summary>
    /// Professionals shown at a past date who work for a sensitive service today: they were ordinary colleagues
    /// then, but their job title, phone and email are today's and could name the service they have joined.
    /// </summary>
    private async Task<HashSet<string>> JoinedSensitiveSinceAsync(IEnumerable<Professional> professionals, DateOnly asOf, CancellationToken cancellationToken)
    {
        var joined = new HashSet<string>(StringComparer.Ordinal);
        if (asOf == today)
        {
            return joined;
        }

        foreach (var professional in professionals)
        {
            if (!await MayKnowProfessionalAsync(professional.Id, today, cancellationToken).ConfigureAwait(false))
            {
                joined.Add(professional.Id);
            }
        }

        return joined;
    }

    private static Professional WithoutPresentDetails(Professional professional) =>
        professional with { JobTitle = null, Phone = null, Email = null };

    private async Task<bool> IsInsideAsync(string professionalId, DateOnly asOf, CancellationToken cancellationToken) =>
        IsInside(professionalId, (await EmployersOfAsync(professionalId, asOf, cancellationToken).ConfigureAwait(false)).Select(a => a.Id).ToHashSet(StringComparer.Ordinal));

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
        Agency a => a with { Phone = null, OutOfHoursPhone = null },
        _ => node,
    };
}
