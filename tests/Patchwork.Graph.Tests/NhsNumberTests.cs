using Patchwork.Graph.Model;

namespace Patchwork.Graph.Tests;

public sealed class NhsNumberTests
{
    [Theory]
    [InlineData("9434765919")]
    [InlineData("943 476 5919")]
    [InlineData("4010232137")]
    public void TryParse_valid_check_digit_is_accepted(string text) => Assert.True(NhsNumber.TryParse(text, out _));

    [Theory]
    [InlineData("9434765918")]
    [InlineData("943476591")]
    [InlineData("94347659190")]
    [InlineData("94347A5919")]
    [InlineData("")]
    public void TryParse_bad_number_is_refused(string text) => Assert.False(NhsNumber.TryParse(text, out _));
}
