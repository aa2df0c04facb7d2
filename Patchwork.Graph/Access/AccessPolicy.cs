using Microsoft.Extensions.Options;
using Patchwork.Graph.Changes;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;
using Patchwork.Graph.Storage;

namespace Patchwork.Graph.Access;

/// <summary>Why a viewer may open a network, or None when they must break glass first.</summary>
public enum AccessBasis
{
    None,
    Team,
    Coordinator,
    BreakGlass,

    /// <summary>Invited into the team and not yet answered: may look, to decide.</summary>
    Invited,
}

public sealed record NetworkAccess(AccessBasis Basis, BreakGlassGrant? Grant = null)
{
    public bool Allowed => Basis != AccessBasis.None;
}

public sealed class AccessOptions
{
    public const string Section = "Patchwork:Access";

    /// <summary>How long a break-glass reason opens a network for.</summary>
    public TimeSpan BreakGlassDuration { get; set; } = TimeSpan.FromHours(4);
}

/// <summary>Refused: the viewer is not on the person's team, is not a coordinator and holds no break-glass grant.</summary>
public sealed class AccessDeniedException : GraphRuleException
{
    public AccessDeniedException(string personId)
        : base("You are not on this person's team, so their network is not open to you. If you need to see it, state why (break glass): your reason is recorded and reviewed by information governance.")
    {
        PersonId = personId;
    }

    public AccessDeniedException()
    {
        PersonId = "";
    }

    public AccessDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
        PersonId = "";
    }

    public string PersonId { get; }
}

/// <summary>
/// Legitimate relationship, as in NHS care records: a practitioner sees a client's network when they are on that
/// client's team today or invited into it; a coordinator sees any; anyone else states a reason, which opens that one network for a
/// limited time and goes to review.
/// </summary>
public sealed class AccessPolicy(IGraphStore store, IAccessGrants grants, IInvitationStore invitations, TimeProvider clock, IOptions<AccessOptions> options)
{
    public const int MinimumReasonLength = 20;

    public DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    public async Task<NetworkAccess> NetworkAccessAsync(Viewer viewer, string personId, CancellationToken cancellationToken = default)
    {
        if (viewer.IsCoordinator)
        {
            // A coordinator may open any network, so hearing that an id names nobody tells them nothing new.
            _ = await store.GetTeamAsync(personId, Today, cancellationToken).ConfigureAwait(false);
            return new NetworkAccess(AccessBasis.Coordinator);
        }

        // Anyone else hears the same about an id that names nobody as about a network they may not open: otherwise
        // trying ids one by one would tell them who is on record.
        IReadOnlyList<TeamMember> team;
        try
        {
            team = await store.GetTeamAsync(personId, Today, cancellationToken).ConfigureAwait(false);
        }
        catch (NodeNotFoundException)
        {
            return new NetworkAccess(AccessBasis.None);
        }

        if (team.Any(member => member.Professional.Id == viewer.ProfessionalId
            || (viewer.ActsForAgencyId is { } agencyId && member.Agency?.Id == agencyId)))
        {
            return new NetworkAccess(AccessBasis.Team);
        }

        var invited = await invitations.PendingForPersonAsync(personId, cancellationToken).ConfigureAwait(false);
        if (invited.Any(i => i.ProfessionalId == viewer.ProfessionalId))
        {
            return new NetworkAccess(AccessBasis.Invited);
        }

        var grant = await grants.ActiveGrantAsync(viewer.ProfessionalId, personId, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return grant is null ? new NetworkAccess(AccessBasis.None) : new NetworkAccess(AccessBasis.BreakGlass, grant);
    }

    public async Task<NetworkAccess> RequireNetworkAccessAsync(Viewer viewer, string personId, CancellationToken cancellationToken = default)
    {
        var access = await NetworkAccessAsync(viewer, personId, cancellationToken).ConfigureAwait(false);
        return access.Allowed ? access : throw new AccessDeniedException(personId);
    }

    /// <summary>
    /// Checks a break-glass reason: a sentence that says why, not a word typed to get past the box. Length and words
    /// are counted once runs of spaces, tabs and line breaks are one space, and a word needs a letter or a digit, so
    /// padding ("a          b          c d") or punctuation ("- - - -") does not make a reason.
    /// </summary>
    public static string? ProblemWithReason(string? reason)
    {
        var text = Collapsed(reason);
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(word => word.Any(char.IsLetterOrDigit));
        if (text.Length < MinimumReasonLength || words < 4)
        {
            return $"Say in a sentence why you need to see this network: at least {MinimumReasonLength} characters and four words, not counting extra spaces.";
        }

        if (text.Length > 1000)
        {
            return "Keep the reason under 1,000 characters.";
        }

        return SafeText.Sentence(reason, multiLine: true);
    }

    /// <summary>How many characters of a reason count towards <see cref="MinimumReasonLength"/>: runs of whitespace count as one.</summary>
    public static int CountedLength(string? reason) => Collapsed(reason).Length;

    private static string Collapsed(string? reason) =>
        string.Join(' ', (reason ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public async Task<BreakGlassGrant> BreakGlassAsync(Viewer viewer, string personId, string reason, CancellationToken cancellationToken = default)
    {
        if (ProblemWithReason(reason) is { } problem)
        {
            throw new GraphRuleException(problem);
        }

        _ = await store.GetTeamAsync(personId, Today, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        return await grants.GrantAsync(viewer.ProfessionalId, viewer.Name, personId, reason.Trim(), now, now + options.Value.BreakGlassDuration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The redaction rules for one viewer, with the agencies they work for today.</summary>
    public Task<Redactor> RedactorAsync(Viewer viewer, CancellationToken cancellationToken = default) =>
        RedactorAsync(viewer, Audience.Viewer, cancellationToken);

    /// <summary>The redaction rules for one viewer showing a network to <paramref name="audience"/>.</summary>
    public async Task<Redactor> RedactorAsync(Viewer viewer, Audience audience, CancellationToken cancellationToken = default)
    {
        var agencies = viewer.ActsForAgencyId is { } agencyId
            ? new HashSet<string>(StringComparer.Ordinal) { agencyId }
            : (await EmployersOfAsync(viewer.ProfessionalId, cancellationToken).ConfigureAwait(false)).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        return new Redactor(viewer, agencies, store, Today, audience);
    }

    /// <summary>The agencies a professional works for today.</summary>
    private async Task<IReadOnlyList<Agency>> EmployersOfAsync(string professionalId, CancellationToken cancellationToken)
    {
        try
        {
            var employment = await store.ExpandAsync(new NodeRef(NodeKind.Professional, professionalId), Today, cancellationToken: cancellationToken).ConfigureAwait(false);
            return [.. employment.Nodes.Select(n => n.Node).OfType<Agency>()];
        }
        catch (NodeNotFoundException)
        {
            return [];
        }
    }
}
