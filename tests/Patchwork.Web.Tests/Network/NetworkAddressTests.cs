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
        var address = NetworkAddress.Parse(personId, asAt, depth, expand is null ? null : Uri.UnescapeDataString(expand), Today);

        var url = new Uri(new Uri("http://patchwork.test"), address.ToUrl(Today));
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        var path = Uri.UnescapeDataString(url.AbsolutePath["/network/".Length..]);
        var again = NetworkAddress.Parse(path, query["asAt"], query["depth"] is { } d ? int.Parse(d, System.Globalization.CultureInfo.InvariantCulture) : null, query["expand"], Today);

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
    [InlineData(-2, 0)]
    [InlineData(9, NetworkAddress.MaxDepth)]
    public void Parse_keeps_the_depth_within_what_the_page_offers(int asked, int expected)
    {
        Assert.Equal(expected, NetworkAddress.Parse("P001", null, asked, null, Today).Depth);
    }
}
