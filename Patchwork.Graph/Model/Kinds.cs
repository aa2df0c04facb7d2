namespace Patchwork.Graph.Model;

/// <summary>The four kinds of node in a network; each has its own id space.</summary>
public enum NodeKind
{
    Person,
    Household,
    Professional,
    Agency,
}

/// <summary>Genogram sex: square male, circle female, diamond other or unknown.</summary>
public enum Gender
{
    Unknown,
    Female,
    Male,
    Other,
}

/// <summary>
/// A family tie, read from the start person to the end person: parent means "start is parent of end",
/// grandparent "start is grandparent of end", carer "start cares for end".
/// </summary>
public enum FamilyKind
{
    Parent,
    Sibling,
    Partner,
    Grandparent,
    Carer,
    Other,
}

public enum ContactKind
{
    Visit,
    Phone,
    Meeting,
    Message,
    Other,
}

/// <summary>
/// The time-stamped relationship types (each described once in <see cref="RelationshipTypes"/>). The first four
/// are drawn in a network; a status is shown on its person, and contacts are summarised in the team.
/// </summary>
public enum RelationshipType
{
    MemberOf,
    Family,
    WorksFor,
    InvolvedWith,
    Status,
}

/// <summary>
/// A child's statutory status, as NHS England's CP-IS shares it: what a practitioner needs to know first.
/// Held by the agency responsible for it (children's social care).
/// </summary>
public enum CareStatus
{
    ChildProtectionPlan,
    UnbornChildProtectionPlan,
    LookedAfter,
    ChildInNeed,
}

/// <summary>What a signed-in professional may do beyond their own caseload.</summary>
public enum ProfessionalRole
{
    Practitioner,
    Coordinator,
    InformationGovernance,
    Administrator,
}

/// <summary>The names the data formats use for the enums above: lower-case words and neo4j-style type names.</summary>
public static class KindNames
{
    public static string Name(this Gender gender) => gender switch
    {
        Gender.Unknown => "",
        _ => gender.ToString().ToLowerInvariant(),
    };

    public static string Name(this FamilyKind kind) => kind.ToString().ToLowerInvariant();

    public static string Name(this ContactKind kind) => kind.ToString().ToLowerInvariant();

    public static string Name(this NodeKind kind) => kind.ToString().ToLowerInvariant();

    public static string Label(this NodeKind kind) => kind.ToString();

    public static string TypeName(this RelationshipType type) => type.Describe().Name;

    /// <summary>The data formats' word for a status: <c>child-protection-plan</c>.</summary>
    public static string Name(this CareStatus status) => status switch
    {
        CareStatus.ChildProtectionPlan => "child-protection-plan",
        CareStatus.UnbornChildProtectionPlan => "unborn-child-protection-plan",
        CareStatus.LookedAfter => "looked-after",
        CareStatus.ChildInNeed => "child-in-need",
    };

    /// <summary>What a screen says: "Child protection plan".</summary>
    public static string Label(this CareStatus status) => status switch
    {
        CareStatus.ChildProtectionPlan => "Child protection plan",
        CareStatus.UnbornChildProtectionPlan => "Unborn child protection plan",
        CareStatus.LookedAfter => "Looked after",
        CareStatus.ChildInNeed => "Child in need",
    };

    /// <summary>The few letters a badge on a diagram node has room for; screen readers get the full label.</summary>
    public static string Badge(this CareStatus status) => status switch
    {
        CareStatus.ChildProtectionPlan => "CP plan",
        CareStatus.UnbornChildProtectionPlan => "Unborn CP plan",
        CareStatus.LookedAfter => "Looked after",
        CareStatus.ChildInNeed => "Child in need",
    };

    public static bool TryParseCareStatus(string? text, out CareStatus status)
    {
        foreach (var candidate in Enum.GetValues<CareStatus>())
        {
            if (string.Equals(candidate.Name(), text, StringComparison.Ordinal))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }

    public static string AllowedCareStatuses => string.Join(", ", Enum.GetValues<CareStatus>().Select(s => s.Name()));

    public const string ContactTypeName = "CONTACT";

    public static bool TryParseGender(string? text, out Gender gender) => TryParseWord(text, allowEmpty: true, out gender);

    public static bool TryParseFamilyKind(string? text, out FamilyKind kind) => TryParseWord(text, allowEmpty: false, out kind);

    public static bool TryParseContactKind(string? text, out ContactKind kind) => TryParseWord(text, allowEmpty: false, out kind);

    public static bool TryParseNodeKind(string? text, out NodeKind kind) => TryParseWord(text, allowEmpty: false, out kind);

    public static bool TryParseRole(string? text, out ProfessionalRole role) => TryParseWord(text, allowEmpty: false, out role);

    public static bool TryParseRelationshipType(string? text, out RelationshipType type)
    {
        foreach (var candidate in Enum.GetValues<RelationshipType>())
        {
            if (string.Equals(candidate.TypeName(), text, StringComparison.Ordinal))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }

    public static string Allowed<TEnum>()
        where TEnum : struct, Enum => string.Join(", ", Enum.GetValues<TEnum>().Select(v => v.ToString().ToLowerInvariant()));

    // Words only, never numbers: Enum.TryParse would accept "3" as a valid kind.
    private static bool TryParseWord<TEnum>(string? text, bool allowEmpty, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        if (string.IsNullOrEmpty(text))
        {
            return allowEmpty;
        }

        if (text.Equals("unknown", StringComparison.OrdinalIgnoreCase) || !text.All(char.IsAsciiLetter))
        {
            return false;
        }

        return Enum.TryParse(text, ignoreCase: true, out value);
    }
}
