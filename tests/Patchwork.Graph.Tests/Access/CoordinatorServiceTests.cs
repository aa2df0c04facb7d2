using Microsoft.Extensions.DependencyInjection;
using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Coordination;
using Patchwork.Graph.Tests.Contract;

namespace Patchwork.Graph.Tests.Access;

public sealed class CoordinatorServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset At(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// On Monday 1 June 2026: Ann has three agencies and no lead, and was seen on 20 May; Ben has a lead and no
    /// contact recorded; Cal is no longer a client; Dee's lead ended 17 days ago and she was last seen in January.
    /// Ann has a visit planned this week, Ben one next week.
    /// </summary>
    private static District Clients() => new District()
        .Agency("csc").Agency("nhs", "Community Health", kind: "health").Agency("pol", kind: "police")
        .Professional("sw", "Sam", "Social").Professional("sn", "Nia", "Nurse").Professional("pc", "Pat", "Police").Professional("co", "Cora", "Coordinator")
        .WorksFor("sw", "csc").WorksFor("sn", "nhs").WorksFor("pc", "pol").WorksFor("co", "csc")
        .Person("a", "=Ann", "Able").Person("b", "Ben", "Baker").Person("c", "Cal", "Cole").Person("d", "Dee", "Dunn")
        .Involved("sw", "a").Involved("sn", "a").Involved("pc", "a")
        .Involved("sw", "b", lead: true)
        .Involved("sn", "c", until: Governed.Today)
        .Involved("co", "d", "Early help lead practitioner", lead: true, until: Governed.Today.AddDays(-17)).Involved("sw", "d")
        .Contact("sn", "a", At(5, 20, 10)).Contact("co", "d", At(1, 20, 11))
        .Contact("sn", "a", At(6, 3, 9), planned: true).Contact("sw", "b", At(6, 8, 9), planned: true);

    [Fact]
    public async Task Counts_give_every_list_in_the_dashboards_order()
    {
        await using var governed = await Governed.CreateAsync(Clients());
        var service = governed.Services.GetRequiredService<CoordinatorService>();

        var counts = await service.CountsAsync(Governed.Coordinator("co"), Governed.Today, Ct);

        Assert.Equal(
            [("no-lead", 2), ("lead-ended", 1), ("many-agencies", 1), ("concerns", 0), ("no-contact", 2), ("planned-visits", 1)],
            counts.Select(c => (c.List.Key, c.Count)));
    }

    [Fact]
    public async Task Every_list_and_its_export_are_refused_to_a_practitioner()
    {
        await using var governed = await Governed.CreateAsync(Clients());
        var service = governed.Services.GetRequiredService<CoordinatorService>();
        var practitioner = Governed.Practitioner("sw");

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.CountsAsync(practitioner, Governed.Today, Ct));
        foreach (var list in CoordinatorLists.All)
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => service.OpenAsync(practitioner, list, Governed.Today, Ct));
            await Assert.ThrowsAsync<AccessDeniedException>(() => service.CsvAsync(practitioner, list, Governed.Today, Ct));
        }

        Assert.Empty(await governed.Audit.ForPersonAsync("a", cancellationToken: Ct));

        // Every attempt is recorded as refused, naming what was tried.
        var refused = (await governed.Audit.RecentAsync(cancellationToken: Ct)).Where(r => r.Entry.Action == AuditActions.Refused && r.Entry.Actor == "sw").Select(r => r.Entry.Target).ToList();
        Assert.Equal(1 + 2 * CoordinatorLists.All.Count, refused.Count);
        Assert.Contains("coordinator", refused);
        foreach (var list in CoordinatorLists.All)
        {
            Assert.Contains($"coordinator:{list.Key}", refused);
            Assert.Contains($"coordinator:{list.Key}.csv", refused);
        }
    }

    [Fact]
    public async Task Open_lists_the_rows_and_audits_the_view_with_the_people_shown()
    {
        await using var governed = await Governed.CreateAsync(Clients());
        var service = governed.Services.GetRequiredService<CoordinatorService>();

        var view = await service.OpenAsync(Governed.Coordinator("co"), CoordinatorLists.LeadEnded, Governed.Today, Ct);

        var row = Assert.Single(view.Rows);
        Assert.Equal(("d", "Dee Dunn"), (row.PersonId, row.PersonName));
        Assert.Equal([null, new DateOnly(2026, 5, 15), "Cora Coordinator", "Early help lead practitioner"], row.Values);
        Assert.Equal(1, view.TotalCount);
        var trail = await governed.Audit.ForPersonAsync("d", cancellationToken: Ct);
        Assert.Contains(trail, r => r.Entry.Action == "view-lead-ended" && r.Entry.Actor == "co" && r.Entry.Target == "Lead ended in the last 30 days at 2026-06-01");
    }

    [Fact]
    public async Task No_contact_rows_say_when_and_how_long_ago_or_that_none_is_recorded()
    {
        await using var governed = await Governed.CreateAsync(Clients());
        var service = governed.Services.GetRequiredService<CoordinatorService>();

        var view = await service.OpenAsync(Governed.Coordinator("co"), CoordinatorLists.NoContact, Governed.Today, Ct);

        Assert.Equal(["b", "d"], view.Rows.Select(r => r.PersonId));
        Assert.Equal([null, null, null, null], view.Rows[0].Values);
        Assert.Equal([null, new DateOnly(2026, 1, 20), 132, "visit"], view.Rows[1].Values);
    }

    [Fact]
    public async Task Csv_neutralises_formulas_writes_iso_values_and_is_audited()
    {
        await using var governed = await Governed.CreateAsync(Clients());
        var service = governed.Services.GetRequiredService<CoordinatorService>();

        var noLead = await service.CsvAsync(Governed.Coordinator("co"), CoordinatorLists.NoLead, Governed.Today, Ct);
        var planned = await service.CsvAsync(Governed.Coordinator("co"), CoordinatorLists.PlannedVisits, Governed.Today, Ct);

        Assert.Equal("id,name,date of birth,agencies,professionals\r\na,'=Ann Able,,3,3\r\nd,Dee Dunn,,1,1\r\n", noLead);
        Assert.Equal("id,name,when (utc),professional,agency,kind\r\na,'=Ann Able,2026-06-03T09:00Z,Nia Nurse,Community Health,visit\r\n", planned);
        var trail = await governed.Audit.ForPersonAsync("a", cancellationToken: Ct);
        Assert.Equal(2, trail.Count(r => r.Entry.Action == "export" && r.Entry.Actor == "co"));
    }

    [Theory]
    [InlineData("2026-06-01", "2026-06-01")]
    [InlineData("2026-06-03", "2026-06-01")]
    [InlineData("2026-06-07", "2026-06-01")]
    [InlineData("2026-06-08", "2026-06-08")]
    public void WeekOf_runs_from_the_Monday_to_the_Sunday_of_the_day(string day, string monday)
    {
        var week = CoordinatorLists.WeekOf(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture), week.Monday);
        Assert.Equal(week.Monday.AddDays(6), week.Sunday);
        Assert.Equal(DayOfWeek.Sunday, week.Sunday.DayOfWeek);
    }

    [Fact]
    public void Lists_are_found_by_their_key_only()
    {
        Assert.Same(CoordinatorLists.NoContact, CoordinatorLists.Find("no-contact"));
        Assert.Null(CoordinatorLists.Find("everyone"));
        Assert.Null(CoordinatorLists.Find(null));
        Assert.Equal(CoordinatorLists.All.Count, CoordinatorLists.All.Select(l => l.Key).Distinct().Count());
    }
}
