namespace Patchwork.Graph.Model;

/// <summary>Names a node: ids are unique within their kind's id space, not across kinds.</summary>
public readonly record struct NodeRef(NodeKind Kind, string Id)
{
    public override string ToString() => $"{Kind.Label()} {Id}";
}

/// <summary>Anything the bulk format carries: the four nodes, the four drawn relationships and contacts.</summary>
public abstract record GraphElement;

public abstract record Node(string Id) : GraphElement
{
    public abstract NodeKind Kind { get; }

    public NodeRef Ref => new(Kind, Id);

    /// <summary>The name a person reads on screen.</summary>
    public abstract string DisplayName { get; }
}

/// <summary>A client or a family member. A person becomes a client when a professional is involved with them.</summary>
public sealed record Person(
    string Id,
    string GivenName,
    string FamilyName,
    DateOnly? DateOfBirth = null,
    Gender Gender = Gender.Unknown,
    NhsNumber? NhsNumber = null) : Node(Id)
{
    public override NodeKind Kind => NodeKind.Person;

    public override string DisplayName => $"{GivenName} {FamilyName}".Trim();

    /// <summary>Age in whole years at <paramref name="date"/>, or null when the date of birth is unknown.</summary>
    public int? AgeAt(DateOnly date)
    {
        if (DateOfBirth is not { } born || born > date)
        {
            return null;
        }

        var age = date.Year - born.Year;
        return born.AddYears(age) > date ? age - 1 : age;
    }
}

/// <summary>People living at one address.</summary>
public sealed record Household(string Id, string Name, string? Address = null, string? Postcode = null) : Node(Id)
{
    public override NodeKind Kind => NodeKind.Household;

    public override string DisplayName => Name;
}

public sealed record Professional(
    string Id,
    string GivenName,
    string FamilyName,
    string? JobTitle = null,
    string? Phone = null,
    string? Email = null,
    IReadOnlyList<ProfessionalRole>? Roles = null) : Node(Id)
{
    public override NodeKind Kind => NodeKind.Professional;

    public override string DisplayName => $"{GivenName} {FamilyName}".Trim();

    public IReadOnlyList<ProfessionalRole> RoleList => Roles ?? [];

    public bool Has(ProfessionalRole role) => RoleList.Contains(role);

    // Records compare lists by reference; two professionals read from the same row must be equal.
    public bool Equals(Professional? other) =>
        other is not null && base.Equals(other) && GivenName == other.GivenName && FamilyName == other.FamilyName
        && JobTitle == other.JobTitle && Phone == other.Phone && Email == other.Email && RoleList.SequenceEqual(other.RoleList);

    public override int GetHashCode() => HashCode.Combine(Id, GivenName, FamilyName, Email);
}

/// <summary>
/// The organisation a professional works for. <see cref="AgencyKind"/> is free text (children-social-care, health,
/// police, school, substance-misuse...). Sensitive agencies are never named to those outside them.
/// <see cref="OutOfHoursPhone"/> is the number to call when the office is shut (children's social care's
/// emergency duty team), shown beside a status the agency holds.
/// </summary>
public sealed record Agency(string Id, string Name, string AgencyKind, string? Phone = null, bool Sensitive = false, string? OutOfHoursPhone = null) : Node(Id)
{
    public override NodeKind Kind => NodeKind.Agency;

    public override string DisplayName => Name;
}
