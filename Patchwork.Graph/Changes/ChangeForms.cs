using Patchwork.Graph.Model;

namespace Patchwork.Graph.Changes;

/// <summary>A broken rule that belongs to one field of a form, so a dialog can show it under that field.</summary>
public sealed class FieldRuleException : GraphRuleException
{
    public FieldRuleException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    public FieldRuleException()
    {
        Field = "";
    }

    public FieldRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "";
    }

    /// <summary>The form field's name, as in the records below (e.g. <c>GivenName</c>).</summary>
    public string Field { get; }
}

/// <summary>The form fields a new household's messages belong to.</summary>
public static class HouseholdFields
{
    public const string Name = "Household";
    public const string Address = "HouseholdAddress";
    public const string Postcode = "HouseholdPostcode";
}

/// <summary>Where a new person lives: an existing household, a new one, or none recorded yet.</summary>
public sealed record HouseholdChoice(string? ExistingId = null, string? NewName = null, string? NewAddress = null, string? NewPostcode = null)
{
    public static readonly HouseholdChoice None = new();

    public bool IsNew => ExistingId is null && !string.IsNullOrWhiteSpace(NewName);
}

/// <summary>A family tie from a new person to someone already recorded, read as "the new person is [Kind] of [PersonId]".</summary>
public sealed record TieToNewPerson(string PersonId, FamilyKind Kind, bool NewPersonIsFrom = true);

/// <summary>
/// A new person: with a household, optionally a family tie, and - for a new client - the signed-in professional's
/// own involvement (<see cref="MyRole"/>), which puts them on the new client's team.
/// </summary>
public sealed record NewPerson(
    string GivenName,
    string FamilyName,
    DateOnly? DateOfBirth,
    Gender Gender,
    string? NhsNumber,
    HouseholdChoice Household,
    string? MyRole,
    bool IAmLead = false,
    TieToNewPerson? Tie = null);

/// <summary>Who joins a team and how.</summary>
public sealed record NewInvolvement(string ProfessionalId, string Role, bool Lead, bool Sensitive, DateOnly Since);

/// <summary>
/// A status (on a child protection plan, looked after...) that <see cref="AgencyId"/>, the agency responsible for
/// it, holds for a person from <see cref="Since"/>; <see cref="Until"/> when its end is already known.
/// </summary>
public sealed record NewStatus(CareStatus Status, string AgencyId, DateOnly Since, DateOnly? Until = null);

/// <summary>The form fields a status's messages belong to.</summary>
public static class StatusFields
{
    public const string Status = nameof(NewStatus.Status);
    public const string Agency = nameof(NewStatus.AgencyId);
    public const string Since = nameof(NewStatus.Since);
    public const string Until = nameof(NewStatus.Until);
}

/// <summary>The form fields of a contact's seen and seen-alone answers, and how the audit trail words them.</summary>
public static class ContactFields
{
    public const string Seen = "Seen";
    public const string SeenAlone = "SeenAlone";

    /// <summary>", child seen, seen alone" for the audit trail; nothing when neither is answered.</summary>
    public static string Describe(bool? seen, bool? seenAlone)
    {
        var parts = new List<string>();
        if (seen is { } s)
        {
            parts.Add(s ? "child seen" : "child not seen");
        }

        if (seenAlone is { } alone)
        {
            parts.Add(alone ? "seen alone" : "not seen alone");
        }

        return parts.Count == 0 ? "" : ", " + string.Join(", ", parts);
    }
}

/// <summary>The lead passes to <see cref="ProfessionalId"/> from <see cref="From"/>; <see cref="Role"/> is needed only if they are not on the team yet.</summary>
public sealed record LeadHandover(string ProfessionalId, DateOnly From, string? Role = null, bool PreviousLeadStays = true);
