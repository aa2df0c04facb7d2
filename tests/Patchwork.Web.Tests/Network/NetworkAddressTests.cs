using Patchwork.Graph.Model;
using Patchwork.Web.Features.Network;

namespace Patchwork.Web.Tests.Network;

public sealed class NetworkAddressTests
{
    private static readonly DateOnly Today = new(2026, 9, 1);

    [Fact]
    public void ToUrl_today_at_depth_one_with_no_steps_is_the_bare_path()
    {
        Assert.Equal("/network/P001", new NetworkAddress("P001", Today, 1, []).ToUrl(Today));
    }

    [Fact]
    public void ToUrl_writes_the_date_depth_and_steps_in_order()
    {
        var address = new NetworkAddress("P001", new DateOnly(2025, 6, 1), 2, [new NodeRef(NodeKind.Person, "P005"), new NodeRef(NodeKind.Household, "H003")]);

        Assert.Equal("/network/P001?asAt=2025-06-01&depth=2&expand=person%3AP005,household%3AH003", address.ToUrl(Today));
    }

    [Theory]
    [InlineData("P001", "2025-06-01", 2, "person:P005,household:H003,professional:PR001,agency:A01")]
    [InlineData("P001", null, 3, null)]
    [InlineData("P 1/ü", "2024-02-29", 0, "person:P%201")]
    public void Parse_of_the_query_ToUrl_writes_gives_the_same_address(string personId, string? asAt, int depth, string? expand)
    {
        var address = NetworkAddress.Parse(personId, asAt, depth.ToString(System.Globalization.CultureInfo.InvariantCulture), expand is null ? null : Uri.UnescapeDataString(expand), Today);

        var url = new Uri(new Uri("http://patchwork.test"), address.ToUrl(Today));
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        var path = Uri.UnescapeDataString(url.AbsolutePath["/network/".Length..]);
        var again = NetworkAddress.Parse(path, query["asAt"], query["depth"], query["expand"], Today);

        Assert.Equal(address.PersonId, again.PersonId);
        Assert.Equal(address.AsOf, again.AsOf);
        Assert.Equal(address.Depth, again.Depth);
        Assert.Equal(address.Expansions, again.Expansions);
    }

    [Fact]
    public void Parse_falls_back_to_today_depth_one_and_no_steps_on_anything_unreadable()
    {
        var address = NetworkAddress.Parse("P001", "01/06/2025", null, "planet:X1,person:,:P002,person", Today);

        Assert.Equal(Today, address.AsOf);
        Assert.Equal(1, address.Depth);
        Assert.Empty(address.Expansions);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("3", 3)]
    [InlineData(" 2 ", 2)]
    [InlineData("", 1)]
    [InlineData(null, 1)]
    public void Parse_reads_a_depth_the_page_offers(string? asked, int expected)
    {
        var reading = NetworkAddress.Read("P001", null, asked, null, Today);

        Assert.Equal(expected, reading.Address.Depth);
        Assert.Empty(reading.Notices);
    }

    [Theory]
    [InlineData("2147483648")]
    [InlineData("99999999999999999999999")]
    [InlineData("-1")]
    [InlineData("4")]
    [InlineData("+2")]
    [InlineData("1e3")]
    [InlineData("two")]
    [InlineData("١")]
    public void Read_falls_back_to_depth_one_on_a_depth_the_page_does_not_offer_and_says_so(string asked)
    {
        var reading = NetworkAddress.Read("P001", null, asked, null, Today);

        Assert.Equal(1, reading.Address.Depth);
        var notice = Assert.Single(reading.Notices);
        Assert.StartsWith("The depth '", notice, StringComparison.Ordinal);
        Assert.EndsWith("is not one the page offers (0 to 3); showing 1 step.", notice, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9999-12-31", "The date 9999-12-31 is outside the records (1900-01-01 to 2031-09-01); showing today.")]
    [InlineData("0001-01-01", "The date 0001-01-01 is outside the records (1900-01-01 to 2031-09-01); showing today.")]
    [InlineData("1899-12-31", "The date 1899-12-31 is outside the records (1900-01-01 to 2031-09-01); showing today.")]
    [InlineData("2031-09-02", "The date 2031-09-02 is outside the records (1900-01-01 to 2031-09-01); showing today.")]
    [InlineData("2026-02-30", "The date '2026-02-30' could not be read (the address wants YYYY-MM-DD); showing today.")]
    [InlineData("01/06/2025", "The date '01/06/2025' could not be read (the address wants YYYY-MM-DD); showing today.")]
    [InlineData("../../etc", "The date '../../etc' could not be read (the address wants YYYY-MM-DD); showing today.")]
    public void Read_falls_back_to_today_on_a_date_outside_the_records_or_unreadable_and_says_which(string asAt, string expected)
    {
        var reading = NetworkAddress.Read("P001", asAt, null, null, Today);

        Assert.Equal(Today, reading.Address.AsOf);
        Assert.Equal(expected, Assert.Single(reading.Notices));
    }

    [Theory]
    [InlineData("1900-01-01")]
    [InlineData("2031-09-01")]
    [InlineData(" 2024-02-29 ")]
    public void Read_takes_any_real_day_within_the_records_without_a_notice(string asAt)
    {
        var reading = NetworkAddress.Read("P001", asAt, null, null, Today);

        Assert.Equal(DateOnly.Parse(asAt.Trim(), System.Globalization.CultureInfo.InvariantCulture), reading.Address.AsOf);
        Assert.Empty(reading.Notices);
    }

    [Fact]
    public void Read_quotes_a_long_or_unprintable_value_back_short_and_on_one_line()
    {
        var junk = "\0\n" + new string('x', 5000);

        var notice = Assert.Single(NetworkAddress.Read("P001", junk, null, null, Today).Notices);

        Assert.True(notice.Length < 150, notice);
        Assert.DoesNotContain(notice, char.IsControl);
        Assert.Contains("xxx...", notice, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_counts_the_steps_out_it_could_not_read_and_keeps_the_rest_once_each()
    {
        var reading = NetworkAddress.Read("P001", null, null, "planet:X1,person:P005,person:,:P002,person,person:P005,household:H003," + new string('x', 300), Today);

        Assert.Equal([new NodeRef(NodeKind.Person, "P005"), new NodeRef(NodeKind.Household, "H003")], reading.Address.Expansions);
        Assert.Equal(5, reading.UnreadSteps);
        Assert.Empty(reading.Notices);
    }

    [Fact]
    public void Read_replays_at_most_the_steps_out_a_person_could_have_taken_by_hand()
    {
        var many = string.Join(',', Enumerable.Range(0, NetworkAddress.MaxSteps + 7).Select(i => $"person:P{i}"));

        var reading = NetworkAddress.Read("P001", null, null, many, Today);

        Assert.Equal(NetworkAddress.MaxSteps, reading.Address.Expansions.Count);
        Assert.Equal(7, reading.UnreadSteps);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(1, "One step out could not be shown.")]
    [InlineData(3, "3 steps out could not be shown.")]
    public void StepsNotShown_says_how_many_steps_out_were_set_aside(int count, string? expected)
    {
        Assert.Equal(expected, NetworkAddress.StepsNotShown(count));
    }
}
