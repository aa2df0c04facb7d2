using Patchwork.Graph.Model;

namespace Patchwork.Graph.Tests.Model;

public sealed class NhsNumberTests
{
    [Theory]
    [InlineData("9434765919")]
    [InlineData("943 476 5919")]
    [InlineData("943-476-5919")]
    [InlineData("4010232137")]
    public void TryParse_valid_check_digit_is_accepted(string text) => Assert.True(NhsNumber.TryParse(text, out _));

    [Theory]
    [InlineData("9434765918")]
    [InlineData("943476591")]
    [InlineData("94347659190")]
    [InlineData("94347A5919")]
    [InlineData("９４３４７６５９１９")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_bad_number_is_refused(string? text) => Assert.False(NhsNumber.TryParse(text, out _));

    [Fact]
    public void TryParse_check_digit_eleven_becomes_zero()
    {
        // The weighted sum of 100000006 is 22, a multiple of 11: 11 - 0 is 11, written as 0.
        Assert.True(NhsNumber.TryParse("1000000060", out var number));
        Assert.Equal("1000000060", number.Digits);
        Assert.False(NhsNumber.TryParse("1000000061", out _));
    }

    [Fact]
    public void TryParse_number_whose_check_digit_would_be_ten_is_never_valid()
    {
        // The weighted sum of 123456789 is 210, remainder 1: the check digit would be 10.
        Assert.All(Enumerable.Range(0, 10), last => Assert.False(NhsNumber.TryParse($"123456789{last}", out _)));
    }

    [Fact]
    public void TryParse_refused_number_leaves_the_default()
    {
        NhsNumber.TryParse("9434765918", out var number);

        Assert.Equal(default, number);
    }

    [Fact]
    public void Parse_keeps_the_digits_and_formats_them_3_3_4()
    {
        var number = NhsNumber.Parse("943-476 5919");

        Assert.Equal("9434765919", number.Digits);
        Assert.Equal("9434765919", number.ToString());
        Assert.Equal("943 476 5919", number.Formatted);
    }

    [Fact]
    public void Parse_bad_number_gives_a_rule_exception_naming_the_text()
    {
        var refused = Assert.Throws<GraphRuleException>(() => NhsNumber.Parse("9434765918"));

        Assert.Contains("'9434765918'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Numbers_with_the_same_digits_are_equal() => Assert.Equal(NhsNumber.Parse("943 476 5919"), NhsNumber.Parse("9434765919"));

    [Fact]
    public void Default_number_formats_as_empty()
    {
        Assert.Equal("", default(NhsNumber).Formatted);
        Assert.Equal("", default(NhsNumber).ToString());
    }
}
