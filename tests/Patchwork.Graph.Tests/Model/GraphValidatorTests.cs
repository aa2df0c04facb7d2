using Patchwork.Graph.Model;

namespace Patchwork.Graph.Tests.Model;

public sealed class GraphValidatorTests
{
    private static readonly Period Open = new(new DateOnly(2020, 1, 1));
    private static readonly Recorded By = new(new DateTimeOffset(2024, 1, 2, 9, 30, 0, TimeSpan.Zero), "test");

    private static readonly string Long = new('a', GraphValidator.MaxNameLength + 1);

    private sealed record Stranger : GraphElement;

    public static TheoryData<GraphElement> Valid => new()
    {
        new Person("p-1_a.b:C", "Ava", "Turner", new DateOnly(2014, 3, 14), Gender.Female, NhsNumber.Parse("9434765919")),
        new Person("p1", "", "Turner"),
        new Person("p1", "Ava", ""),
        new Person("p1", "Ava", "Turner", GraphValidator.EarliestDate),
        new Person(new string('p', GraphValidator.MaxIdLength), new string('a', GraphValidator.MaxNameLength), "Turner"),
        new Household("h1", "Turner household", "14 Elm Road", "NV1 2AB"),
        new Household("h1", "Turner household"),
        new Professional("x1", "Sam", "Adeyemi", "Social Worker", "+44 (0)1632 960-001", "sam.adeyemi@northvale.gov.uk"),
        new Professional("x1", "Sam", "Adeyemi"),
        new Agency("a1", "Northvale Children's Services", "children-social-care", "01632 960100", true),
        new Membership("p1", "h1", Open, By),
        new FamilyTie("p1", "p2", FamilyKind.Sibling, new Period(GraphValidator.EarliestDate), By),
        new Employment("x1", "a1", "Child Protection", Open, By),
        new Employment("x1", "a1", null, Open, By),
        new Involvement("x1", "p1", "Social worker", true, true, Open, By),
        new Contact("x1", "p1", new DateTimeOffset(2024, 6, 1, 10, 0, 0, TimeSpan.Zero), ContactKind.Visit, false, By),
        // 23:00 on 31 December 1899 two hours west of UTC is already 1900 in UTC.
        new Contact("x1", "p1", new DateTimeOffset(1899, 12, 31, 23, 0, 0, TimeSpan.FromHours(-2)), ContactKind.Visit, false, By),
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Check_valid_element_passes(GraphElement element) => GraphValidator.Check(element);

    public static TheoryData<string, GraphElement> Invalid => new()
    {
        { "id is empty", new Person("", "Ava", "Turner") },
        { "id is empty", new Person(null!, "Ava", "Turner") },
        { "id 'p 1' is not a valid id", new Person("p 1", "Ava", "Turner") },
        { "id 'p/1' is not a valid id", new Household("p/1", "Flat") },
        { "is not a valid id", new Professional(new string('x', GraphValidator.MaxIdLength + 1), "Sam", "Adeyemi") },
        { "id 'é1' is not a valid id", new Agency("é1", "Agency", "police") },
        { "given name or a family name", new Person("p1", " ", "\t") },
        { "givenName is 101 characters long", new Person("p1", Long, "Turner") },
        { "familyName is 101 characters long", new Person("p1", "Ava", Long) },
        { "givenName contains a tab (U+0009), a control character", new Person("p1", "Ava\tMay", "Turner") },
        { "familyName contains a line break (U+000A), a control character", new Person("p1", "Ava", "Tur\nner") },
        { "dateOfBirth 1899-12-31", new Person("p1", "Ava", "Turner", new DateOnly(1899, 12, 31)) },
        { "name is empty", new Household("h1", " ") },
        { "name is 101 characters long", new Household("h1", Long) },
        { "address is 201 characters long", new Household("h1", "Flat", new string('a', GraphValidator.MaxAddressLength + 1)) },
        { "postcode is 11 characters long", new Household("h1", "Flat", Postcode: "NV1 2AB 999") },
        { "givenName is empty", new Professional("x1", "", "Adeyemi") },
        { "familyName is empty", new Professional("x1", "Sam", " ") },
        { "jobTitle is 101 characters long", new Professional("x1", "Sam", "Adeyemi", Long) },
        { "phone 'ring me' is not a phone number", new Professional("x1", "Sam", "Adeyemi", Phone: "ring me") },
        { "phone '12' is not a phone number", new Professional("x1", "Sam", "Adeyemi", Phone: "12") },
        { "email 'sam@northvale' is not an email address", new Professional("x1", "Sam", "Adeyemi", Email: "sam@northvale") },
        { "email 'sam adeyemi@northvale.gov.uk' is not an email address", new Professional("x1", "Sam", "Adeyemi", Email: "sam adeyemi@northvale.gov.uk") },
        { "name is empty", new Agency("a1", "", "police") },
        { "kind is empty", new Agency("a1", "Northvale Police", "") },
        { "kind is 51 characters long", new Agency("a1", "Northvale Police", new string('k', GraphValidator.MaxShortTextLength + 1)) },
        { "phone '999!' is not a phone number", new Agency("a1", "Northvale Police", "police", "999!") },
        { ":START_ID is empty", new Membership("", "h1", Open, By) },
        { ":END_ID 'h 1' is not a valid id", new Membership("p1", "h 1", Open, By) },
        { "since 1899-12-31", new Membership("p1", "h1", new Period(new DateOnly(1899, 12, 31)), By) },
        { "both ends are 'p1'", new FamilyTie("p1", "p1", FamilyKind.Sibling, Open, By) },
        { "team is 101 characters long", new Employment("x1", "a1", Long, Open, By) },
        { "team contains a null character (U+0000), a control character", new Employment("x1", "a1", "Child\u0000Protection", Open, By) },
        { "role is empty", new Involvement("x1", "p1", "", false, false, Open, By) },
        { "role is 101 characters long", new Involvement("x1", "p1", Long, false, false, Open, By) },
        { ":START_ID is empty", new Contact("", "p1", new DateTimeOffset(2024, 6, 1, 10, 0, 0, TimeSpan.Zero), ContactKind.Visit, false, By) },
        { ":END_ID 'p 1' is not a valid id", new Contact("x1", "p 1", new DateTimeOffset(2024, 6, 1, 10, 0, 0, TimeSpan.Zero), ContactKind.Visit, false, By) },
        { "is before 1900-01-01", new Contact("x1", "p1", new DateTimeOffset(1899, 12, 31, 23, 0, 0, TimeSpan.Zero), ContactKind.Visit, false, By) },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Check_broken_rule_is_refused_with_a_message_naming_the_field(string expected, GraphElement element)
    {
        var refused = Assert.Throws<GraphRuleException>(() => GraphValidator.Check(element));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_long_invalid_id_is_shortened_in_the_message()
    {
        var refused = Assert.Throws<GraphRuleException>(() => GraphValidator.Id("id", new string('x', 500)));

        Assert.Contains(new string('x', 40) + "...", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 41), refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_an_element_of_no_known_kind_is_a_programming_error() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GraphValidator.Check(new Stranger()));
}
