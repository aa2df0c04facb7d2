using System.Text.RegularExpressions;

namespace Patchwork.Graph.Model;

/// <summary>
/// The rules every node, relationship and contact must keep before any store sees it, whether it comes from a
/// dialog, the CLI or a bulk import. Each broken rule gives a message that names the field and what is wrong.
/// </summary>
public static partial class GraphValidator
{
    public const int MaxIdLength = 64;
    public const int MaxNameLength = 100;
    public const int MaxAddressLength = 200;
    public const int MaxShortTextLength = 50;
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);

    public static void Check(GraphElement element)
    {
        switch (element)
        {
            case Person p:
                Id("id", p.Id);
                if (string.IsNullOrWhiteSpace(p.GivenName) && string.IsNullOrWhiteSpace(p.FamilyName))
                {
                    throw new GraphRuleException("A person needs a given name or a family name.");
                }

                Text("givenName", p.GivenName, MaxNameLength);
                Text("familyName", p.FamilyName, MaxNameLength);
                if (p.DateOfBirth is { } born && born < EarliestDate)
                {
                    throw new GraphRuleException($"dateOfBirth {born:yyyy-MM-dd} is before {EarliestDate:yyyy-MM-dd}.");
                }

                break;
            case Household h:
                Id("id", h.Id);
                Required("name", h.Name, MaxNameLength);
                Text("address", h.Address, MaxAddressLength);
                Text("postcode", h.Postcode, 10);
                break;
            case Professional p:
                Id("id", p.Id);
                Required("givenName", p.GivenName, MaxNameLength);
                Required("familyName", p.FamilyName, MaxNameLength);
                Text("jobTitle", p.JobTitle, MaxNameLength);
                Phone("phone", p.Phone);
                Email("email", p.Email);
                break;
            case Agency a:
                Id("id", a.Id);
                Required("name", a.Name, MaxNameLength);
                Required("kind", a.AgencyKind, MaxShortTextLength);
                Phone("phone", a.Phone);
                Phone("outOfHoursPhone", a.OutOfHoursPhone);
                break;
            case Relationship r:
                Id(":START_ID", r.FromId);
                Id(":END_ID", r.ToId);
                if (r.Period.Since < EarliestDate)
                {
                    throw new GraphRuleException($"since {r.Period.Since:yyyy-MM-dd} is before {EarliestDate:yyyy-MM-dd}.");
                }

                if (r.Recorded is { } recorded)
                {
                    Text("recordedBy", recorded.By, MaxNameLength);
                }

                if (r is FamilyTie tie && tie.FromPersonId == tie.ToPersonId)
                {
                    throw new GraphRuleException($"A family tie must join two different people; both ends are '{tie.FromPersonId}'.");
                }

                if (r is Employment e)
                {
                    Text("team", e.Team, MaxNameLength);
                }

                if (r is Involvement i)
                {
                    Required("role", i.Role, MaxNameLength);
                }

                break;
            case Contact c:
                Id(":START_ID", c.ProfessionalId);
                Id(":END_ID", c.PersonId);
                if (c.Recorded is { } contactRecorded)
                {
                    Text("recordedBy", contactRecorded.By, MaxNameLength);
                }

                if (c.At.UtcDateTime.Year < EarliestDate.Year)
                {
                    throw new GraphRuleException($"at {c.At:O} is before {EarliestDate:yyyy-MM-dd}.");
                }

                CheckSeen(c);

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(element));
        }
    }

    /// <summary>
    /// A child seen alone was seen; a planned contact has not happened, so no one was seen yet. Public so a form
    /// can report the broken rule under its own field.
    /// </summary>
    public static void CheckSeen(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        if (contact.Planned && (contact.Seen is not null || contact.SeenAlone is not null))
        {
            throw new GraphRuleException("seen and seenAlone are for a contact that happened; leave them empty for a planned one.");
        }

        if (contact.SeenAlone == true && contact.Seen != true)
        {
            throw new GraphRuleException($"seenAlone is true but seen is {(contact.Seen is { } seen ? "false" : "empty")}: a child seen alone was seen, so seen must be true.");
        }
    }

    public static void Id(string field, string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            throw new GraphRuleException($"{field} is empty: every node needs an id.");
        }

        if (id.Length > MaxIdLength || !IdPattern().IsMatch(id))
        {
            throw new GraphRuleException($"{field} '{Shorten(id)}' is not a valid id: use up to {MaxIdLength} letters, digits, '-', '_', '.' or ':'.");
        }
    }

    private static void Required(string field, string? text, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new GraphRuleException($"{field} is empty: it is required.");
        }

        Text(field, text, max);
    }

    private static void Text(string field, string? text, int max)
    {
        if (text is null)
        {
            return;
        }

        if (text.Length > max)
        {
            throw new GraphRuleException($"{field} is {text.Length} characters long; at most {max} are allowed.");
        }

        SafeText.Check(field, text);
    }

    private static void Phone(string field, string? phone)
    {
        Text(field, phone, 30);
        if (!string.IsNullOrEmpty(phone) && !PhonePattern().IsMatch(phone))
        {
            throw new GraphRuleException($"{field} '{Shorten(phone)}' is not a phone number: use digits, spaces, '+', '-' and brackets.");
        }
    }

    private static void Email(string field, string? email)
    {
        Text(field, email, 254);
        if (!string.IsNullOrEmpty(email) && !EmailPattern().IsMatch(email))
        {
            throw new GraphRuleException($"{field} '{Shorten(email)}' is not an email address.");
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    [GeneratedRegex("^[A-Za-z0-9_.:-]+$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^\+?[0-9 ()\-]{3,30}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
