using Patchwork.Graph.Access;
using Patchwork.Graph.Model;
using Patchwork.Graph.Tests.Access;
using Patchwork.Graph.Tests.Contract;

namespace Patchwork.Graph.Tests.Network;

/// <summary>A date outside the records is refused with a rule the practitioner can read, never an overflow.</summary>
public sealed class RecordDatesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly Today = Governed.Today;

    private static District Family() => new District()
        .Agency("csc", "Children's Services", "children-social-care")
        .Professional("sw", "Sam", "Social", "Social Worker")
        .WorksFor("sw", "csc")
        .Household("h1", "Home", "1 Elm Road", "NV1 1AA")
        .Person("c1", "Cara", "Child", new DateOnly(2015, 1, 1), Gender.Female)
        .LivesIn("c1", "h1")
        .Involved("sw", "c1", "Social worker", lead: true);

    public static TheoryData<DateOnly> OutsideTheRecords => new()
    {
        DateOnly.MinValue,
        new DateOnly(1899, 12, 31),
        Today.AddYears(RecordDates.YearsAhead).AddDays(1),
        new DateOnly(3000, 1, 1),
        DateOnly.MaxValue,
    };

    [Theory]
    [InlineData("1900-01-01", true)]
    [InlineData("1899-12-31", false)]
    [InlineData("2031-06-01", true)]
    [InlineData("2031-06-02", false)]
    [InlineData("9999-12-31", false)]
    [InlineData("0001-01-01", false)]
    public void IsWithin_runs_from_1900_to_five_years_after_today(string day, bool within)
    {
        Assert.Equal(within, RecordDates.IsWithin(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), Today));
    }

    [Fact]
    public void Latest_never_passes_the_horizon_the_stores_answer_for()
    {
        Assert.Equal(RecordDates.Horizon, RecordDates.Latest(DateOnly.MaxValue));
        Assert.Equal(RecordDates.Horizon, RecordDates.Latest(new DateOnly(2998, 1, 1)));
    }

    [Theory]
    [MemberData(nameof(OutsideTheRecords))]
    public async Task OpenNetwork_at_a_date_outside_the_records_is_refused_with_the_range_that_is_open(DateOnly asOf)
    {
        await using var governed = await Governed.CreateAsync(Family());

        var refused = await Assert.ThrowsAsync<DateOutOfRangeException>(() => governed.Networks.OpenAsync(Governed.Practitioner("sw"), "c1", asOf, 1, Ct));

        Assert.Contains($"{asOf:yyyy-MM-dd} is outside the records", refused.Message, StringComparison.Ordinal);
        Assert.Contains("1900-01-01", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(OutsideTheRecords))]
    public async Task ExportTeamCsv_and_step_out_at_a_date_outside_the_records_are_refused(DateOnly asOf)
    {
        await using var governed = await Governed.CreateAsync(Family());
        var viewer = Governed.Practitioner("sw");

        await Assert.ThrowsAsync<DateOutOfRangeException>(() => governed.Networks.ExportTeamCsvAsync(viewer, "c1", asOf, Audience.Viewer, Ct));
        await Assert.ThrowsAsync<DateOutOfRangeException>(() => governed.Networks.ExpandAsync(viewer, "c1", new NodeRef(NodeKind.Household, "h1"), asOf, Ct));
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public async Task The_store_refuses_a_day_whose_neighbours_fall_off_the_calendar_rather_than_overflow(string day)
    {
        await using var governed = await Governed.CreateAsync(Family());
        var asOf = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);

        await Assert.ThrowsAsync<DateOutOfRangeException>(() => governed.Store.GetTeamAsync("c1", asOf, Ct));
        await Assert.ThrowsAsync<DateOutOfRangeException>(() => governed.Store.OpenNetworkAsync("c1", asOf, cancellationToken: Ct));
        await Assert.ThrowsAsync<DateOutOfRangeException>(() => governed.Store.ClientsWithoutContactAsync(asOf, cancellationToken: Ct));
        await Assert.ThrowsAsync<DateOutOfRangeException>(() => governed.Store.PlannedContactsAsync(asOf, asOf, cancellationToken: Ct));
    }

    [Fact]
    public async Task OpenNetwork_on_the_first_and_last_days_of_the_records_answers()
    {
        await using var governed = await Governed.CreateAsync(Family());
        var viewer = Governed.Practitioner("sw");

        Assert.Equal("c1", (await governed.Networks.OpenAsync(viewer, "c1", RecordDates.Earliest, 1, Ct)).Network.Focus.Id);
        Assert.Equal("c1", (await governed.Networks.OpenAsync(viewer, "c1", RecordDates.Latest(Today), 1, Ct)).Network.Focus.Id);
    }
}
