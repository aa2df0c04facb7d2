using Patchwork.Graph.Coordination;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;

namespace Patchwork.Graph.Tests.Contract;

public abstract partial class GraphStoreContractTests<TFixture>
    where TFixture : class, IGraphStoreFixture
{
    private static DateTimeOffset At(DateOnly day, int hour = 0, int minute = 0, int second = 0) =>
        new(day.ToDateTime(new TimeOnly(hour, minute, second)), TimeSpan.Zero);

    /// <summary>
    /// Each person keeps a non-lead (x9) unless said otherwise. e1: lead ended exactly 30 days ago; e2: 31 days ago;
    /// e3: ended today; e4: ended 10 days ago but has a new lead; e5: ended 10 days ago and nothing else (not a
    /// client); e6: one lead ended 40 days ago, a later one 5 days ago; e7: lead ends tomorrow; e8: a non-lead ended.
    /// </summary>
    private static District EndedLeads() => new District()
        .Person("e1", "Ada", "Ames").Person("e2", "Ben", "Bell").Person("e3", "Cal", "Cole").Person("e4", "Dee", "Dunn")
        .Person("e5", "Eve", "Eade").Person("e6", "Fin", "Ford").Person("e7", "Gus", "Gray").Person("e8", "Hal", "Hart")
        .Professional("x1", "Marcus", "Bell").Professional("x2", "Jo", "Whitfield").Professional("x9", "Nia", "Nurse")
        .Agency("a1").WorksFor("x1", "a1").WorksFor("x2", "a1").WorksFor("x9", "a1")
        .Involved("x1", "e1", "Early help worker", lead: true, until: Today.AddDays(-30)).Involved("x9", "e1")
        .Involved("x1", "e2", lead: true, until: Today.AddDays(-31)).Involved("x9", "e2")
        .Involved("x2", "e3", "Early help lead practitioner", lead: true, until: Today).Involved("x9", "e3")
        .Involved("x1", "e4", lead: true, until: Today.AddDays(-10)).Involved("x2", "e4", lead: true, since: Today.AddDays(-10))
        .Involved("x1", "e5", lead: true, until: Today.AddDays(-10))
        .Involved("x1", "e6", "First lead", lead: true, until: Today.AddDays(-40))
        .Involved("x2", "e6", "Second lead", lead: true, since: Today.AddDays(-40), until: Today.AddDays(-5)).Involved("x9", "e6")
        .Involved("x1", "e7", lead: true, until: Today.AddDays(1)).Involved("x9", "e7")
        .Involved("x1", "e8", until: Today.AddDays(-5)).Involved("x9", "e8");

    [Fact]
    public async Task ClientsWhoseLeadEnded_lists_clients_without_a_lead_whose_last_lead_ended_within_30_days_inclusive()
    {
        var store = await NewStoreAsync(EndedLeads());

        var page = await store.ClientsWhoseLeadEndedAsync(Today, 30, cancellationToken: Ct);

        Assert.Equal(
            [
                new LeadEndedClient("e1", "Ada Ames", null, Today.AddDays(-30), "x1", "Marcus Bell", "Early help worker"),
                new LeadEndedClient("e3", "Cal Cole", null, Today, "x2", "Jo Whitfield", "Early help lead practitioner"),
                new LeadEndedClient("e6", "Fin Ford", null, Today.AddDays(-5), "x2", "Jo Whitfield", "Second lead"),
            ],
            page.Items);
        Assert.Equal(3, page.TotalCount);
        Assert.Equal(3, await store.CountClientsWhoseLeadEndedAsync(Today, 30, Ct));
    }

    [Fact]
    public async Task ClientsWhoseLeadEnded_a_day_later_the_31st_day_falls_out_and_a_lead_ending_that_day_comes_in()
    {
        var store = await NewStoreAsync(EndedLeads());

        var page = await store.ClientsWhoseLeadEndedAsync(Today.AddDays(1), 30, cancellationToken: Ct);

        Assert.Equal(["e3", "e6", "e7"], page.Items.Select(c => c.Id));
        Assert.Equal(3, await store.CountClientsWhoseLeadEndedAsync(Today.AddDays(1), 30, Ct));
    }

    /// <summary>
    /// m1: three agencies; m2: three professionals of two agencies; m3: four agencies, one a lead; m4: three agencies
    /// but one professional left theirs today; m5: three agencies but one involvement ended today; m6: three agencies
    /// and a lead that starts tomorrow.
    /// </summary>
    private static District ManyAgencies() => new District()
        .Person("m1", "Mason", "Hughes").Person("m2", "Nora", "Hill").Person("m3", "Owen", "Hale").Person("m4", "Pia", "Holt")
        .Person("m5", "Quin", "Hurst").Person("m6", "Remy", "Hyde")
        .Agency("a1").Agency("a2").Agency("a3").Agency("a4")
        .Professional("x1", "Gary", "Lomas").Professional("x2", "Jess", "Morton").Professional("x3", "Priya", "Shah")
        .Professional("x4", "Dan", "Cole").Professional("x5", "Ed", "Ward").Professional("x6", "Liz", "Lane")
        .WorksFor("x1", "a1").WorksFor("x2", "a2").WorksFor("x3", "a3").WorksFor("x4", "a4").WorksFor("x5", "a1")
        .WorksFor("x6", "a3", until: Today).WorksFor("x6", "a1", since: Today)
        .Involved("x1", "m1").Involved("x2", "m1").Involved("x3", "m1")
        .Involved("x1", "m2").Involved("x5", "m2").Involved("x2", "m2")
        .Involved("x1", "m3").Involved("x2", "m3").Involved("x3", "m3").Involved("x4", "m3", lead: true)
        .Involved("x1", "m4").Involved("x2", "m4").Involved("x6", "m4")
        .Involved("x1", "m5").Involved("x2", "m5").Involved("x3", "m5", until: Today)
        .Involved("x1", "m6").Involved("x2", "m6").Involved("x3", "m6").Involved("x4", "m6", lead: true, since: Today.AddDays(1));

    [Fact]
    public async Task ClientsWithManyAgenciesAndNoLead_counts_agencies_through_employment_active_that_day()
    {
        var store = await NewStoreAsync(ManyAgencies());

        var page = await store.ClientsWithManyAgenciesAndNoLeadAsync(Today, 3, cancellationToken: Ct);

        Assert.Equal([new ClientSummary("m1", "Mason Hughes", null, 3, 3), new ClientSummary("m6", "Remy Hyde", null, 3, 3)], page.Items);
        Assert.Equal(2, page.TotalCount);
        Assert.Equal(2, await store.CountClientsWithManyAgenciesAndNoLeadAsync(Today, 3, Ct));
    }

    [Fact]
    public async Task ClientsWithManyAgenciesAndNoLead_the_day_before_the_client_who_lost_an_agency_today_still_counts()
    {
        var store = await NewStoreAsync(ManyAgencies());

        var page = await store.ClientsWithManyAgenciesAndNoLeadAsync(Today.AddDays(-1), 3, cancellationToken: Ct);

        // Holt, Hughes, Hurst, Hyde: Pia's third professional still worked for a3, Quin's third was still involved.
        Assert.Equal(["m4", "m1", "m5", "m6"], page.Items.Select(c => c.Id));
        Assert.Equal(["m2", "m4", "m1", "m5", "m6"], (await store.ClientsWithManyAgenciesAndNoLeadAsync(Today.AddDays(-1), 2, cancellationToken: Ct)).Items.Select(c => c.Id));
        Assert.Equal(1, await store.CountClientsWithManyAgenciesAndNoLeadAsync(Today.AddDays(1), 3, Ct));
    }

    /// <summary>
    /// Everyone is a client of x1 but c7, whose involvement ended. c1: last contact at the first instant of the day 90
    /// days ago; c2: at the last second of the day 91 days ago; c3: none; c4: planned ones only, and a visit 100 days
    /// ago; c5: one late today; c6: one tomorrow and one 120 days ago.
    /// </summary>
    private static District Contacts() => new District()
        .Person("c1", "Ann", "Abbot").Person("c2", "Bea", "Baker").Person("c3", "Col", "Carr").Person("c4", "Dot", "Dale")
        .Person("c5", "Eli", "Eden").Person("c6", "Fay", "Fox").Person("c7", "Guy", "Gale")
        .Professional("x1", "Nia", "Nurse").Agency("a1").WorksFor("x1", "a1")
        .Involved("x1", "c1").Involved("x1", "c2").Involved("x1", "c3").Involved("x1", "c4").Involved("x1", "c5").Involved("x1", "c6")
        .Involved("x1", "c7", until: Today)
        .Contact("x1", "c1", At(Today.AddDays(-200), 10)).Contact("x1", "c1", At(Today.AddDays(-90)))
        .Contact("x1", "c2", At(Today.AddDays(-91), 23, 59, 59), kind: ContactKind.Phone)
        .Contact("x1", "c4", At(Today.AddDays(-100), 9)).Contact("x1", "c4", At(Today.AddDays(-10), 9), planned: true).Contact("x1", "c4", At(Today.AddDays(3), 9), planned: true)
        .Contact("x1", "c5", At(Today, 23, 59))
        .Contact("x1", "c6", At(Today.AddDays(-120), 14)).Contact("x1", "c6", At(Today.AddDays(1), 9));

    [Fact]
    public async Task ClientsWithoutContact_lists_clients_whose_last_recorded_contact_is_more_than_90_days_old_or_missing()
    {
        var store = await NewStoreAsync(Contacts());

        var page = await store.ClientsWithoutContactAsync(Today, 90, cancellationToken: Ct);

        Assert.Equal(
            [
                new UncontactedClient("c2", "Bea Baker", null, new ContactSummary(At(Today.AddDays(-91), 23, 59, 59), ContactKind.Phone)),
                new UncontactedClient("c3", "Col Carr", null, null),
                new UncontactedClient("c4", "Dot Dale", null, new ContactSummary(At(Today.AddDays(-100), 9), ContactKind.Visit)),
                new UncontactedClient("c6", "Fay Fox", null, new ContactSummary(At(Today.AddDays(-120), 14), ContactKind.Visit)),
            ],
            page.Items);
        Assert.Equal(4, page.TotalCount);
        Assert.Equal(4, await store.CountClientsWithoutContactAsync(Today, 90, Ct));
    }

    [Fact]
    public async Task ClientsWithoutContact_a_day_later_the_contact_of_exactly_90_days_ago_is_too_old()
    {
        var store = await NewStoreAsync(Contacts());

        var page = await store.ClientsWithoutContactAsync(Today.AddDays(1), 90, cancellationToken: Ct);

        // Fay's visit tomorrow is recorded by then; Guy is no longer a client.
        Assert.Equal(["c1", "c2", "c3", "c4"], page.Items.Select(c => c.Id));
        Assert.Equal(At(Today.AddDays(-90)), page.Items[0].LastContact?.At);
    }

    /// <summary>
    /// The week of Monday 10 to Sunday 16 June 2024. x2 moved from a1 to a2 on the 12th; x3 works for a sensitive
    /// agency; x4 works nowhere; x1's involvement with v2 is sensitive.
    /// </summary>
    private static District PlannedWeek() => new District()
        .Person("v1", "Ava", "Turner").Person("v2", "Kerry", "Nolan").Person("v3", "Liam", "Turner")
        .Agency("a1", "Children's Services").Agency("a2", "Community Health").Agency("a3", "Pathways Recovery", sensitive: true)
        .Professional("x1", "Sam", "Adeyemi").Professional("x2", "Priya", "Shah").Professional("x3", "Kieran", "Lynch").Professional("x4", "Ann", "Other")
        .WorksFor("x1", "a1").WorksFor("x2", "a1", until: new DateOnly(2024, 6, 12)).WorksFor("x2", "a2", since: new DateOnly(2024, 6, 12)).WorksFor("x3", "a3")
        .Involved("x1", "v1").Involved("x1", "v2", sensitive: true).Involved("x2", "v1").Involved("x3", "v3").Involved("x4", "v1")
        .Contact("x1", "v1", At(new DateOnly(2024, 6, 9), 23, 59), planned: true)
        .Contact("x1", "v1", At(new DateOnly(2024, 6, 10)), planned: true)
        .Contact("x2", "v1", At(new DateOnly(2024, 6, 11), 10), planned: true, kind: ContactKind.Phone)
        .Contact("x2", "v1", At(new DateOnly(2024, 6, 13), 10), planned: true)
        .Contact("x1", "v1", At(new DateOnly(2024, 6, 12), 10))
        .Contact("x3", "v3", At(new DateOnly(2024, 6, 14), 11), planned: true, kind: ContactKind.Meeting)
        .Contact("x1", "v2", At(new DateOnly(2024, 6, 15), 9), planned: true)
        .Contact("x4", "v1", At(new DateOnly(2024, 6, 16), 23, 59), planned: true)
        .Contact("x1", "v1", At(new DateOnly(2024, 6, 17)), planned: true);

    [Fact]
    public async Task PlannedContacts_from_the_first_instant_of_Monday_to_the_end_of_Sunday_with_the_agency_of_that_day()
    {
        var store = await NewStoreAsync(PlannedWeek());

        var page = await store.PlannedContactsAsync(new DateOnly(2024, 6, 10), new DateOnly(2024, 6, 16), cancellationToken: Ct);

        Assert.Equal(
            [
                new PlannedContact("v1", "Ava Turner", "x1", "Sam Adeyemi", "Children's Services", At(new DateOnly(2024, 6, 10)), ContactKind.Visit, false),
                new PlannedContact("v1", "Ava Turner", "x2", "Priya Shah", "Children's Services", At(new DateOnly(2024, 6, 11), 10), ContactKind.Phone, false),
                new PlannedContact("v1", "Ava Turner", "x2", "Priya Shah", "Community Health", At(new DateOnly(2024, 6, 13), 10), ContactKind.Visit, false),
                new PlannedContact("v3", "Liam Turner", "x3", "Kieran Lynch", "Pathways Recovery", At(new DateOnly(2024, 6, 14), 11), ContactKind.Meeting, true),
                new PlannedContact("v2", "Kerry Nolan", "x1", "Sam Adeyemi", "Children's Services", At(new DateOnly(2024, 6, 15), 9), ContactKind.Visit, true),
                new PlannedContact("v1", "Ava Turner", "x4", "Ann Other", null, At(new DateOnly(2024, 6, 16), 23, 59), ContactKind.Visit, false),
            ],
            page.Items);
        Assert.Equal(6, page.TotalCount);
        Assert.Equal(6, await store.CountPlannedContactsAsync(new DateOnly(2024, 6, 10), new DateOnly(2024, 6, 16), Ct));
    }

    [Fact]
    public async Task PlannedContacts_pages_in_time_order_with_the_total()
    {
        var store = await NewStoreAsync(PlannedWeek());

        var second = await store.PlannedContactsAsync(new DateOnly(2024, 6, 10), new DateOnly(2024, 6, 16), skip: 2, take: 2, cancellationToken: Ct);
        var oneDay = await store.CountPlannedContactsAsync(new DateOnly(2024, 6, 17), new DateOnly(2024, 6, 17), Ct);

        Assert.Equal([At(new DateOnly(2024, 6, 13), 10), At(new DateOnly(2024, 6, 14), 11)], second.Items.Select(v => v.At));
        Assert.Equal((6, 2, 2), (second.TotalCount, second.Skip, second.Take));
        Assert.Equal(1, oneDay);
    }

    [Fact]
    public async Task Coordinator_lists_page_in_name_order_with_the_total()
    {
        var store = await NewStoreAsync(Contacts());

        var first = await store.ClientsWithoutContactAsync(Today, 90, skip: 0, take: 3, cancellationToken: Ct);
        var rest = await store.ClientsWithoutContactAsync(Today, 90, skip: 3, take: 3, cancellationToken: Ct);

        Assert.Equal(["c2", "c3", "c4"], first.Items.Select(c => c.Id));
        Assert.Equal(["c6"], rest.Items.Select(c => c.Id));
        Assert.All(new[] { first.TotalCount, rest.TotalCount }, total => Assert.Equal(4, total));
    }

    [Fact]
    public async Task Coordinator_lists_refuse_a_bad_page_negative_days_and_a_week_that_ends_before_it_starts()
    {
        var store = await NewStoreAsync();

        await Assert.ThrowsAsync<GraphRuleException>(() => store.ClientsWhoseLeadEndedAsync(Today, 30, skip: -1, cancellationToken: Ct));
        await Assert.ThrowsAsync<GraphRuleException>(() => store.ClientsWithManyAgenciesAndNoLeadAsync(Today, 3, take: 0, cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.CountClientsWithoutContactAsync(Today, -1, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => store.CountPlannedContactsAsync(Today, Today.AddDays(-1), Ct));
    }

    [Fact]
    public async Task Coordinator_lists_of_an_empty_store_are_empty()
    {
        var store = await NewStoreAsync();

        Assert.Empty((await store.ClientsWhoseLeadEndedAsync(Today, cancellationToken: Ct)).Items);
        Assert.Empty((await store.ClientsWithManyAgenciesAndNoLeadAsync(Today, cancellationToken: Ct)).Items);
        Assert.Empty((await store.ClientsWithoutContactAsync(Today, cancellationToken: Ct)).Items);
        Assert.Equal(0, await store.CountPlannedContactsAsync(Today, Today, Ct));
    }
}
