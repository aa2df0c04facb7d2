using System.Security.Cryptography;
using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Governance;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;
using Patchwork.Graph.Storage;

namespace Patchwork.Graph.Changes;

/// <summary>
/// Every change practitioners and coordinators make to a network, with its rules: who may make it, one lead at a
/// time, handovers, invitations, concerns. Each change is time-stamped and attributed, written all or nothing,
/// refused when someone else changed the network since the editor opened it, audited, and announced to open views.
/// </summary>
public sealed partial class ChangeService(
    IGraphStore store,
    AccessPolicy access,
    IAuditTrail audit,
    IChangeLog changeLog,
    IInvitationStore invitations,
    IConcernStore concerns,
    INetworkChangeFeed feed,
    TimeProvider clock)
{
    public const int ConcernWindowDays = 30;
    public const int MaxNoteLength = 1000;

    public DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>Adds a person - a new client when <see cref="NewPerson.MyRole"/> is given - with their household and family tie. Returns the new id.</summary>
    public async Task<string> AddPersonAsync(Viewer viewer, NewPerson form, CancellationToken cancellationToken = default)
    {
        Safe(nameof(NewPerson.GivenName), form.GivenName);
        Safe(nameof(NewPerson.FamilyName), form.FamilyName);
        Safe(nameof(NewPerson.NhsNumber), form.NhsNumber);
        Safe(nameof(NewPerson.MyRole), form.MyRole);
        var givenName = form.GivenName?.Trim() ?? "";
        var familyName = form.FamilyName?.Trim() ?? "";
        if (givenName.Length == 0 && familyName.Length == 0)
        {
            throw new FieldRuleException(nameof(NewPerson.GivenName), "Enter a given name or a family name.");
        }

        if (form.DateOfBirth is { } born && born > Today)
        {
            throw new FieldRuleException(nameof(NewPerson.DateOfBirth), "The date of birth is in the future.");
        }

        NhsNumber? nhs = null;
        if (!string.IsNullOrWhiteSpace(form.NhsNumber))
        {
            nhs = NhsNumber.TryParse(form.NhsNumber, out var parsed)
                ? parsed
                : throw new FieldRuleException(nameof(NewPerson.NhsNumber), "That is not a valid NHS number: ten digits, the last a check digit.");
        }

        var person = new Person(NewId("P"), givenName, familyName, form.DateOfBirth, form.Gender, nhs);
        var recorded = Recorded.Now(viewer.ProfessionalId, clock);
        var writes = new List<GraphWrite> { new GraphWrite.AddNode(Checked(person, givenName.Length > 0 ? nameof(NewPerson.GivenName) : nameof(NewPerson.FamilyName))) };
        var touched = new List<string> { person.Id };

        if (form.Household.IsNew)
        {
            var household = NewHousehold(form.Household);
            writes.Add(new GraphWrite.AddNode(household));
            writes.Add(new GraphWrite.AddRelationship(new Membership(person.Id, household.Id, new Period(Today), recorded)));
        }
        else if (form.Household.ExistingId is { } householdId)
        {
            // Joining a household adds someone to the networks of everyone living there: the viewer must be able to
            // change at least one of those networks.
            touched.AddRange(await RequireHouseholdAsync(viewer, householdId, cancellationToken).ConfigureAwait(false));
            writes.Add(new GraphWrite.AddRelationship(new Membership(person.Id, householdId, new Period(Today), recorded)));
        }

        if (form.Tie is { } tie)
        {
            await RequireChangeAsync(viewer, tie.PersonId, cancellationToken).ConfigureAwait(false);
            var (from, to) = tie.NewPersonIsFrom ? (person.Id, tie.PersonId) : (tie.PersonId, person.Id);
            writes.Add(new GraphWrite.AddRelationship(new FamilyTie(from, to, tie.Kind, new Period(form.DateOfBirth ?? Today), recorded)));
            touched.Add(tie.PersonId);
        }

        if (!string.IsNullOrWhiteSpace(form.MyRole))
        {
            writes.Add(new GraphWrite.AddRelationship(Checked(new Involvement(viewer.ProfessionalId, person.Id, form.MyRole.Trim(), form.IAmLead, false, new Period(Today), recorded), nameof(NewPerson.MyRole))));
        }
        else if (!viewer.IsCoordinator && form.Tie is null && form.Household.ExistingId is null)
        {
            // Otherwise the person would be on nobody's team and the practitioner who added them could not open them.
            throw new FieldRuleException(nameof(NewPerson.MyRole), "Say what your role with them is: adding them puts you on their team.");
        }

        await ApplyAsync(viewer, new ChangeSet(person.Id, null, writes, recorded, viewer.Name), $"added {person.DisplayName}", touched, cancellationToken).ConfigureAwait(false);
        return person.Id;
    }

    /// <summary>Puts a professional on a client's team. Refused when they are on it already, or when it would make a second lead.</summary>
    public async Task<NetworkRevision> AddInvolvementAsync(Viewer viewer, string personId, long expectedRevision, NewInvolvement form, CancellationToken cancellationToken = default)
    {
        await RequireChangeAsync(viewer, personId, expectedRevision, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(form.Role))
        {
            throw new FieldRuleException(nameof(NewInvolvement.Role), "Say what their role is (for example: school nurse, family support worker).");
        }

        Safe(nameof(NewInvolvement.Role), form.Role);

        var professional = await RequireProfessionalAsync(form.ProfessionalId, nameof(NewInvolvement.ProfessionalId), cancellationToken).ConfigureAwait(false);
        var team = await store.GetTeamAsync(personId, form.Since, cancellationToken).ConfigureAwait(false);
        if (team.FirstOrDefault(m => m.Professional.Id == professional.Id) is { } already)
        {
            throw new FieldRuleException(nameof(NewInvolvement.ProfessionalId), $"{professional.DisplayName} is already on the team ({already.Involvement.Role}) on {form.Since:d MMM yyyy}.");
        }

        if (form.Lead && team.FirstOrDefault(m => m.IsLead) is { } lead)
        {
            throw new FieldRuleException(nameof(NewInvolvement.Lead), $"There is already a lead professional, {lead.Professional.DisplayName}. Use \"Hand over the lead\" to change who leads.");
        }

        var recorded = Recorded.Now(viewer.ProfessionalId, clock);
        var involvement = Checked(new Involvement(professional.Id, personId, form.Role.Trim(), form.Lead, form.Sensitive, new Period(form.Since), recorded), nameof(NewInvolvement.Role));
        return await ApplyAsync(viewer, new ChangeSet(personId, expectedRevision, [new GraphWrite.AddRelationship(involvement)], recorded, viewer.Name), $"added {professional.DisplayName} to the team as {involvement.Role}{(form.Lead ? " (lead)" : "")}", [personId], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes a professional off a client's team on <paramref name="until"/> (their involvement ends; its history stays).</summary>
    public async Task<NetworkRevision> EndInvolvementAsync(Viewer viewer, string personId, long expectedRevision, string professionalId, DateOnly until, CancellationToken cancellationToken = default)
    {
        await RequireChangeAsync(viewer, personId, expectedRevision, cancellationToken).ConfigureAwait(false);
        var member = await OpenInvolvementAsync(personId, professionalId, cancellationToken).ConfigureAwait(false);
        RequireAfterStart(member.Involvement, until, "Until");
        var recorded = Recorded.Now(viewer.ProfessionalId, clock);
        return await ApplyAsync(viewer, new ChangeSet(personId, expectedRevision, [new GraphWrite.EndRelationship(member.Involvement.Key, until)], recorded, viewer.Name), $"took {member.Professional.DisplayName} off the team from {until:yyyy-MM-dd}", [personId], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Gives the lead to another professional from a date: the previous lead's lead flag ends that day (they stay on
    /// the team unless told otherwise), and the new lead's involvement is a lead one from that day. With no lead yet,
    /// this assigns one. One lead at a time, always.
    /// </summary>
    public async Task<NetworkRevision> HandOverLeadAsync(Viewer viewer, string personId, long expectedRevision, LeadHandover form, CancellationToken cancellationToken = default)
    {
        await RequireChangeAsync(viewer, personId, expectedRevision, cancellationToken).ConfigureAwait(false);
        var professional = await RequireProfessionalAsync(form.ProfessionalId, nameof(LeadHandover.ProfessionalId), cancellationToken).ConfigureAwait(false);
        var team = await store.GetTeamAsync(personId, form.From, cancellationToken).ConfigureAwait(false);
        var previous = team.FirstOrDefault(m => m.IsLead);
        var incoming = team.FirstOrDefault(m => m.Professional.Id == professional.Id);
        if (previous?.Professional.Id == professional.Id)
        {
            throw new FieldRuleException(nameof(LeadHandover.ProfessionalId), $"{professional.DisplayName} is already the lead professional.");
        }

        Safe(nameof(LeadHandover.Role), form.Role);
        var recorded = Recorded.Now(viewer.ProfessionalId, clock);
        var from = new Period(form.From);
        var writes = new List<GraphWrite>();
        if (previous is not null)
        {
            RequireAfterStart(previous.Involvement, form.From, nameof(LeadHandover.From));
            writes.Add(new GraphWrite.EndRelationship(previous.Involvement.Key, form.From));
            if (form.PreviousLeadStays)
            {
                writes.Add(new GraphWrite.AddRelationship(previous.Involvement with { Lead = false, Period = from, Recorded = recorded }));
            }
        }

        if (incoming is not null)
        {
            RequireAfterStart(incoming.Involvement, form.From, nameof(LeadHandover.From));
            writes.Add(new GraphWrite.EndRelationship(incoming.Involvement.Key, form.From));
            writes.Add(new GraphWrite.AddRelationship(incoming.Involvement with { Lead = true, Period = from, Recorded = recorded }));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(form.Role))
            {
                throw new FieldRuleException(nameof(LeadHandover.Role), $"{professional.DisplayName} is not on the team yet: say what their role will be.");
            }

            writes.Add(new GraphWrite.AddRelationship(Checked(new Involvement(professional.Id, personId, form.Role.Trim(), true, false, from, recorded), nameof(LeadHandover.Role))));
        }

        var what = previous is null
            ? $"made {professional.DisplayName} the lead professional from {form.From:yyyy-MM-dd}"
            : $"handed the lead from {previous.Professional.DisplayName} to {professional.DisplayName} from {form.From:yyyy-MM-dd}";
        return await ApplyAsync(viewer, new ChangeSet(personId, expectedRevision, writes, recorded, viewer.Name), what, [personId], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records that a person lives in a household from a date (an existing household, or a new one).</summary>
    public async Task<NetworkRevision> AddMembershipAsync(Viewer viewer, string personId, long expectedRevision, HouseholdChoice household, DateOnly since, CancellationToken cancellationToken = default)
    {
        await RequireChangeAsync(viewer, personId, expectedRevision, cancellationToken).ConfigureAwait(false);
        var recorded = Recorded.Now(viewer.ProfessionalId, clock);
        var writes = new List<GraphWrite>();
        var touched = new List<string> { personId };
        string householdId;
        if (household.IsNew)
        {
            var created = NewHousehold(household);
            writes.Add(new GraphWrite.AddNode(created));
            householdId = created.Id;
        }
        else
        {
            householdId = household.ExistingId ?? throw new FieldRuleException("Household", "Choose a household, or give a new one a name.");
            touched.AddRange(await RequireHouseholdAsync(viewer, householdId, cancellationToken).ConfigureAwait(false));
        }

        writes.Add(new GraphWrite.AddRelationship(new Membership(personId, householdId, new Period(since), recorded)));
        return await ApplyAsync(viewer, new ChangeSet(personId, expectedRevision, writes, recorded, viewer.Name), $"recorded a move into household {householdId} from {since:yyyy-MM-dd}", touched, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends a relationship of the person's own network (a household membership or a family tie) on <paramref name="until"/>.</summary>
    public async Task<NetworkRevision> EndTieAsync(Viewer viewer, string personId, long expectedRevision, RelationshipKey key, DateOnly until, CancellationToken cancellationToken = default)
    {
        if (key.Type is not (RelationshipType.MemberOf or RelationshipType.Family) || (key.FromId != personId && key.ToId != personId))
        {
            throw new GraphRuleException("Only a household membership or a family tie of this person can be ended here.");
        }

        await RequireChangeAsync(viewer, personId, expectedRevision, cancellationToken).ConfigureAwait(false);
        if (until <= key.Since)
        {
            throw new FieldRuleException("Until", $"The end date must be after the start, {key.Since:d MMM yyyy}.");
        }

        var recorded = Recorded.Now(viewer.ProfessionalId, clock);
        List<string> touched = key.Type == RelationshipType.Family ? [key.FromId, key.ToId] : [personId];
        return await ApplyAsync(viewer, new ChangeSet(personId, expectedRevision, [new GraphWrite.EndRelationship(key, until)], recorded, viewer.Name), $"ended {key} on {until:yyyy-MM-dd}", touched, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records a family tie between the person and a relative already recorded, read "[relative] is [kind] of
    /// [person]" when <paramref name="relativeIsFrom"/>, and the other way round otherwise.
    /// </summary>
    public async Task<NetworkRevision> AddFamilyTieAsync(Viewer viewer, string personId, long expectedRevision, string relativeId, FamilyKind kind, bool relativeIsFrom, DateOnly since, CancellationToken cancellationToken = default)
    {
        await RequireChangeAsync(viewer, personId, expectedRevision, cancellationToken).ConfigureAwait(false);
        if (relativeId == personId)
        {
            throw new FieldRuleException("PersonId", "Choose someone else: a family tie joins two different people.");
        }

        if (await store.FindNodeAsync(new NodeRef(NodeKind.Person, relativeId), cancellationToken).ConfigureAwait(false) is null)
        {
            throw new FieldRuleException("PersonId", $"There is no person with the id '{relativeId}'.");
        }

        var recorded = Recorded.Now(viewer.ProfessionalId, clock);
        var (from, to) = relativeIsFrom ? (relativeId, personId) : (personId, relativeId);
        var write = new GraphWrite.AddRelationship(new FamilyTie(from, to, kind, new Period(since), recorded));
        return await ApplyAsync(viewer, new ChangeSet(personId, expectedRevision, [write], recorded, viewer.Name), $"recorded a family tie ({kind}) from {from} to {to}", [personId, relativeId], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records a contact the signed-in professional had with a client, or plans a visit (<paramref name="planned"/>:
    /// a time ahead). Contacts never conflict, so they are not refused as stale.
    /// </summary>
    public Task<NetworkRevision> RecordContactAsync(Viewer viewer, string personId, DateTimeOffset at, ContactKind kind, bool planned, CancellationToken cancellationToken = default) =>
        RecordContactAsync(viewer, personId, at, kind, planned, null, null, cancellationToken);

    /// <summary>
    /// As above, saying for a contact that happened whether the child was seen and seen alone (null: not
    /// applicable). Seen alone needs seen; a planned visit has neither yet.
    /// </summary>
    public async Task<NetworkRevision> RecordContactAsync(Viewer viewer, string personId, DateTimeOffset at, ContactKind kind, bool planned, bool? seen, bool? seenAlone, CancellationToken cancellationToken = default)
    {
        var granted = await access.NetworkAccessAsync(viewer, personId, cancellationToken).ConfigureAwait(false);
        if (granted.Basis != AccessBasis.Team)
        {
            throw new AccessDeniedException("Contacts and visits are recorded by the professionals on the person's team.", new UnauthorizedAccessException());
        }

        return await RecordContactOfAsync(viewer, viewer.ProfessionalId, personId, at, kind, planned, seen, seenAlone, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The rules and the write of a contact of <paramref name="professionalId"/>, once the viewer may record it.</summary>
    private async Task<NetworkRevision> RecordContactOfAsync(Viewer viewer, string professionalId, string personId, DateTimeOffset at, ContactKind kind, bool planned, bool? seen, bool? seenAlone, CancellationToken cancellationToken)
    {
        if (planned && (seen is not null || seenAlone is not null))
        {
            throw new FieldRuleException(ContactFields.Seen, "A planned visit has not happened yet: whether the child was seen is recorded after the visit.");
        }

        if (seenAlone == true && seen != true)
        {
            throw new FieldRuleException(ContactFields.SeenAlone, "The child was seen alone, so they were seen: choose \"Yes\" for \"Child seen\" too.");
        }

        var now = clock.GetUtcNow();
        if (planned && at <= now)
        {
            throw new FieldRuleException("At", "A planned visit must be in the future. To record one that happened, use \"Record a contact\".");
        }

        if (!planned && at > now.AddMinutes(5))
        {
            throw new FieldRuleException("At", "A contact that happened cannot be in the future. To plan one, use \"Plan a visit\".");
        }

        var recorded = Recorded.Now(viewer.ProfessionalId, clock);
        var contact = new Contact(professionalId, personId, at, kind, planned, recorded, seen, seenAlone);
        var what = planned ? $"planned a {kind.ToString().ToLowerInvariant()} on {at:yyyy-MM-dd HH:mm}" : $"recorded a {kind.ToString().ToLowerInvariant()} on {at:yyyy-MM-dd HH:mm}{ContactFields.Describe(seen, seenAlone)}";
        return await ApplyAsync(viewer, new ChangeSet(personId, null, [new GraphWrite.RecordContact(contact)], recorded, viewer.Name), what, [personId], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records a person's status for the agency responsible, from a date (and to one, when given). The viewer (or
    /// the system client acting for the agency) must be able to change the network and work for that agency on the
    /// day it starts; a coordinator may record it for any agency. A status of the same kind already held that day
    /// is refused: end it first. <paramref name="expectedRevision"/> null: not checked (a feed from another system
    /// has no screen that saw a revision).
    /// </summary>
    public async Task<NetworkRevision> SetStatusAsync(Viewer viewer, string personId, long? expectedRevision, NewStatus form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await RequireChangeAsync(viewer, personId, expectedRevision, cancellationToken).ConfigureAwait(false);
        if (form.Until is { } until && until <= form.Since)
        {
            throw new FieldRuleException(StatusFields.Until, $"The end date {until:d MMM yyyy} must be after the start date {form.Since:d MMM yyyy}.");
        }

        var agency = await store.FindNodeAsync(new NodeRef(NodeKind.Agency, form.AgencyId), cancellationToken).ConfigureAwait(false) as Agency
            ?? throw new FieldRuleException(StatusFields.Agency, $"There is no agency with the id '{form.AgencyId}'.");
        if (!viewer.IsCoordinator && !await SpeaksForAsync(viewer, agency.Id, form.Since, cancellationToken).ConfigureAwait(false))
        {
            throw new FieldRuleException(StatusFields.Agency, $"A status is recorded by the agency responsible for it; you do not work for {agency.Name} on {form.Since:d MMM yyyy}.");
        }

        var held = await store.GetStatusesAsync([personId], form.Since, cancellationToken).ConfigureAwait(false);
        if (held.FirstOrDefault(s => s.Status.Status == form.Status) is { } already)
        {
            throw new FieldRuleException(StatusFields.Status, $"{form.Status.Label()} is already recorded from {already.Status.Period.Since:d MMM yyyy} by {already.Agency.Name}; end it before recording it again.");
        }

        // What holds on the start date is not all: one recorded to start later must not fall inside the new one either.
        var period = new Period(form.Since, form.Until);
        var history = await store.GetStatusHistoryAsync(personId, cancellationToken).ConfigureAwait(false);
        if (history.FirstOrDefault(s => s.Status.Status == form.Status && s.Agency.Id == agency.Id && s.Status.Period.Overlaps(period)) is { } overlapping)
        {
            var other = overlapping.Status.Period;
            throw new FieldRuleException(other.Since > form.Since ? StatusFields.Until : StatusFields.Since,
                $"{agency.Name} already records {form.Status.Label().ToLowerInvariant()} {(other.Until is { } otherEnd ? $"from {other.Since:d MMM yyyy} to {otherEnd:d MMM yyyy}" : $"from {other.Since:d MMM yyyy}")}, "
                + $"which these dates overlap; a status of one kind from one agency holds once at a time. Give dates that end before it starts{(other.Until is { } endsOn ? $" or start on {endsOn:d MMM yyyy} or later" : "")}, or change that one.");
        }

        var recorded = Recorded.Now(viewer.ProfessionalId, clock);
        var status = Checked(new ChildStatus(agency.Id, personId, form.Status, period, recorded), StatusFields.Since);
        var what = $"recorded {form.Status.Label().ToLowerInvariant()} from {form.Since:yyyy-MM-dd}{(form.Until is { } end ? $" to {end:yyyy-MM-dd}" : "")} for {agency.Name}";
        return await ApplyAsync(viewer, new ChangeSet(personId, expectedRevision, [new GraphWrite.AddRelationship(status)], recorded, viewer.Name), what, [personId], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the person's open status of a kind on <paramref name="until"/>, under the same rules as <see cref="SetStatusAsync"/>.</summary>
    public async Task<NetworkRevision> EndStatusAsync(Viewer viewer, string personId, long? expectedRevision, CareStatus status, DateOnly until, CancellationToken cancellationToken = default)
    {
        await RequireChangeAsync(viewer, personId, expectedRevision, cancellationToken).ConfigureAwait(false);
        var held = await store.GetStatusesAsync([personId], Today, cancellationToken).ConfigureAwait(false);
        var open = held.FirstOrDefault(s => s.Status.Status == status && s.Status.Period.IsOpen)
            ?? throw new FieldRuleException(StatusFields.Status, $"There is no open {status.Label().ToLowerInvariant()} to end.");
        if (!viewer.IsCoordinator && !await SpeaksForAsync(viewer, open.Agency.Id, Today, cancellationToken).ConfigureAwait(false))
        {
            throw new FieldRuleException(StatusFields.Agency, $"A status is ended by the agency responsible for it, {open.Agency.Name}.");
        }

        if (until <= open.Status.Period.Since)
        {
            throw new FieldRuleException(StatusFields.Until, $"This status started on {open.Status.Period.Since:d MMM yyyy}; it can end on {open.Status.Period.Since.AddDays(1):d MMM yyyy} at the earliest.");
        }

        var recorded = Recorded.Now(viewer.ProfessionalId, clock);
        var what = $"ended {status.Label().ToLowerInvariant()} on {until:yyyy-MM-dd}";
        return await ApplyAsync(viewer, new ChangeSet(personId, expectedRevision, [new GraphWrite.EndRelationship(open.Status.Key, until)], recorded, viewer.Name), what, [personId], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Invites a professional into a client's team. They see the invitation after signing in and answer it.</summary>
    public async Task<Invitation> InviteAsync(Viewer viewer, string personId, string professionalId, string role, string? message, CancellationToken cancellationToken = default)
    {
        await RequireChangeAsync(viewer, personId, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(role))
        {
            throw new FieldRuleException("Role", "Say what you are inviting them to do (their role on the team).");
        }

        if (message?.Length > MaxNoteLength)
        {
            throw new FieldRuleException("Message", $"Keep the message under {MaxNoteLength:N0} characters.");
        }

        Safe("Role", role);
        Safe("Message", message, multiLine: true);

        var professional = await RequireProfessionalAsync(professionalId, "ProfessionalId", cancellationToken).ConfigureAwait(false);
        var team = await store.GetTeamAsync(personId, Today, cancellationToken).ConfigureAwait(false);
        if (team.Any(m => m.Professional.Id == professional.Id))
        {
            throw new FieldRuleException("ProfessionalId", $"{professional.DisplayName} is already on the team.");
        }

        var pending = await invitations.PendingForPersonAsync(personId, cancellationToken).ConfigureAwait(false);
        if (pending.FirstOrDefault(i => i.ProfessionalId == professional.Id) is { } earlier)
        {
            throw new FieldRuleException("ProfessionalId", $"{professional.DisplayName} was already invited by {earlier.InvitedByName} on {earlier.InvitedAt.ToLocalTime():d MMM yyyy} and has not answered yet.");
        }

        var invitation = await invitations.AddAsync(
            new Invitation(0, personId, professional.Id, role.Trim(), Blank(message), viewer.ProfessionalId, viewer.Name, clock.GetUtcNow()),
            cancellationToken).ConfigureAwait(false);
        await AuditAsync(viewer, personId, [personId], $"invited {professional.DisplayName} into the team as {invitation.Role}", cancellationToken).ConfigureAwait(false);
        return invitation;
    }

    /// <summary>The invitations waiting for the signed-in professional, with the names of the people they are about.</summary>
    public async Task<IReadOnlyList<(Invitation Invitation, string PersonName)>> MyInvitationsAsync(Viewer viewer, CancellationToken cancellationToken = default)
    {
        var pending = await invitations.PendingForProfessionalAsync(viewer.ProfessionalId, cancellationToken).ConfigureAwait(false);
        var redactor = await access.RedactorAsync(viewer, cancellationToken).ConfigureAwait(false);
        var named = new List<(Invitation, string)>();
        foreach (var invitation in pending)
        {
            var person = await store.FindNodeAsync(new NodeRef(NodeKind.Person, invitation.PersonId), cancellationToken).ConfigureAwait(false);
            named.Add((await redactor.RedactInvitationAsync(invitation, Today, cancellationToken).ConfigureAwait(false), person?.DisplayName ?? invitation.PersonId));
        }

        return named;
    }

    /// <summary>Accepts (joining the team from today in the role invited) or declines an invitation. Only the invitee may answer.</summary>
    public async Task RespondAsync(Viewer viewer, long invitationId, bool accept, CancellationToken cancellationToken = default)
    {
        var invitation = await invitations.FindAsync(invitationId, cancellationToken).ConfigureAwait(false);
        if (invitation is null || invitation.ProfessionalId != viewer.ProfessionalId)
        {
            throw new GraphRuleException("There is no such invitation for you.");
        }

        if (invitation.Status != InvitationStatus.Pending)
        {
            throw new GraphRuleException($"You already {(invitation.Status == InvitationStatus.Accepted ? "accepted" : "declined")} this invitation.");
        }

        var entry = ChangeEntry(viewer, invitation.PersonId, [invitation.PersonId], $"{(accept ? "accepted" : "declined")} the invitation from {invitation.InvitedByName} to join the team as {invitation.Role}");
        var audited = false;
        if (accept)
        {
            var recorded = Recorded.Now(viewer.ProfessionalId, clock);
            var team = await store.GetTeamAsync(invitation.PersonId, Today, cancellationToken).ConfigureAwait(false);
            if (!team.Any(m => m.Professional.Id == viewer.ProfessionalId))
            {
                // Joining the team is a change to the graph: written with its audit record.
                var involvement = new Involvement(viewer.ProfessionalId, invitation.PersonId, invitation.Role, false, false, new Period(Today), recorded);
                await store.ApplyAsync(new ChangeSet(invitation.PersonId, null, [new GraphWrite.AddRelationship(involvement)], recorded, viewer.Name, entry), cancellationToken).ConfigureAwait(false);
                audited = true;
            }
        }

        await invitations.RespondAsync(invitationId, accept ? InvitationStatus.Accepted : InvitationStatus.Declined, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (audited)
        {
            Announce(await RevisionsAsync([invitation.PersonId], cancellationToken).ConfigureAwait(false));
        }
        else
        {
            await AuditAsync(entry, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A team member flags increased concern about a client, on behalf of their agency.</summary>
    public async Task<Concern> RaiseConcernAsync(Viewer viewer, string personId, string note, CancellationToken cancellationToken = default)
    {
        var granted = await access.NetworkAccessAsync(viewer, personId, cancellationToken).ConfigureAwait(false);
        if (granted.Basis != AccessBasis.Team)
        {
            throw new AccessDeniedException("Concerns are raised by the professionals on the person's team.", new UnauthorizedAccessException());
        }

        var text = note?.Trim() ?? "";
        if (text.Length < 10)
        {
            throw new FieldRuleException("Note", "Say in a sentence what worries you (at least 10 characters).");
        }

        if (text.Length > MaxNoteLength)
        {
            throw new FieldRuleException("Note", $"Keep the note under {MaxNoteLength:N0} characters.");
        }

        Safe("Note", text, multiLine: true);

        var agency = (await store.GetTeamAsync(personId, Today, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(m => m.Professional.Id == viewer.ProfessionalId)?.Agency;
        var concern = await concerns.AddAsync(
            new Concern(0, personId, viewer.ProfessionalId, viewer.Name, agency?.Id, agency?.Name, clock.GetUtcNow(), text),
            cancellationToken).ConfigureAwait(false);
        await AuditAsync(viewer, personId, [personId], $"raised a concern for {agency?.Name ?? "no agency"}", cancellationToken).ConfigureAwait(false);
        return concern;
    }

    /// <summary>What the team panel shows besides the team: concerns of the last 30 days and invitations not yet answered.</summary>
    public async Task<TeamActivity> TeamActivityAsync(Viewer viewer, string personId, CancellationToken cancellationToken = default)
    {
        await access.RequireNetworkAccessAsync(viewer, personId, cancellationToken).ConfigureAwait(false);
        var raised = await concerns.ForPersonAsync(personId, clock.GetUtcNow().AddDays(-ConcernWindowDays), cancellationToken).ConfigureAwait(false);
        var pending = await invitations.PendingForPersonAsync(personId, cancellationToken).ConfigureAwait(false);
        var invited = new List<(Invitation, string)>();
        foreach (var invitation in pending)
        {
            var professional = await store.FindNodeAsync(new NodeRef(NodeKind.Professional, invitation.ProfessionalId), cancellationToken).ConfigureAwait(false);
            invited.Add((invitation, professional?.DisplayName ?? invitation.ProfessionalId));
        }

        // Who raised a concern or was invited can name a sensitive service: the redactor decides, as for the team.
        var redactor = await access.RedactorAsync(viewer, cancellationToken).ConfigureAwait(false);
        var sensitive = (await store.GetTeamAsync(personId, Today, cancellationToken).ConfigureAwait(false))
            .Where(m => m.Involvement.Sensitive)
            .Select(m => m.Professional.Id)
            .ToHashSet(StringComparer.Ordinal);
        return await redactor.RedactActivityAsync(new TeamActivity(raised, invited), sensitive, Today, cancellationToken).ConfigureAwait(false);
    }

    private async Task<NetworkRevision> ApplyAsync(Viewer viewer, ChangeSet change, string what, IReadOnlyList<string> touched, CancellationToken cancellationToken)
    {
        // The store writes the change and its audit record together: never a change nobody is recorded as making.
        // It logs the change for the other servers with the record; this server's own views are told here.
        var revision = await store.ApplyAsync(change with { Audit = ChangeEntry(viewer, change.PersonId, touched, what) }, cancellationToken).ConfigureAwait(false);
        Announce([new NetworkChanged(change.PersonId, revision), .. await RevisionsAsync(touched.Where(id => id != change.PersonId), cancellationToken).ConfigureAwait(false)]);
        return revision;
    }

    private async Task<IReadOnlyList<NetworkChanged>> RevisionsAsync(IEnumerable<string> personIds, CancellationToken cancellationToken)
    {
        var changes = new List<NetworkChanged>();
        foreach (var id in personIds.Distinct(StringComparer.Ordinal))
        {
            changes.Add(new NetworkChanged(id, await store.GetRevisionAsync(id, cancellationToken).ConfigureAwait(false)));
        }

        return changes;
    }

    private void Announce(IEnumerable<NetworkChanged> changes)
    {
        foreach (var change in changes)
        {
            feed.Publish(change);
        }
    }

    private Task AuditAsync(Viewer viewer, string personId, IEnumerable<string> touched, string what, CancellationToken cancellationToken) =>
        AuditAsync(ChangeEntry(viewer, personId, touched, what), cancellationToken);

    /// <summary>
    /// A change outside the graph (an invitation, a concern): its record and the change-log lines of the people it
    /// names in one transaction, so every server redraws them exactly when the record exists.
    /// </summary>
    private async Task AuditAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var changes = await RevisionsAsync(entry.PersonIds, cancellationToken).ConfigureAwait(false);
        await changeLog.AppendWithChangesAsync(entry, changes, cancellationToken).ConfigureAwait(false);
        Announce(changes);
    }

    private static AuditEntry ChangeEntry(Viewer viewer, string personId, IEnumerable<string> touched, string what) =>
        new(viewer.ProfessionalId, viewer.Name, AuditActions.Change, $"person:{personId}", [.. touched.Distinct(StringComparer.Ordinal)], null, what);

    /// <summary>
    /// As <see cref="RequireChangeAsync(Viewer, string, CancellationToken)"/>, and refuses at once when the network moved on
    /// since the editor saw it: the rules below would otherwise be judged against a network the editor never saw. The
    /// store checks the revision again as it writes.
    /// </summary>
    private async Task RequireChangeAsync(Viewer viewer, string personId, long expectedRevision, CancellationToken cancellationToken)
    {
        await RequireChangeAsync(viewer, personId, cancellationToken).ConfigureAwait(false);
        var current = await store.GetRevisionAsync(personId, cancellationToken).ConfigureAwait(false);
        if (current.Number != expectedRevision)
        {
            throw new StaleWriteException(personId, current);
        }
    }

    /// <summary>Changing a network takes a legitimate relationship with the person: being on their team, or a coordinator.</summary>
    private async Task RequireChangeAsync(Viewer viewer, string personId, CancellationToken cancellationToken)
    {
        var granted = await access.NetworkAccessAsync(viewer, personId, cancellationToken).ConfigureAwait(false);
        if (granted.Basis is not (AccessBasis.Team or AccessBasis.Coordinator))
        {
            await audit.AppendAsync(new AuditEntry(viewer.ProfessionalId, viewer.Name, AuditActions.Refused, $"person:{personId}", [personId], null, "change refused"), cancellationToken).ConfigureAwait(false);
            throw new AccessDeniedException("Only the person's team and coordinators can change their network.", new UnauthorizedAccessException());
        }
    }

    /// <summary>The people living in a household the viewer may change; refused when they may change none of their networks.</summary>
    private async Task<IReadOnlyList<string>> RequireHouseholdAsync(Viewer viewer, string householdId, CancellationToken cancellationToken)
    {
        var around = await store.ExpandAsync(new NodeRef(NodeKind.Household, householdId), Today, cancellationToken: cancellationToken).ConfigureAwait(false);
        var members = around.Nodes.Where(n => n.Ref.Kind == NodeKind.Person).Select(n => n.Ref.Id).ToList();
        foreach (var member in members)
        {
            if ((await access.NetworkAccessAsync(viewer, member, cancellationToken).ConfigureAwait(false)).Basis is AccessBasis.Team or AccessBasis.Coordinator)
            {
                return members;
            }
        }

        throw new FieldRuleException("Household", "You can add someone only to a household whose members' networks you can change.");
    }

    private async Task<Professional> RequireProfessionalAsync(string? professionalId, string field, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(professionalId))
        {
            throw new FieldRuleException(field, "Choose a professional.");
        }

        return await store.FindNodeAsync(new NodeRef(NodeKind.Professional, professionalId), cancellationToken).ConfigureAwait(false) as Professional
            ?? throw new FieldRuleException(field, $"There is no professional with the id '{professionalId}'.");
    }

    private async Task<TeamMember> OpenInvolvementAsync(string personId, string professionalId, CancellationToken cancellationToken)
    {
        var team = await store.GetTeamAsync(personId, Today, cancellationToken).ConfigureAwait(false);
        return team.FirstOrDefault(m => m.Professional.Id == professionalId && m.Involvement.Period.IsOpen)
            ?? throw new GraphRuleException($"The professional '{professionalId}' is not on this team today.");
    }

    private async Task RequireChangeAsync(Viewer viewer, string personId, long? expectedRevision, CancellationToken cancellationToken)
    {
        if (expectedRevision is { } expected)
        {
            await RequireChangeAsync(viewer, personId, expected, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await RequireChangeAsync(viewer, personId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether the viewer speaks for an agency on a day: works for it, or is a system client acting for it.</summary>
    private Task<bool> SpeaksForAsync(Viewer viewer, string agencyId, DateOnly on, CancellationToken cancellationToken) =>
        viewer.ActsForAgencyId is { } actsFor
            ? Task.FromResult(string.Equals(actsFor, agencyId, StringComparison.Ordinal))
            : WorksForAsync(viewer.ProfessionalId, agencyId, on, cancellationToken);

    private async Task<bool> WorksForAsync(string professionalId, string agencyId, DateOnly on, CancellationToken cancellationToken)
    {
        try
        {
            var around = await store.ExpandAsync(new NodeRef(NodeKind.Professional, professionalId), on, cancellationToken: cancellationToken).ConfigureAwait(false);
            return around.Nodes.Any(n => n.Ref == new NodeRef(NodeKind.Agency, agencyId));
        }
        catch (NodeNotFoundException)
        {
            return false;
        }
    }

    private static void RequireAfterStart(Involvement involvement, DateOnly date, string field)
    {
        if (date <= involvement.Period.Since)
        {
            throw new FieldRuleException(field, $"This involvement started on {involvement.Period.Since:d MMM yyyy}; the change can take effect from {involvement.Period.Since.AddDays(1):d MMM yyyy} at the earliest.");
        }
    }

    /// <summary>Runs the shared input rules now, so a broken one is reported against the form's field.</summary>
    private static T Checked<T>(T element, string field)
        where T : GraphElement
    {
        try
        {
            GraphValidator.Check(element);
            return element;
        }
        catch (GraphRuleException exception) when (exception is not FieldRuleException)
        {
            throw new FieldRuleException(field, exception.Message);
        }
    }

    /// <summary>The household a <see cref="HouseholdChoice"/> names as new, checked against the field it came from.</summary>
    private static Household NewHousehold(HouseholdChoice choice)
    {
        Safe(HouseholdFields.Name, choice.NewName);
        Safe(HouseholdFields.Address, choice.NewAddress);
        Safe(HouseholdFields.Postcode, choice.NewPostcode);
        return Checked(new Household(NewId("H"), choice.NewName!.Trim(), Blank(choice.NewAddress), Blank(choice.NewPostcode)), HouseholdFields.Name);
    }

    /// <summary>
    /// Refuses text that hides or reverses what it says (see <see cref="SafeText"/>) under the field it was typed in,
    /// before any other rule: a name that reads one way on screen and another in the record is never stored.
    /// </summary>
    private static void Safe(string field, string? text, bool multiLine = false)
    {
        if (SafeText.Sentence(text, multiLine) is { } problem)
        {
            throw new FieldRuleException(field, problem);
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>A new id: the kind's letter and eight random hex digits, never a guessable sequence.</summary>
    private static string NewId(string prefix) => $"{prefix}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4))}";
}

/// <summary>Concerns raised about a client in the last 30 days, and invitations into their team not yet answered.</summary>
public sealed record TeamActivity(IReadOnlyList<Concern> Concerns, IReadOnlyList<(Invitation Invitation, string ProfessionalName)> Invitations)
{
    /// <summary>Concerns from two or more agencies in the window: the client goes on the coordinator's list.</summary>
    public bool ConcernFromSeveralAgencies => Concern.FromSeveralAgencies(Concerns);
}
