using Patchwork.Graph.Access;
using Patchwork.Graph.Model;

namespace Patchwork.Graph.Changes;

/// <summary>
/// The changes other systems feed in (see <see cref="Feed.FeedService"/>), under the same rules, revision numbers,
/// audit and announcements as a screen's. A system client writes as a practitioner of its agency: only for the
/// agency's own professionals, and only where someone of the agency is on the team - except that the agency's own
/// case system saying one of its practitioners now works with a person is what puts that agency on the team.
/// </summary>
public sealed partial class ChangeService
{
    /// <summary>Puts a professional of the client's agency on a person's team for a period (open, or already ended), in one write.</summary>
    public async Task<NetworkRevision> StartInvolvementForAgencyAsync(Viewer client, string personId, string professionalId, string role, bool lead, bool sensitive, Period period, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var professional = await RequireAgencyProfessionalAsync(client, professionalId, period.Since, cancellationToken).ConfigureAwait(false);
        _ = await RequirePersonAsync(personId, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(role))
        {
            throw new FieldRuleException(nameof(NewInvolvement.Role), "Say what their role is (for example: school nurse, family support worker).");
        }

        Safe(nameof(NewInvolvement.Role), role);
        var team = await store.GetTeamAsync(personId, period.Since, cancellationToken).ConfigureAwait(false);
        if (team.FirstOrDefault(m => m.Professional.Id == professional.Id) is { } already)
        {
            throw new FieldRuleException(nameof(NewInvolvement.ProfessionalId), $"{professional.DisplayName} is already on the team ({already.Involvement.Role}) on {period.Since:d MMM yyyy}.");
        }

        if (lead && team.FirstOrDefault(m => m.IsLead) is { } current)
        {
            // The lead may belong to a sensitive service: the client hears what a practitioner of its agency would.
            var redactor = await access.RedactorAsync(client, cancellationToken).ConfigureAwait(false);
            var shown = (await redactor.RedactTeamAsync([current], period.Since, cancellationToken).ConfigureAwait(false))[0];
            throw new FieldRuleException(nameof(NewInvolvement.Lead), $"There is already a lead professional, {shown.Professional.DisplayName}, on {period.Since:d MMM yyyy}. One lead at a time: hand over the lead in Patchwork first.");
        }

        if (period.Until is { } until && until <= period.Since)
        {
            throw new FieldRuleException("Until", $"The end date {until:d MMM yyyy} must be after the start date {period.Since:d MMM yyyy}.");
        }

        var recorded = Recorded.Now(client.ProfessionalId, clock);
        var involvement = Checked(new Involvement(professional.Id, personId, role.Trim(), lead, sensitive, period, recorded), nameof(NewInvolvement.Role));
        var what = $"added {professional.DisplayName} to the team as {involvement.Role}{(lead ? " (lead)" : "")} from {period.Since:yyyy-MM-dd}{(period.Until is { } end ? $" to {end:yyyy-MM-dd}" : "")}";
        return await ApplyAsync(client, new ChangeSet(personId, null, [new GraphWrite.AddRelationship(involvement)], recorded, client.Name), what, [personId], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the open involvement of a professional of the client's agency that began on <paramref name="since"/>.</summary>
    public async Task<NetworkRevision> EndInvolvementForAgencyAsync(Viewer client, string personId, string professionalId, DateOnly since, DateOnly until, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var professional = await RequireAgencyProfessionalAsync(client, professionalId, since, cancellationToken).ConfigureAwait(false);
        var team = await store.GetTeamAsync(personId, since, cancellationToken).ConfigureAwait(false);
        var member = team.FirstOrDefault(m => m.Professional.Id == professional.Id && m.Involvement.Period.Since == since && m.Involvement.Period.IsOpen)
            ?? throw new FieldRuleException("Until", $"{professional.DisplayName} has no open involvement from {since:d MMM yyyy} to end.");
        RequireAfterStart(member.Involvement, until, "Until");
        var recorded = Recorded.Now(client.ProfessionalId, clock);
        return await ApplyAsync(client, new ChangeSet(personId, null, [new GraphWrite.EndRelationship(member.Involvement.Key, until)], recorded, client.Name), $"took {professional.DisplayName} off the team from {until:yyyy-MM-dd}", [personId], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records a contact of a professional of the client's agency who is on the person's team, under the screen's rules.</summary>
    public async Task<NetworkRevision> RecordContactForAgencyAsync(Viewer client, string personId, string professionalId, DateTimeOffset at, ContactKind kind, bool planned, bool? seen, bool? seenAlone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var professional = await RequireAgencyProfessionalAsync(client, professionalId, DateOnly.FromDateTime(at.UtcDateTime), cancellationToken).ConfigureAwait(false);
        _ = await RequirePersonAsync(personId, cancellationToken).ConfigureAwait(false);
        var team = await store.GetTeamAsync(personId, Today, cancellationToken).ConfigureAwait(false);
        if (!team.Any(m => m.Professional.Id == professional.Id))
        {
            throw new FieldRuleException(nameof(NewInvolvement.ProfessionalId), $"{professional.DisplayName} is not on this person's team: a contact is recorded by a professional on the team. Start their involvement first.");
        }

        return await RecordContactOfAsync(client, professional.Id, personId, at, kind, planned, seen, seenAlone, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A professional who works for the client's agency on the day: a client never writes for another agency's professional.</summary>
    private async Task<Professional> RequireAgencyProfessionalAsync(Viewer client, string professionalId, DateOnly on, CancellationToken cancellationToken)
    {
        var agencyId = client.ActsForAgencyId ?? throw new ArgumentException("Only a system client acting for an agency feeds changes.", nameof(client));
        var professional = string.IsNullOrWhiteSpace(professionalId)
            ? null
            : await store.FindNodeAsync(new NodeRef(NodeKind.Professional, professionalId), cancellationToken).ConfigureAwait(false) as Professional;
        if (professional is null || !await WorksForAsync(professional.Id, agencyId, on, cancellationToken).ConfigureAwait(false))
        {
            // Said the same way whether the id names nobody, another agency's professional or a sensitive service's.
            throw new FieldRuleException(nameof(NewInvolvement.ProfessionalId), $"The professional '{professionalId}' does not work for this client's agency on {on:d MMM yyyy}: a system writes only for its own agency's professionals.");
        }

        return professional;
    }

    private async Task<Person> RequirePersonAsync(string personId, CancellationToken cancellationToken) =>
        await store.FindNodeAsync(new NodeRef(NodeKind.Person, personId), cancellationToken).ConfigureAwait(false) as Person
            ?? throw new FieldRuleException("PersonId", $"There is no person with the id '{personId}'.");
}
