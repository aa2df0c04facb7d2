using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Changes;
using Patchwork.Graph.Model;
using Patchwork.Graph.Storage;

namespace Patchwork.Graph.Feed;

/// <summary>What the feed answers a message that was taken: written, held, or already known.</summary>
public sealed record FeedReceipt(string SourceId, string Outcome, string Detail, string? PersonId = null, long? Revision = null)
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Unchanged = "unchanged";
    public const string Superseded = "superseded";
    public const string Held = "held";
}

/// <summary>
/// The answer to one feed message: <see cref="Json"/> for a message taken (kept, so a replay gets it again
/// byte for byte), or a problem - a status, what is wrong, and one entry per bad field - for one refused, which
/// changes nothing and is not kept.
/// </summary>
public sealed record FeedAnswer(int Status, string? Json, string? Problem = null, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    /// <summary>For a message refused only because another like it is being applied now: how long to wait before sending it again.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public bool Taken => Json is not null;
}

/// <summary>A held feed message as a coordinator may see it: what it asks, with a sensitive service named only to those inside it.</summary>
public sealed record HeldFeedMessage(long Id, string ClientId, FeedKind Kind, string SourceId, string NhsNumber, string Summary, DateTimeOffset ReceivedAt);

/// <summary>
/// The feed other systems post to: each message read, checked, and written through <see cref="ChangeService"/> as
/// the client (a practitioner of its agency), idempotent by the client and the source system's id. A message naming
/// an NHS number nobody has is held until a coordinator matches it to a person, or rejects it.
/// </summary>
public sealed class FeedService(IGraphStore store, ChangeService changes, AccessPolicy access, IFeedMessageStore messages, IAuditTrail audit, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// How long a claim on a source id stands before another request may take it over: far longer than a message takes
    /// to apply, so only a claim left by a request that stopped part-way (a server going down) is ever taken over.
    /// </summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromSeconds(30);

    private readonly KeyedGate gate = new();

    /// <summary>
    /// Takes one message from a client acting for its agency. A message is applied once: the same message sent again
    /// (even after later ones for its source id) gets its first answer; messages for one source id are worked on one
    /// at a time - in turn on one server, and through a claim in the governance store across servers, where the
    /// second is told the first is still in progress.
    /// </summary>
    public async Task<FeedAnswer> ReceiveAsync(Viewer client, string clientId, FeedKind kind, JsonElement body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var agencyId = client.ActsForAgencyId ?? throw new ArgumentException("Only a system client acting for an agency feeds changes.", nameof(client));
        var request = FeedRequestReader.Read(kind, body, out var errors);
        if (request is null)
        {
            return new FeedAnswer(400, null, "The message has fields that are missing or not valid; nothing was changed.", errors);
        }

        var canonical = FeedRequestReader.Serialize(request);
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        if (await messages.FindFeedAnswerAsync(clientId, request.SourceId, fingerprint, cancellationToken).ConfigureAwait(false) is { } replay)
        {
            return new FeedAnswer(replay.Status, replay.Body);
        }

        using (await gate.EnterAsync($"{clientId}\n{request.SourceId}", cancellationToken).ConfigureAwait(false))
        {
            // Whoever held the turn may have answered this very message.
            if (await messages.FindFeedAnswerAsync(clientId, request.SourceId, fingerprint, cancellationToken).ConfigureAwait(false) is { } answered)
            {
                return new FeedAnswer(answered.Status, answered.Body);
            }

            var now = clock.GetUtcNow();
            var claim = await messages.ClaimFeedMessageAsync(clientId, request.SourceId, now, now - ClaimLease, cancellationToken).ConfigureAwait(false);
            if (claim == FeedClaim.Busy)
            {
                return Refused(409, "A message with this sourceId is being processed now (sent to another server at the same moment); nothing was changed by this one. "
                    + "Send it again in a few seconds: the same message then gets the first one's answer.", "sourceId") with { RetryAfter = InProgressRetry };
            }

            var (answer, written) = await ReceiveClaimedAsync(client, clientId, agencyId, request, canonical, fingerprint, interrupted: claim == FeedClaim.TakenOver, cancellationToken).ConfigureAwait(false);
            if (!written)
            {
                // Nothing was written: the next message for this source id need not wait for this one's claim to go stale.
                await messages.ReleaseFeedMessageAsync(clientId, request.SourceId, CancellationToken.None).ConfigureAwait(false);
            }

            return answer;
        }
    }

    /// <summary>
    /// Applies a message under the claim on its source id and keeps its answer (which ends the claim). Returns whether
    /// anything was written or kept; when a write succeeds and keeping fails, the claim stays, so a replay looks for
    /// what was written instead of writing it again.
    /// </summary>
    private async Task<(FeedAnswer Answer, bool Written)> ReceiveClaimedAsync(Viewer client, string clientId, string agencyId, FeedRequest request, string canonical, string fingerprint, bool interrupted, CancellationToken cancellationToken)
    {
        var kind = request.Kind;
        var kept = await messages.FindFeedMessageAsync(clientId, request.SourceId, cancellationToken).ConfigureAwait(false);
        if (kept is not null)
        {
            if (kept.Kind != kind)
            {
                return (Refused(409, $"The sourceId '{request.SourceId}' was already used by this client for a {kept.Kind.ToString().ToLowerInvariant()}; a source id names one record.", "sourceId"), false);
            }

            if (kept.Fingerprint == fingerprint)
            {
                return (new FeedAnswer(kept.AnswerStatus, kept.AnswerBody), false);
            }

            if (request.MessageTime < kept.MessageTime)
            {
                return (Taken(200, new FeedReceipt(request.SourceId, FeedReceipt.Superseded,
                    $"A newer message for this sourceId (of {kept.MessageTime:yyyy-MM-dd}) was already received; this older one changes nothing.")), false);
            }
        }

        var previous = kept is { State: FeedState.Applied or FeedState.Matched } ? FeedRequestReader.Deserialize(kept.Kind, kept.Body) : null;
        var personId = request.PersonId;
        if (personId is null && previous is not null)
        {
            personId = previous.PersonId ?? await PersonOfAsync(previous, cancellationToken).ConfigureAwait(false);
        }

        personId ??= await PersonOfAsync(request, cancellationToken).ConfigureAwait(false);
        if (personId is null)
        {
            var receipt = new FeedReceipt(request.SourceId, FeedReceipt.Held,
                "No person on record has this NHS number. The message is held for a coordinator to match to a person (or to reject); nothing has been written yet.");
            var answer = Taken(202, receipt);
            await KeepAsync(clientId, agencyId, request, canonical, fingerprint, FeedState.Held, answer, cancellationToken).ConfigureAwait(false);
            await audit.AppendAsync(new AuditEntry(client.ProfessionalId, client.Name, AuditActions.FeedHeld, $"feed:{request.SourceId}", [], null, $"{kind.ToString().ToLowerInvariant()} held for matching"), cancellationToken).ConfigureAwait(false);
            return (answer, true);
        }

        var result = await ApplyAsync(client, request, previous, personId, interrupted, cancellationToken).ConfigureAwait(false);
        if (!result.Taken)
        {
            return (result, false);
        }

        await KeepAsync(clientId, agencyId, request, canonical, fingerprint, FeedState.Applied, result, cancellationToken).ConfigureAwait(false);
        return (result, true);
    }

    /// <summary>The messages waiting for a coordinator, as the viewer may see them.</summary>
    public async Task<IReadOnlyList<HeldFeedMessage>> HeldAsync(Viewer viewer, CancellationToken cancellationToken = default)
    {
        RequireCoordinator(viewer);
        var redactor = await access.RedactorAsync(viewer, cancellationToken).ConfigureAwait(false);
        var held = await messages.HeldFeedMessagesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var shown = new List<HeldFeedMessage>(held.Count);
        foreach (var message in held)
        {
            var request = FeedRequestReader.Deserialize(message.Kind, message.Body);
            shown.Add(new HeldFeedMessage(message.Id, message.ClientId, message.Kind, message.SourceId, message.NhsNumber ?? "",
                await SummaryAsync(redactor, request, cancellationToken).ConfigureAwait(false), message.ReceivedAt));
        }

        return shown;
    }

    /// <summary>
    /// Applies a held message to the person a coordinator chose, as the client that sent it (the client's rules, the
    /// client as the actor of the write); the coordinator's decision is audited beside it. Nothing is written when a
    /// rule refuses it: it stays held, and the refusal says why.
    /// </summary>
    public async Task<FeedAnswer> MatchAsync(Viewer coordinator, long messageId, string personId, CancellationToken cancellationToken = default)
    {
        RequireCoordinator(coordinator);
        var message = await RequireHeldAsync(messageId, cancellationToken).ConfigureAwait(false);
        var request = FeedRequestReader.Deserialize(message.Kind, message.Body);
        var client = Viewer.ForClient(message.ClientId, message.AgencyId);
        var result = await ApplyAsync(client, request, null, personId, interrupted: false, cancellationToken).ConfigureAwait(false);
        if (!result.Taken)
        {
            return result;
        }

        if (!await messages.DecideFeedMessageAsync(messageId, FeedState.Matched, coordinator.ProfessionalId, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            throw new GraphRuleException("Another coordinator decided on this message while it was being matched.");
        }

        await audit.AppendAsync(new AuditEntry(coordinator.ProfessionalId, coordinator.Name, AuditActions.FeedDecision, $"person:{personId}", [personId], null, $"matched feed message {message.SourceId} from {message.ClientId}"), cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Rejects a held message: nothing is written, and it leaves the list.</summary>
    public async Task RejectAsync(Viewer coordinator, long messageId, CancellationToken cancellationToken = default)
    {
        RequireCoordinator(coordinator);
        var message = await RequireHeldAsync(messageId, cancellationToken).ConfigureAwait(false);
        if (!await messages.DecideFeedMessageAsync(messageId, FeedState.Rejected, coordinator.ProfessionalId, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            throw new GraphRuleException("Another coordinator already decided on this message.");
        }

        await audit.AppendAsync(new AuditEntry(coordinator.ProfessionalId, coordinator.Name, AuditActions.FeedDecision, $"feed:{message.SourceId}", [], null, $"rejected feed message {message.SourceId} from {message.ClientId}"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes what a message asks. When <paramref name="interrupted"/>, an earlier attempt at this source id stopped
    /// after claiming it and may have written already: what the message asks is looked for on the graph first, and
    /// when it is there it is answered as written, not written again.
    /// </summary>
    private async Task<FeedAnswer> ApplyAsync(Viewer client, FeedRequest request, FeedRequest? previous, string personId, bool interrupted, CancellationToken cancellationToken)
    {
        try
        {
            return request switch
            {
                FeedInvolvement involvement => await InvolvementAsync(client, involvement, previous as FeedInvolvement, personId, interrupted, cancellationToken).ConfigureAwait(false),
                FeedContact contact => await ContactAsync(client, contact, previous, personId, interrupted, cancellationToken).ConfigureAwait(false),
                FeedStatus status => await StatusAsync(client, status, previous as FeedStatus, personId, interrupted, cancellationToken).ConfigureAwait(false),
                _ => Refused(400, "Patchwork does not know this kind of message."),
            };
        }
        catch (FieldRuleException e)
        {
            return Refused(400, e.Message, FieldOf(e.Field, request));
        }
        catch (AccessDeniedException e)
        {
            return Refused(403, e.Message);
        }
        catch (GraphRuleException e)
        {
            return Refused(409, e.Message);
        }
    }

    private async Task<FeedAnswer> InvolvementAsync(Viewer client, FeedInvolvement message, FeedInvolvement? previous, string personId, bool interrupted, CancellationToken cancellationToken)
    {
        var professionalId = await ProfessionalOfAsync(client, message, cancellationToken).ConfigureAwait(false);
        var onRecord = interrupted
            ? (await store.GetTeamAsync(personId, message.Since, cancellationToken).ConfigureAwait(false))
                .FirstOrDefault(m => m.Professional.Id == professionalId && m.Involvement.Period.Since == message.Since)
            : null;
        if (previous is null)
        {
            if (onRecord is not null)
            {
                return await WrittenAsync(201, message, FeedReceipt.Created, "The involvement is recorded.", personId, cancellationToken).ConfigureAwait(false);
            }

            var created = await changes.StartInvolvementForAgencyAsync(client, personId, professionalId, message.Role, message.Lead, message.Sensitive, new Period(message.Since, message.Until), cancellationToken).ConfigureAwait(false);
            return Taken(201, new FeedReceipt(message.SourceId, FeedReceipt.Created, "The involvement is recorded.", personId, created.Number));
        }

        if (message with { Until = null, PersonId = null, NhsNumber = null } != previous with { Until = null, PersonId = null, NhsNumber = null })
        {
            return Refused(409, "Only the end of an involvement can change through the feed; its professional, role, lead, sensitivity and start are changed in Patchwork.", "sourceId");
        }

        if (message.Until == previous.Until)
        {
            return Taken(200, new FeedReceipt(message.SourceId, FeedReceipt.Unchanged, "The involvement is already recorded as sent.", personId));
        }

        if (previous.Until is not null || message.Until is not { } until)
        {
            return Refused(409, "This involvement has already ended; an end date once recorded is changed in Patchwork.", "until");
        }

        if (onRecord?.Involvement.Period.Until == until)
        {
            return await WrittenAsync(200, message, FeedReceipt.Updated, $"The involvement ends on {until:yyyy-MM-dd}.", personId, cancellationToken).ConfigureAwait(false);
        }

        var ended = await changes.EndInvolvementForAgencyAsync(client, personId, professionalId, message.Since, until, cancellationToken).ConfigureAwait(false);
        return Taken(200, new FeedReceipt(message.SourceId, FeedReceipt.Updated, $"The involvement ends on {until:yyyy-MM-dd}.", personId, ended.Number));
    }

    private async Task<FeedAnswer> ContactAsync(Viewer client, FeedContact message, FeedRequest? previous, string personId, bool interrupted, CancellationToken cancellationToken)
    {
        if (previous is not null)
        {
            return Refused(409, "A contact already recorded under this sourceId is not changed through the feed; send a new contact with its own sourceId.", "sourceId");
        }

        var professionalId = await ProfessionalOfAsync(client, message, cancellationToken).ConfigureAwait(false);
        if (interrupted)
        {
            var team = await store.GetTeamAsync(personId, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken).ConfigureAwait(false);
            var recorded = team.FirstOrDefault(m => m.Professional.Id == professionalId) is { } member
                && (message.Planned ? member.NextVisit : member.LastContact) is { } contact && contact.At == message.At && contact.Kind == message.ContactKind;
            if (recorded)
            {
                return await WrittenAsync(201, message, FeedReceipt.Created, message.Planned ? "The visit is planned." : "The contact is recorded.", personId, cancellationToken).ConfigureAwait(false);
            }
        }

        var revision = await changes.RecordContactForAgencyAsync(client, personId, professionalId, message.At, message.ContactKind, message.Planned, message.Seen, message.SeenAlone, cancellationToken).ConfigureAwait(false);
        return Taken(201, new FeedReceipt(message.SourceId, FeedReceipt.Created, message.Planned ? "The visit is planned." : "The contact is recorded.", personId, revision.Number));
    }

    private async Task<FeedAnswer> StatusAsync(Viewer client, FeedStatus message, FeedStatus? previous, string personId, bool interrupted, CancellationToken cancellationToken)
    {
        var agencyId = client.ActsForAgencyId!;
        var onRecord = interrupted
            ? (await store.GetStatusesAsync([personId], message.Since, cancellationToken).ConfigureAwait(false))
                .FirstOrDefault(s => s.Status.AgencyId == agencyId && s.Status.Status == message.Status && s.Status.Period.Since == message.Since)
            : null;
        if (previous is null)
        {
            if (onRecord is not null)
            {
                return await WrittenAsync(201, message, FeedReceipt.Created, "The status is recorded.", personId, cancellationToken).ConfigureAwait(false);
            }

            var created = await changes.SetStatusAsync(client, personId, null, new NewStatus(message.Status, agencyId, message.Since, message.Until), cancellationToken).ConfigureAwait(false);
            return Taken(201, new FeedReceipt(message.SourceId, FeedReceipt.Created, "The status is recorded.", personId, created.Number));
        }

        if (message.Status != previous.Status || message.Since != previous.Since)
        {
            return Refused(409, "Only the end of a status can change through the feed; its kind and start are changed in Patchwork.", "sourceId");
        }

        if (message.Until == previous.Until)
        {
            return Taken(200, new FeedReceipt(message.SourceId, FeedReceipt.Unchanged, "The status is already recorded as sent.", personId));
        }

        if (previous.Until is not null || message.Until is not { } until)
        {
            return Refused(409, "This status has already ended; an end date once recorded is changed in Patchwork.", "until");
        }

        if (onRecord?.Status.Period.Until == until)
        {
            return await WrittenAsync(200, message, FeedReceipt.Updated, $"The status ends on {until:yyyy-MM-dd}.", personId, cancellationToken).ConfigureAwait(false);
        }

        var ended = await changes.EndStatusAsync(client, personId, null, message.Status, until, cancellationToken).ConfigureAwait(false);
        return Taken(200, new FeedReceipt(message.SourceId, FeedReceipt.Updated, $"The status ends on {until:yyyy-MM-dd}.", personId, ended.Number));
    }

    private async Task<string?> PersonOfAsync(FeedRequest request, CancellationToken cancellationToken) =>
        request.PersonId ?? (request.NhsNumber is { } nhs
            ? (await store.FindPersonByNhsNumberAsync(NhsNumber.Parse(nhs), cancellationToken).ConfigureAwait(false))?.Id
            : null);

    private async Task<string> ProfessionalOfAsync(Viewer client, FeedRequest request, CancellationToken cancellationToken)
    {
        var (id, email) = request switch
        {
            FeedInvolvement i => (i.ProfessionalId, i.ProfessionalEmail),
            FeedContact c => (c.ProfessionalId, c.ProfessionalEmail),
            _ => (null, null),
        };
        if (id is not null)
        {
            return id;
        }

        var found = email is null ? null : await store.FindProfessionalByEmailAsync(email, cancellationToken).ConfigureAwait(false);
        return found?.Id ?? throw new FieldRuleException("ProfessionalEmail", $"No professional of this client's agency has the email '{email}'.");
    }

    private async Task KeepAsync(string clientId, string agencyId, FeedRequest request, string canonical, string fingerprint, FeedState state, FeedAnswer answer, CancellationToken cancellationToken) =>
        await messages.KeepFeedMessageAsync(new FeedMessage(0, clientId, agencyId, request.SourceId, request.Kind, request.MessageTime, fingerprint, canonical, state,
            answer.Status, answer.Json!, request.PersonId is null ? request.NhsNumber : null, clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);

    private async Task<FeedMessage> RequireHeldAsync(long id, CancellationToken cancellationToken) =>
        await messages.FindFeedMessageAsync(id, cancellationToken).ConfigureAwait(false) is { State: FeedState.Held } message
            ? message
            : throw new GraphRuleException("This feed message is no longer waiting to be matched: another coordinator has decided on it.");

    private async Task<string> SummaryAsync(Redactor redactor, FeedRequest request, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        switch (request)
        {
            case FeedInvolvement i:
            {
                var professional = i.ProfessionalId is { } id
                    ? await store.FindNodeAsync(new NodeRef(NodeKind.Professional, id), cancellationToken).ConfigureAwait(false) as Professional
                    : i.ProfessionalEmail is { } email ? await store.FindProfessionalByEmailAsync(email, cancellationToken).ConfigureAwait(false) : null;
                var period = $"from {i.Since:d MMM yyyy}{(i.Until is { } u ? $" to {u:d MMM yyyy}" : "")}";
                return professional is not null && await redactor.MayNameInvolvementAsync(professional.Id, i.Sensitive, i.Since, cancellationToken).ConfigureAwait(false)
                    ? $"Involvement: {professional.DisplayName} as {i.Role}{(i.Lead ? " (lead)" : "")} {period}"
                    : $"Involvement: {Redactor.SensitiveName} ({Redactor.SensitiveContact}) {period}";
            }

            case FeedContact c:
            {
                var professional = c.ProfessionalId is { } id
                    ? await store.FindNodeAsync(new NodeRef(NodeKind.Professional, id), cancellationToken).ConfigureAwait(false) as Professional
                    : c.ProfessionalEmail is { } email ? await store.FindProfessionalByEmailAsync(email, cancellationToken).ConfigureAwait(false) : null;
                var who = professional is not null && await redactor.MayNameInvolvementAsync(professional.Id, false, today, cancellationToken).ConfigureAwait(false)
                    ? professional.DisplayName
                    : Redactor.SensitiveName;
                return $"{(c.Planned ? "Planned " : "")}{c.ContactKind.ToString().ToLowerInvariant()} by {who} on {c.At:d MMM yyyy HH:mm} UTC";
            }

            case FeedStatus s:
                return $"{s.Status.Label()} from {s.Since:d MMM yyyy}{(s.Until is { } end ? $" to {end:d MMM yyyy}" : "")}";

            default:
                return request.Kind.ToString();
        }
    }

    /// <summary>The answer to a message an interrupted attempt already wrote: what the first would have said, with the network's revision now.</summary>
    private async Task<FeedAnswer> WrittenAsync(int status, FeedRequest message, string outcome, string detail, string personId, CancellationToken cancellationToken) =>
        Taken(status, new FeedReceipt(message.SourceId, outcome, detail, personId, (await store.GetRevisionAsync(personId, cancellationToken).ConfigureAwait(false)).Number));

    private static FeedAnswer Taken(int status, FeedReceipt receipt) => new(status, JsonSerializer.Serialize(receipt, Json));

    /// <summary>How long a sender is asked to wait before sending again a message that met another like it being applied.</summary>
    private static readonly TimeSpan InProgressRetry = TimeSpan.FromSeconds(5);

    private static FeedAnswer Refused(int status, string problem, string? field = null) =>
        new(status, null, problem, field is null ? null : new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [problem] });

    /// <summary>The body's name for the field a rule broke: the one the sender used when two could name the same thing.</summary>
    private static string FieldOf(string domainField, FeedRequest request) => domainField switch
    {
        "" => "",
        "PersonId" => request.PersonId is null ? "nhsNumber" : "personId",
        "ProfessionalId" => request switch
        {
            FeedInvolvement { ProfessionalId: null } or FeedContact { ProfessionalId: null } => "professionalEmail",
            _ => "professionalId",
        },
        "AgencyId" => "sourceId",
        _ => char.ToLowerInvariant(domainField[0]) + domainField[1..],
    };

    private static void RequireCoordinator(Viewer viewer)
    {
        if (!viewer.IsCoordinator)
        {
            throw new AccessDeniedException("Feed messages waiting to be matched are for coordinators.", new UnauthorizedAccessException());
        }
    }
}
