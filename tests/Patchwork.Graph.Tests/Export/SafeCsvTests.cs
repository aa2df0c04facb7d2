using Patchwork.Graph.Export;

namespace Patchwork.Graph.Tests.Export;

public sealed class SafeCsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+44 1632 960001", "'+44 1632 960001")]
    [InlineData("-1+1", "'-1+1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    public void Field_that_a_spreadsheet_would_run_is_neutralised(string value, string expected) => Assert.Equal(expected, SafeCsv.Field(value));

    [Theory]
    [InlineData("Ava Turner", "Ava Turner")]
    [InlineData("14 Elm Road, Northvale", "\"14 Elm Road, Northvale\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData(null, "")]
    public void Field_plain_text_is_quoted_only_when_needed(string? value, string expected) => Assert.Equal(expected, SafeCsv.Field(value));

    [Fact]
    public void Write_puts_headings_first_and_ends_rows_with_crlf() =>
        Assert.Equal("a,b\r\n1,'=2\r\n", SafeCsv.Write(["a", "b"], [["1", "=2"]]));
}
