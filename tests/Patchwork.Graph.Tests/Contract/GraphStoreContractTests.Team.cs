using Patchwork.Graph.Model;
using Patchwork.Graph.Network;

namespace Patchwork.Graph.Tests.Contract;

public abstract partial class GraphStoreContractTests<TFixture>
    where TFixture : class, IGraphStoreFixture
{
    private static DateTimeOffset Utc(DateOnly day, int hour, int minute, int second = 0) =>
        new(day.ToDateTime(new TimeOnly(hour, minute, second)), TimeSpan.Zero);

    /// <summary>Ava (p1) with one professional, Sam (x1, a1), and whatever contacts a test adds.</summary>
    private static District AvaAndSam() => new District()
        .Person("p1", "Ava", "Turner").Person("p2", "Chloe", "Turner")
        .Professional("x1", "Sam", "Adeyemi", "Social Worker", "01632 960001", "sam@northvale.gov.uk")
        .Professional("x2", "Priya", "Shah")
        .Agency("a1", "Northvale Children's Services")
        .WorksFor("x1", "a1", team: "Child Protection")
        .Involved("x1", "p1", "Child protection social worker", lead: true)
        .Involved("x1", "p2", "Family support");

    private async Task<TeamMember> SamOnAvasTeamAsync(District district, DateOnly asOf)
    {
        var store = await NewStoreAsync(district);
        var team = await store.GetTeamAsync("p1", asOf, Ct);
        return Assert.Single(team, m => m.Professional.Id == "x1");
    }

    [Fact]
    public async Task GetTeam_lists_each_active_professional_with_role_lead_sensitive_agency_and_contact_details()
    {
        var store = await NewStoreAsync(AvaAndSam()
            .Agency("a2", "Northvale Sexual Health", "sexual-health", sensitive: true)
            .WorksFor("x2", "a2")
            .Involved("x2", "p1", "Nurse", lead: false, sensitive: true));

        var team = await store.GetTeamAsync("p1", Today, Ct);

        Assert.Equal(["x1", "x2"], team.Select(m => m.Professional.Id));
        var sam = team[0];
        Assert.Equal("Child protection social worker", sam.Involvement.Role);
        Assert.True(sam.IsLead);
        Assert.False(sam.Involvement.Sensitive);
        Assert.Equal("a1", sam.Agency?.Id);
        Assert.Equal("Child Protection", sam.Team);
        Assert.Equal("01632 960001", sam.Professional.Phone);
        Assert.Equal("sam@northvale.gov.uk", sam.Professional.Email);
        Assert.Equal(new Period(District.Since), sam.Involvement.Period);
        Assert.Equal("p1", sam.Involvement.PersonId);
        var priya = team[1];
        Assert.Equal("Nurse", priya.Involvement.Role);
        Assert.False(priya.IsLead);
        Assert.True(priya.Involvement.Sensitive);
        Assert.Equal("a2", priya.Agency?.Id);
        Assert.True(priya.Agency?.Sensitive);
    }

    [Fact]
    public async Task GetTeam_leaves_out_ended_and_future_involvements_and_includes_one_starting_today()
    {
        var store = await NewStoreAsync(AvaAndSam()
            .Professional("x3", "Dan", "Cole").Professional("x4", "Ann", "Lee")
            .Involved("x2", "p1", since: Today)
            .Involved("x3", "p1", until: Today)
            .Involved("x4", "p1", since: Today.AddDays(1)));

        var team = await store.GetTeamAsync("p1", Today, Ct);

        Assert.Equal(["x1", "x2"], team.Select(m => m.Professional.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetTeam_agency_is_the_one_the_professional_works_for_at_the_date()
    {
        var moved = new DateOnly(2024, 3, 1);
        var district = new District()
            .Person("p1", "Ava", "Turner").Professional("x1", "Sam", "Adeyemi").Agency("a1").Agency("a2")
            .WorksFor("x1", "a1", until: moved).WorksFor("x1", "a2", since: moved)
            .Involved("x1", "p1");
        var store = await NewStoreAsync(district);

        var before = Assert.Single(await store.GetTeamAsync("p1", moved.AddDays(-1), Ct));
        var after = Assert.Single(await store.GetTeamAsync("p1", moved, Ct));

        Assert.Equal("a1", before.Agency?.Id);
        Assert.Equal("a2", after.Agency?.Id);
    }

    [Fact]
    public async Task GetTeam_professional_with_no_agency_at_the_date_has_none()
    {
        var member = await SamOnAvasTeamAsync(
            new District().Person("p1", "Ava", "Turner").Professional("x1", "Sam", "Adeyemi").Agency("a1")
                .WorksFor("x1", "a1", until: Today).Involved("x1", "p1"),
            Today);

        Assert.Null(member.Agency);
    }

    [Fact]
    public async Task GetTeam_lists_the_lead_first()
    {
        var store = await NewStoreAsync(new District()
            .Person("p1", "Ava", "Turner")
            .Professional("x1", "Amy", "Zed").Professional("x2", "Bob", "Able").Professional("x3", "Cat", "Able")
            .Involved("x2", "p1").Involved("x1", "p1", lead: true).Involved("x3", "p1"));

        var team = await store.GetTeamAsync("p1", Today, Ct);

        Assert.Equal(["x1", "x2", "x3"], team.Select(m => m.Professional.Id));
    }

    [Fact]
    public async Task GetTeam_person_without_professionals_has_an_empty_team()
    {
        var store = await NewStoreAsync(AvaAndSam().Person("p3", "Liam", "Turner"));

        Assert.Empty(await store.GetTeamAsync("p3", Today, Ct));
    }

    [Fact]
    public async Task GetTeam_unknown_person_is_refused()
    {
        var store = await NewStoreAsync(AvaAndSam());

        var refused = await Assert.ThrowsAsync<NodeNotFoundException>(() => store.GetTeamAsync("p9", Today, Ct));

        Assert.Equal(PersonRef("p9"), refused.Node);
    }

    [Fact]
    public async Task GetTeam_no_contacts_means_no_last_contact_and_no_next_visit()
    {
        var sam = await SamOnAvasTeamAsync(AvaAndSam(), Today);

        Assert.Null(sam.LastContact);
        Assert.Null(sam.NextVisit);
    }

    [Fact]
    public async Task GetTeam_last_contact_is_the_latest_unplanned_one_on_or_before_the_date()
    {
        var sam = await SamOnAvasTeamAsync(
            AvaAndSam()
                .Contact("x1", "p1", Utc(Today.AddDays(-20), 9, 0))
                .Contact("x1", "p1", Utc(Today.AddDays(-3), 14, 30), kind: ContactKind.Phone)
                .Contact("x1", "p1", Utc(Today.AddDays(-10), 9, 0))
                .Contact("x1", "p1", Utc(Today.AddDays(-1), 9, 0), planned: true)
                .Contact("x1", "p1", Utc(Today.AddDays(2), 9, 0)),
            Today);

        Assert.Equal(new ContactSummary(Utc(Today.AddDays(-3), 14, 30), ContactKind.Phone), sam.LastContact);
    }

    [Fact]
    public async Task GetTeam_last_contact_at_midnight_utc_on_the_date_counts()
    {
        var sam = await SamOnAvasTeamAsync(AvaAndSam().Contact("x1", "p1", Utc(Today, 0, 0)), Today);

        Assert.Equal(Utc(Today, 0, 0), sam.LastContact?.At);
    }

    [Fact]
    public async Task GetTeam_last_contact_at_23_59_utc_on_the_date_counts()
    {
        var sam = await SamOnAvasTeamAsync(
            AvaAndSam().Contact("x1", "p1", Utc(Today.AddDays(-5), 10, 0)).Contact("x1", "p1", Utc(Today, 23, 59, 59)),
            Today);

        Assert.Equal(Utc(Today, 23, 59, 59), sam.LastContact?.At);
    }

    [Fact]
    public async Task GetTeam_last_contact_at_midnight_utc_the_next_day_does_not_count()
    {
        var sam = await SamOnAvasTeamAsync(
            AvaAndSam().Contact("x1", "p1", Utc(Today.AddDays(-5), 10, 0)).Contact("x1", "p1", Utc(Today.AddDays(1), 0, 0)),
            Today);

        Assert.Equal(Utc(Today.AddDays(-5), 10, 0), sam.LastContact?.At);
    }

    [Fact]
    public async Task GetTeam_next_visit_is_the_earliest_planned_one_on_or_after_the_date()
    {
        var sam = await SamOnAvasTeamAsync(
            AvaAndSam()
                .Contact("x1", "p1", Utc(Today.AddDays(9), 9, 0), planned: true)
                .Contact("x1", "p1", Utc(Today.AddDays(4), 11, 0), planned: true, kind: ContactKind.Meeting)
                .Contact("x1", "p1", Utc(Today.AddDays(1), 9, 0))
                .Contact("x1", "p1", Utc(Today.AddDays(-1), 9, 0), planned: true),
            Today);

        Assert.Equal(new ContactSummary(Utc(Today.AddDays(4), 11, 0), ContactKind.Meeting), sam.NextVisit);
    }

    [Fact]
    public async Task GetTeam_next_visit_at_midnight_utc_on_the_date_counts()
    {
        var sam = await SamOnAvasTeamAsync(
            AvaAndSam().Contact("x1", "p1", Utc(Today, 0, 0), planned: true).Contact("x1", "p1", Utc(Today.AddDays(3), 9, 0), planned: true),
            Today);

        Assert.Equal(Utc(Today, 0, 0), sam.NextVisit?.At);
    }

    [Fact]
    public async Task GetTeam_next_visit_at_23_59_utc_the_day_before_does_not_count()
    {
        var sam = await SamOnAvasTeamAsync(
            AvaAndSam().Contact("x1", "p1", Utc(Today.AddDays(-1), 23, 59, 59), planned: true),
            Today);

        Assert.Null(sam.NextVisit);
    }

    [Fact]
    public async Task GetTeam_next_visit_at_23_59_utc_on_the_date_counts()
    {
        var sam = await SamOnAvasTeamAsync(
            AvaAndSam().Contact("x1", "p1", Utc(Today, 23, 59, 59), planned: true),
            Today);

        Assert.Equal(Utc(Today, 23, 59, 59), sam.NextVisit?.At);
    }

    [Fact]
    public async Task GetTeam_contact_with_an_offset_is_placed_on_its_utc_date_not_its_local_date()
    {
        // 00:30 on the next day in UTC+2 is 22:30 UTC on the date; 01:00 on the date in UTC+2 is the day before in UTC.
        var lateLocal = new DateTimeOffset(Today.AddDays(1).ToDateTime(new TimeOnly(0, 30)), TimeSpan.FromHours(2));
        var earlyLocal = new DateTimeOffset(Today.ToDateTime(new TimeOnly(1, 0)), TimeSpan.FromHours(2));

        var sam = await SamOnAvasTeamAsync(
            AvaAndSam().Contact("x1", "p1", lateLocal).Contact("x1", "p1", earlyLocal, planned: true),
            Today);

        Assert.Equal(lateLocal, sam.LastContact?.At);
        Assert.Null(sam.NextVisit);
    }

    [Fact]
    public async Task GetTeam_contact_with_a_negative_offset_crossing_midnight_counts_on_the_next_utc_day()
    {
        // 23:00 the day before in UTC-5 is 04:00 UTC on the date: a planned visit on the date.
        var lateLocal = new DateTimeOffset(Today.AddDays(-1).ToDateTime(new TimeOnly(23, 0)), TimeSpan.FromHours(-5));

        var sam = await SamOnAvasTeamAsync(AvaAndSam().Contact("x1", "p1", lateLocal, planned: true), Today);

        Assert.Equal(lateLocal, sam.NextVisit?.At);
    }

    [Fact]
    public async Task GetTeam_counts_only_contacts_between_that_professional_and_that_person()
    {
        var store = await NewStoreAsync(AvaAndSam()
            .Involved("x2", "p1")
            .Contact("x1", "p2", Utc(Today, 10, 0))
            .Contact("x2", "p1", Utc(Today, 11, 0))
            .Contact("x1", "p2", Utc(Today.AddDays(1), 10, 0), planned: true)
            .Contact("x1", "p1", Utc(Today.AddDays(-7), 10, 0)));

        var team = await store.GetTeamAsync("p1", Today, Ct);

        var sam = team.Single(m => m.Professional.Id == "x1");
        var priya = team.Single(m => m.Professional.Id == "x2");
        Assert.Equal(Utc(Today.AddDays(-7), 10, 0), sam.LastContact?.At);
        Assert.Null(sam.NextVisit);
        Assert.Equal(Utc(Today, 11, 0), priya.LastContact?.At);
    }

    [Fact]
    public async Task GetTeam_asked_at_an_earlier_date_sees_the_contacts_of_that_date()
    {
        var sam = await SamOnAvasTeamAsync(
            AvaAndSam()
                .Contact("x1", "p1", Utc(new DateOnly(2024, 5, 1), 10, 0))
                .Contact("x1", "p1", Utc(new DateOnly(2024, 6, 1), 10, 0))
                .Contact("x1", "p1", Utc(new DateOnly(2024, 6, 1), 10, 0), planned: true),
            new DateOnly(2024, 5, 20));

        Assert.Equal(Utc(new DateOnly(2024, 5, 1), 10, 0), sam.LastContact?.At);
        Assert.Equal(Utc(new DateOnly(2024, 6, 1), 10, 0), sam.NextVisit?.At);
    }
}
