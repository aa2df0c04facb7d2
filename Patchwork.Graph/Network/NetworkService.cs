using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Changes;
using Patchwork.Graph.Export;
using Patchwork.Graph.Model;
using Patchwork.Graph.Storage;

namespace Patchwork.Graph.Network;

/// <summary>
/// A network at a date with what changed around it in the 30 days before: relationships that began (joined) and
/// relationships that ended (left, closed), the latter with the nodes they led to, so a screen can mark them.
/// </summary>
public sealed record NetworkPicture(
    GraphNetwork Network,
    IReadOnlyList<TeamMember> Team,
    IReadOnlySet<RelationshipKey> Joined,
    IReadOnlyList<Relationship> RecentlyEnded,
    IReadOnlyList<NetworkNode> RecentlyEndedNodes,
    AccessBasis Access,
    NetworkRevision Revision,
    IReadOnlyList<PersonStatus> Statuses)
{
    /// <summary>The statuses of one person in the picture (the focus's go at the top of the team panel).</summary>
    public IReadOnlyList<PersonStatus> StatusesOf(string personId) => [.. Statuses.Where(s => s.PersonId == personId)];

    /// <summary>Whether the viewer may change this network (its team and coordinators; not break glass or an invitation).</summary>
    public bool MayChange => Access is AccessBasis.Team or AccessBasis.Coordinator;

    public const int ChangeWindowDays = 30;
}

/// <summary>
/// The questions the screens ask about networks. Each call checks who may see what (<see cref="AccessPolicy"/>),
/// takes out what the viewer must not see (<see cref="Redactor"/>) and records what was seen in the audit trail,
/// so no component ever decides who may see what.
/// </summary>
public sealed class NetworkService(IGraphStore store, AccessPolicy access, IAuditTrail audit, SearchAllowance searches, TimeProvider clock)
{
    /// <summary>Today in the server's time zone: what "now" means to the practitioners using it.</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>Opens a network the viewer may see; throws <see cref="AccessDeniedException"/> when they must break glass first.</summary>
    public Task<NetworkPicture> OpenAsync(Viewer viewer, string personId, DateOnly asOf, int depth, CancellationToken cancellationToken = default) =>
        OpenAsync(viewer, personId, asOf, depth, Audience.Viewer, cancellationToken);

    /// <summary>
    /// Opens a network the viewer may see, redacted for who will see it: for a meeting, recorded as a meeting view.
    /// The presenter needs the same access as to open it for themselves.
    /// </summary>
    public async Task<NetworkPicture> OpenAsync(Viewer viewer, string personId, DateOnly asOf, int depth, Audience audience, CancellationToken cancellationToken = default)
    {
        RecordDates.Require(asOf, Today);
        var granted = await RequireAsync(viewer, personId, cancellationToken).ConfigureAwait(false);
        var redactor = await access.RedactorAsync(viewer, audience, cancellationToken).ConfigureAwait(false);
        var picture = await PictureAsync(personId, asOf, depth, redactor, granted.Basis, cancellationToken).ConfigureAwait(false);
        var (action, details) = audience.IsMeeting()
            ? (AuditActions.MeetingView, $"as at {asOf:yyyy-MM-dd}, depth {depth}, {granted.Basis}, {audience.Describe()}")
            : (AuditActions.ViewNetwork, $"as at {asOf:yyyy-MM-dd}, depth {depth}, {granted.Basis}");
        await RecordAsync(viewer, action, $"person:{personId}", picture.Network, details, cancellationToken).ConfigureAwait(false);
        return picture;
    }

    /// <summary>Steps out from a node of a network the viewer may see (the focus person's).</summary>
    public Task<GraphNetwork> ExpandAsync(Viewer viewer, string focusPersonId, NodeRef node, DateOnly asOf, CancellationToken cancellationToken = default) =>
        ExpandAsync(viewer, focusPersonId, node, asOf, Audience.Viewer, cancellationToken);

    /// <summary>Steps out from a node of a network the viewer may see, redacted for who will see it.</summary>
    public async Task<GraphNetwork> ExpandAsync(Viewer viewer, string focusPersonId, NodeRef node, DateOnly asOf, Audience audience, CancellationToken cancellationToken = default) =>
        (await StepAsync(viewer, focusPersonId, node, asOf, audience, cancellationToken).ConfigureAwait(false)).Network;

    /// <summary>
    /// Steps out from a node of a network the viewer may see, with the statuses of the people it brings in (a child
    /// on a plan in a connected household shows it as one in the first circle does), redacted for who will see it.
    /// </summary>
    public async Task<NetworkStep> StepAsync(Viewer viewer, string focusPersonId, NodeRef node, DateOnly asOf, Audience audience, CancellationToken cancellationToken = default)
    {
        RecordDates.Require(asOf, Today);
        await RequireAsync(viewer, focusPersonId, cancellationToken).ConfigureAwait(false);
        var redactor = await access.RedactorAsync(viewer, audience, cancellationToken).ConfigureAwait(false);
        var result = await StepOutAsync(focusPersonId, node, asOf, redactor, cancellationToken).ConfigureAwait(false);
        var details = $"from the network of {focusPersonId}, as at {asOf:yyyy-MM-dd}" + (audience.IsMeeting() ? $", {audience.Describe()}" : "");
        await RecordAsync(viewer, AuditActions.StepOut, $"{node.Kind.Name()}:{node.Id}", result, details, cancellationToken).ConfigureAwait(false);
        return new NetworkStep(result, await StatusesAsync(result, asOf, redactor, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// A network as it goes into a file: opened and stepped out again under the access rules of the moment (a
    /// break-glass grant may have run out since the screen was drawn), redacted for its audience, and recorded as
    /// an export with everyone in it.
    /// </summary>
    public async Task<NetworkExport> ExportAsync(Viewer viewer, NetworkExportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RecordDates.Require(request.AsOf, Today);
        var granted = await RequireAsync(viewer, request.PersonId, cancellationToken).ConfigureAwait(false);
        var redactor = await access.RedactorAsync(viewer, request.Audience, cancellationToken).ConfigureAwait(false);
        var picture = await PictureAsync(request.PersonId, request.AsOf, request.Depth, redactor, granted.Basis, cancellationToken).ConfigureAwait(false);
        var steps = new List<ExportedStep>();
        // A step goes into the file only from a node the viewer was shown (not a placeholder, not something hidden).
        var shown = Shown(picture.Network);
        foreach (var node in request.Steps.Where(shown.Contains))
        {
            var step = await StepOutAsync(request.PersonId, node, request.AsOf, redactor, cancellationToken).ConfigureAwait(false);
            steps.Add(new ExportedStep(node, step, await StatusesAsync(step, request.AsOf, redactor, cancellationToken).ConfigureAwait(false)));
            shown.UnionWith(Shown(step));
        }

        var people = picture.Network.Nodes.Concat(steps.SelectMany(s => s.Result.Nodes))
            .Where(n => n.Ref.Kind == NodeKind.Person)
            .Select(n => n.Ref.Id)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var details = $"{request.What}, as at {request.AsOf:yyyy-MM-dd}, depth {request.Depth}, {steps.Count} steps out, {request.Audience.Describe()}";
        await audit.AppendAsync(new AuditEntry(viewer.ProfessionalId, viewer.Name, AuditActions.Export, $"person:{request.PersonId}", people, null, details), cancellationToken).ConfigureAwait(false);
        return new NetworkExport(picture, steps, new ExportMarking(viewer.Name, clock.GetUtcNow(), request.AsOf, request.Audience));
    }

    /// <summary>The team around a person as spreadsheet-safe CSV, redacted for its audience; the export is recorded.</summary>
    public async Task<string> ExportTeamCsvAsync(Viewer viewer, string personId, DateOnly asOf, Audience audience, CancellationToken cancellationToken = default)
    {
        RecordDates.Require(asOf, Today);
        await RequireAsync(viewer, personId, cancellationToken).ConfigureAwait(false);
        var redactor = await access.RedactorAsync(viewer, audience, cancellationToken).ConfigureAwait(false);
        var team = await store.GetTeamAsync(personId, asOf, cancellationToken).ConfigureAwait(false);
        team = await redactor.RedactTeamAsync(team, asOf, cancellationToken).ConfigureAwait(false);
        var details = $"team as CSV, as at {asOf:yyyy-MM-dd}, {team.Count} professionals, {audience.Describe()}";
        await audit.AppendAsync(new AuditEntry(viewer.ProfessionalId, viewer.Name, AuditActions.Export, $"person:{personId}", [personId], null, details), cancellationToken).ConfigureAwait(false);
        return TeamCsv.Write(team);
    }

    /// <summary>How many results a search shows.</summary>
    public const int SearchResults = 12;

    /// <summary>
    /// People, households, professionals and agencies found by name, as the viewer may see them: a sensitive agency
    /// and its workers are simply not found by someone outside it. The store is asked for more until the results
    /// are the first <see cref="SearchResults"/> the viewer may see (or all of them), so what is hidden never
    /// shortens or reorders a list.
    /// </summary>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(Viewer viewer, string text, CancellationToken cancellationToken = default)
    {
        searches.Take(viewer);
        var redactor = await access.RedactorAsync(viewer, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<SearchHit> hits;
        for (var window = SearchResults; ; window *= 4)
        {
            var found = await store.SearchAsync(text, window, cancellationToken).ConfigureAwait(false);
            hits = await redactor.RedactSearchAsync(found, Today, cancellationToken).ConfigureAwait(false);
            if (hits.Count >= SearchResults || found.Count < window)
            {
                break;
            }
        }

        hits = [.. hits.Take(SearchResults)];
        await audit.AppendAsync(new AuditEntry(viewer.ProfessionalId, viewer.Name, AuditActions.Search, text.Length > 100 ? text[..100] : text, [.. hits.Where(h => h.Ref.Kind == NodeKind.Person).Select(h => h.Ref.Id)]), cancellationToken).ConfigureAwait(false);
        return hits;
    }

    /// <summary>
    /// Records a stated reason and opens the network for a limited time. For an id that names nobody the reason is
    /// recorded all the same and the answer says plainly there is no such person: until a reason is given an unknown
    /// id reads exactly as a refused one, and a reason on record for review is what it costs to find out.
    /// </summary>
    public async Task<BreakGlassGrant> BreakGlassAsync(Viewer viewer, string personId, string reason, CancellationToken cancellationToken = default)
    {
        BreakGlassGrant grant;
        try
        {
            grant = await access.BreakGlassAsync(viewer, personId, reason, cancellationToken).ConfigureAwait(false);
        }
        catch (NodeNotFoundException)
        {
            await audit.AppendAsync(new AuditEntry(viewer.ProfessionalId, viewer.Name, AuditActions.BreakGlass, $"person:{personId}", [personId], reason.Trim(), "no such person: nothing opened"), cancellationToken).ConfigureAwait(false);
            throw new NodeNotFoundException($"There is no person with the id '{personId}'. Your reason has been recorded. Check the id, or search for the person by name.");
        }

        await audit.AppendAsync(new AuditEntry(viewer.ProfessionalId, viewer.Name, AuditActions.BreakGlass, $"person:{personId}", [personId], grant.Reason, $"open until {grant.ExpiresAt:O}"), cancellationToken).ConfigureAwait(false);
        return grant;
    }

    /// <summary>
    /// The person with an NHS number, when the viewer may open their network; otherwise null, so that a number on
    /// record the viewer may not see reads exactly as one on nobody's record. The look-up is recorded.
    /// </summary>
    public async Task<Person?> FindByNhsNumberAsync(Viewer viewer, NhsNumber nhsNumber, CancellationToken cancellationToken = default)
    {
        var person = await store.FindPersonByNhsNumberAsync(nhsNumber, cancellationToken).ConfigureAwait(false);
        var shown = person is not null && (await access.NetworkAccessAsync(viewer, person.Id, cancellationToken).ConfigureAwait(false)).Allowed ? person : null;
        await audit.AppendAsync(new AuditEntry(viewer.ProfessionalId, viewer.Name, AuditActions.Search, "by NHS number", shown is null ? [] : [shown.Id], null, shown is null ? "none shown" : "one shown"), cancellationToken).ConfigureAwait(false);
        return shown;
    }

    public Task<NetworkAccess> AccessAsync(Viewer viewer, string personId, CancellationToken cancellationToken = default) =>
        access.NetworkAccessAsync(viewer, personId, cancellationToken);

    /// <summary>A household, professional or agency page: only what stepping out from it at today's date shows this viewer.</summary>
    public async Task<(Node Node, GraphNetwork Around)?> DescribeAsync(Viewer viewer, NodeRef node, CancellationToken cancellationToken = default)
    {
        // Something the viewer may not know of answers exactly as something that does not exist.
        var redactor = await access.RedactorAsync(viewer, cancellationToken).ConfigureAwait(false);
        if (node.Kind == NodeKind.Person
            || await store.FindNodeAsync(node, cancellationToken).ConfigureAwait(false) is null
            || !await redactor.MayKnowAsync(node, Today, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var around = await store.ExpandAsync(node, Today, cancellationToken: cancellationToken).ConfigureAwait(false);
        var mayOpen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var person in around.Nodes.Where(n => n.Ref.Kind == NodeKind.Person))
        {
            if ((await access.NetworkAccessAsync(viewer, person.Ref.Id, cancellationToken).ConfigureAwait(false)).Allowed)
            {
                mayOpen.Add(person.Ref.Id);
            }
        }

        around = await redactor.RedactAsync(around, mayOpen, cancellationToken).ConfigureAwait(false);
        var shown = around.Nodes.FirstOrDefault(n => n.Ref == node && !n.Redacted)?.Node;
        if (shown is null)
        {
            return null;
        }

        await RecordAsync(viewer, AuditActions.StepOut, $"{node.Kind.Name()}:{node.Id}", around, "node page", cancellationToken).ConfigureAwait(false);
        return (shown, around);
    }

    /// <summary>A network and what changed around it in the window before, as <paramref name="redactor"/> leaves it.</summary>
    private async Task<NetworkPicture> PictureAsync(string personId, DateOnly asOf, int depth, Redactor redactor, AccessBasis basis, CancellationToken cancellationToken)
    {
        // Read before the network: if someone changes it in between, the editor's revision is the older one and
        // their write is refused, rather than accepted over a change they never saw.
        var revision = await store.GetRevisionAsync(personId, cancellationToken).ConfigureAwait(false);
        var network = await store.OpenNetworkAsync(personId, asOf, depth, cancellationToken: cancellationToken).ConfigureAwait(false);
        // Nothing on record began before the first day of the records, so the window stops there.
        var windowStart = asOf.DayNumber - RecordDates.Earliest.DayNumber < NetworkPicture.ChangeWindowDays ? RecordDates.Earliest : asOf.AddDays(-NetworkPicture.ChangeWindowDays);
        var before = await store.OpenNetworkAsync(personId, windowStart, depth, cancellationToken: cancellationToken).ConfigureAwait(false);
        var team = await store.GetTeamAsync(personId, asOf, cancellationToken).ConfigureAwait(false);

        HashSet<string> entitled = [personId];
        network = await redactor.RedactAsync(network, entitled, cancellationToken).ConfigureAwait(false);
        before = await redactor.RedactAsync(before, entitled, cancellationToken).ConfigureAwait(false);
        team = await redactor.RedactTeamAsync(team, asOf, cancellationToken).ConfigureAwait(false);

        var joined = network.Edges
            .Where(e => e.Period.Since > windowStart && e.Period.Since <= asOf)
            .Select(e => e.Key)
            .ToHashSet();
        var current = network.Edges.Select(e => e.Key).ToHashSet();
        // A placeholder's tie cannot be matched across dates, so it is never shown as ended.
        var standIns = before.Nodes.Where(n => n.Redacted).Select(n => n.Ref).ToHashSet();
        var ended = before.Edges
            .Where(e => !current.Contains(e.Key) && !standIns.Contains(e.From) && e.Period.Until is { } until && until > windowStart && until <= asOf)
            .ToList();
        var present = network.Nodes.Select(n => n.Ref).ToHashSet();
        var endedNodes = before.Nodes
            .Where(n => !present.Contains(n.Ref) && ended.Any(e => e.From == n.Ref || e.To == n.Ref))
            .ToList();
        var statuses = await StatusesAsync(network, asOf, redactor, cancellationToken).ConfigureAwait(false);
        return new NetworkPicture(network, team, joined, ended, endedNodes, basis, revision, statuses);
    }

    /// <summary>The statuses of the people a (redacted) network shows, as <paramref name="redactor"/> leaves them; none of a placeholder.</summary>
    private async Task<IReadOnlyList<PersonStatus>> StatusesAsync(GraphNetwork network, DateOnly asOf, Redactor redactor, CancellationToken cancellationToken)
    {
        var statuses = await store.GetStatusesAsync([.. network.Nodes.Where(n => n.Ref.Kind == NodeKind.Person && !n.Redacted).Select(n => n.Ref.Id)], asOf, cancellationToken).ConfigureAwait(false);
        return await redactor.RedactStatusesAsync(statuses, cancellationToken).ConfigureAwait(false);
    }

    private async Task<GraphNetwork> StepOutAsync(string focusPersonId, NodeRef node, DateOnly asOf, Redactor redactor, CancellationToken cancellationToken)
    {
        // Stepping out from something the viewer may not know of (or from a placeholder, which is nothing in the
        // store) answers as for a node that does not exist.
        if (!await redactor.MayKnowAsync(node, asOf, cancellationToken).ConfigureAwait(false))
        {
            throw new NodeNotFoundException(node);
        }

        var result = await store.ExpandAsync(node, asOf, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await redactor.RedactAsync(result, new HashSet<string> { focusPersonId }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<NetworkAccess> RequireAsync(Viewer viewer, string personId, CancellationToken cancellationToken)
    {
        var granted = await access.NetworkAccessAsync(viewer, personId, cancellationToken).ConfigureAwait(false);
        if (!granted.Allowed)
        {
            // A refusal is worth recording too: repeated refusals are what a governance officer looks for.
            await audit.AppendAsync(new AuditEntry(viewer.ProfessionalId, viewer.Name, AuditActions.Refused, $"person:{personId}", [personId]), cancellationToken).ConfigureAwait(false);
            throw new AccessDeniedException(personId);
        }

        return granted;
    }

    private static HashSet<NodeRef> Shown(GraphNetwork network) => [.. network.Nodes.Where(n => !n.Redacted).Select(n => n.Ref)];

    private Task RecordAsync(Viewer viewer, string action, string target, GraphNetwork shown, string details, CancellationToken cancellationToken) =>
        audit.AppendAsync(
            new AuditEntry(viewer.ProfessionalId, viewer.Name, action, target, [.. shown.Nodes.Where(n => n.Ref.Kind == NodeKind.Person).Select(n => n.Ref.Id)], null, details),
            cancellationToken);
}
