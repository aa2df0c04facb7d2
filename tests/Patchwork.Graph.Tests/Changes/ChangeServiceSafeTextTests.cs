using Microsoft.Extensions.DependencyInjection;
using Patchwork.Graph.Access;
using Patchwork.Graph.Changes;
using Patchwork.Graph.Model;
using Patchwork.Graph.Tests.Access;
using Patchwork.Graph.Tests.Contract;
using Patchwork.Graph.Tests.Model;

namespace Patchwork.Graph.Tests.Changes;

/// <summary>
/// Every text a form writes goes through the same <see cref="SafeText"/> rule as an import: a hidden or
/// direction-changing character is refused under the field it was typed in, and nothing is written.
/// </summary>
public sealed class ChangeServiceSafeTextTests
{
    private const string Override = "\u202E";
    private const string OverrideMessage = "Contains a right-to-left override (U+202E), which can disguise text; remove it.";
    private static readonly DateOnly Today = Governed.Today;
    private static readonly Viewer Sam = Governed.Practitioner("sw");
    private static readonly Viewer Pat = Governed.Practitioner("pc");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static District Turners() => new District()
        .Agency("csc", "Children's Services").Agency("pol", "Northvale Police", kind: "police")
        .Professional("sw", "Sam", "Adeyemi").Professional("pc", "Pat", "Cole").Professional("ot", "Olu", "Tade")
        .WorksFor("sw", "csc").WorksFor("pc", "pol").WorksFor("ot", "csc")
        .Person("ava", "Ava", "Turner")
        .Household("h1", "Turner household")
        .LivesIn("ava", "h1")
        .Involved("sw", "ava", lead: true);

    private static NewPerson Leo(string given = "Leo", string family = "Hart", string? nhs = null, HouseholdChoice? household = null, string role = "Police liaison") =>
        new(given, family, null, Gender.Male, nhs, household ?? new HouseholdChoice(NewName: "Hart household"), role);

    public static TheoryData<string, string> Writes => new()
    {
        { "given name", nameof(NewPerson.GivenName) },
        { "family name", nameof(NewPerson.FamilyName) },
        { "NHS number", nameof(NewPerson.NhsNumber) },
        { "my role", nameof(NewPerson.MyRole) },
        { "new household name", HouseholdFields.Name },
        { "new household address", HouseholdFields.Address },
        { "new household postcode", HouseholdFields.Postcode },
        { "move to a new household's address", HouseholdFields.Address },
        { "team role", nameof(NewInvolvement.Role) },
        { "handover role", nameof(LeadHandover.Role) },
        { "invitation role", "Role" },
        { "invitation message", "Message" },
        { "concern note", "Note" },
    };

    private static Task Write(ChangeService changes, string what, string bad) => what switch
    {
        "given name" => changes.AddPersonAsync(Pat, Leo(given: $"Omar{bad}txt.exe"), Ct),
        "family name" => changes.AddPersonAsync(Pat, Leo(family: $"Ha{bad}rt"), Ct),
        "NHS number" => changes.AddPersonAsync(Pat, Leo(nhs: $"943 476 5919{bad}"), Ct),
        "my role" => changes.AddPersonAsync(Pat, Leo(role: $"Police{bad} liaison"), Ct),
        "new household name" => changes.AddPersonAsync(Pat, Leo(household: new HouseholdChoice(NewName: $"Hart{bad} household")), Ct),
        "new household address" => changes.AddPersonAsync(Pat, Leo(household: new HouseholdChoice(NewName: "Hart household", NewAddress: $"4 Mill{bad} Lane")), Ct),
        "new household postcode" => changes.AddPersonAsync(Pat, Leo(household: new HouseholdChoice(NewName: "Hart household", NewPostcode: $"NV1{bad} 2AB")), Ct),
        "move to a new household's address" => changes.AddMembershipAsync(Sam, "ava", 0, new HouseholdChoice(NewName: "Flat", NewAddress: $"3{bad} Canal St"), Today, Ct),
        "team role" => changes.AddInvolvementAsync(Sam, "ava", 0, new NewInvolvement("ot", $"Family{bad} support", false, false, Today), Ct),
        "handover role" => changes.HandOverLeadAsync(Sam, "ava", 0, new LeadHandover("ot", Today.AddDays(1), $"Family{bad} support"), Ct),
        "invitation role" => changes.InviteAsync(Sam, "ava", "pc", $"Police{bad} liaison", null, Ct),
        "invitation message" => changes.InviteAsync(Sam, "ava", "pc", "Police liaison", $"Can you join\nThursday's{bad} meeting?", Ct),
        "concern note" => changes.RaiseConcernAsync(Sam, "ava", $"Missed two appointments;\nschool{bad} reports bruising.", Ct),
        _ => throw new ArgumentOutOfRangeException(nameof(what)),
    };

    /// <summary>Everything a refused write could have touched: the graph, the team's invitations and concerns.</summary>
    private static async Task<string> StateAsync(Governed governed, ChangeService changes)
    {
        var lines = new List<string>();
        await foreach (var element in governed.Store.ExportAsync(Ct))
        {
            lines.Add(element.ToString());
        }

        var activity = await changes.TeamActivityAsync(Sam, "ava", Ct);
        lines.Add($"concerns {activity.Concerns.Count}, invitations {activity.Invitations.Count}");
        return string.Join('\n', lines.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_direction_override_is_refused_under_the_field_it_was_typed_in_and_nothing_is_written(string what, string field)
    {
        await using var governed = await Governed.CreateAsync(Turners());
        var changes = governed.Services.GetRequiredService<ChangeService>();
        var before = await StateAsync(governed, changes);

        var refused = await Assert.ThrowsAsync<FieldRuleException>(() => Write(changes, what, Override));

        Assert.Equal(field, refused.Field);
        Assert.Equal(OverrideMessage, refused.Message);
        Assert.Equal(before, await StateAsync(governed, changes));
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task The_same_write_without_the_override_is_accepted(string what, string field)
    {
        await using var governed = await Governed.CreateAsync(Turners());
        var changes = governed.Services.GetRequiredService<ChangeService>();
        var before = await StateAsync(governed, changes);

        await Write(changes, what, "");

        Assert.NotEqual(before, await StateAsync(governed, changes));
        Assert.NotEmpty(field);
    }

    [Theory]
    [MemberData(nameof(SafeTextTests.Refused), MemberType = typeof(SafeTextTests))]
    public async Task Every_hidden_character_class_is_refused_in_a_name(string character, string expected)
    {
        await using var governed = await Governed.CreateAsync(Turners());
        var changes = governed.Services.GetRequiredService<ChangeService>();

        var refused = await Assert.ThrowsAsync<FieldRuleException>(() => changes.AddPersonAsync(Pat, Leo(family: $"Ha{character}rt"), Ct));

        Assert.Equal(nameof(NewPerson.FamilyName), refused.Field);
        Assert.StartsWith("Contains ", refused.Message, StringComparison.Ordinal);
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Zoë", "O'Brien-Łukasz")]
    [InlineData("Siân", "Llywelyn")]
    [InlineData("محمد", "الفاسي")]
    public async Task Names_with_accents_apostrophes_hyphens_and_other_scripts_are_accepted(string given, string family)
    {
        await using var governed = await Governed.CreateAsync(Turners());
        var changes = governed.Services.GetRequiredService<ChangeService>();

        var id = await changes.AddPersonAsync(Pat, Leo(given: given, family: family), Ct);

        var person = Assert.IsType<Person>(await governed.Store.FindNodeAsync(new NodeRef(NodeKind.Person, id), Ct));
        Assert.Equal((given, family), (person.GivenName, person.FamilyName));
    }
}
