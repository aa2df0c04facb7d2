namespace Patchwork.Graph.Model;

/// <summary>
/// Identifies one relationship without a store-specific id: its type, its two ends and the day it started.
/// The stores keep that combination unique.
/// </summary>
public readonly record struct RelationshipKey(RelationshipType Type, string FromId, string ToId, DateOnly Since)
{
    public override string ToString() => $"{Type.TypeName()} {FromId} -> {ToId} since {Since:yyyy-MM-dd}";
}

/// <summary>A typed, time-stamped tie between two nodes. Ending it sets <see cref="Period.Until"/>; it is never deleted.</summary>
public abstract record Relationship(string FromId, string ToId, Period Period, Recorded? Recorded) : GraphElement
{
    public abstract RelationshipType Type { get; }

    public NodeKind FromKind => Type.Describe().From;

    public NodeKind ToKind => Type.Describe().To;

    public RelationshipKey Key => new(Type, FromId, ToId, Period.Since);

    public NodeRef From => new(FromKind, FromId);

    public NodeRef To => new(ToKind, ToId);

    public bool IsActiveAt(DateOnly date) => Period.IsActiveAt(date);
}

/// <summary>Person MEMBER_OF Household: the person lives there.</summary>
public sealed record Membership(string PersonId, string HouseholdId, Period Period, Recorded? Recorded = null)
    : Relationship(PersonId, HouseholdId, Period, Recorded)
{
    public override RelationshipType Type => RelationshipType.MemberOf;
}

/// <summary>Person FAMILY Person, read from start to end (see <see cref="FamilyKind"/>).</summary>
public sealed record FamilyTie(string FromPersonId, string ToPersonId, FamilyKind Kind, Period Period, Recorded? Recorded = null)
    : Relationship(FromPersonId, ToPersonId, Period, Recorded)
{
    public override RelationshipType Type => RelationshipType.Family;
}

/// <summary>Professional WORKS_FOR Agency, optionally in a named team.</summary>
public sealed record Employment(string ProfessionalId, string AgencyId, string? Team, Period Period, Recorded? Recorded = null)
    : Relationship(ProfessionalId, AgencyId, Period, Recorded)
{
    public override RelationshipType Type => RelationshipType.WorksFor;
}

/// <summary>
/// Professional INVOLVED_WITH Person: the professional is on the person's team. A lead coordinates support;
/// a sensitive involvement is shown to outsiders only as "a sensitive service is involved".
/// </summary>
public sealed record Involvement(
    string ProfessionalId,
    string PersonId,
    string Role,
    bool Lead,
    bool Sensitive,
    Period Period,
    Recorded? Recorded = null)
    : Relationship(ProfessionalId, PersonId, Period, Recorded)
{
    public override RelationshipType Type => RelationshipType.InvolvedWith;
}

/// <summary>
/// Agency STATUS Person: the person's statutory status (on a child protection plan, looked after...) held by the
/// agency responsible, whose day and out-of-hours numbers are the ones to call. Not a sensitive service: anyone who
/// may see the person's network sees it.
/// </summary>
public sealed record ChildStatus(string AgencyId, string PersonId, CareStatus Status, Period Period, Recorded? Recorded = null)
    : Relationship(AgencyId, PersonId, Period, Recorded)
{
    public override RelationshipType Type => RelationshipType.Status;
}

/// <summary>
/// A contact between a professional and a person: one that happened, or a planned (upcoming) one. For one that
/// happened, <see cref="Seen"/> says whether the child was seen and <see cref="SeenAlone"/> whether they were seen
/// alone, as statutory visits record them; null is "not applicable" (an adult, a phone call) or not recorded.
/// </summary>
public sealed record Contact(
    string ProfessionalId,
    string PersonId,
    DateTimeOffset At,
    ContactKind Kind,
    bool Planned,
    Recorded? Recorded = null,
    bool? Seen = null,
    bool? SeenAlone = null) : GraphElement
{
    /// <summary>The UTC calendar day of the contact: the time semantics compare contacts by it.</summary>
    public DateOnly UtcDate => DateOnly.FromDateTime(At.UtcDateTime);
}
