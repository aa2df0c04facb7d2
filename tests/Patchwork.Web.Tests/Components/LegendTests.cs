using Bunit;
using Patchwork.Web.Features.Network;
using Patchwork.Web.Features.Network.Diagram;
using Patchwork.Web.Tests.Infrastructure;

namespace Patchwork.Web.Tests.Components;

public sealed class LegendTests : BunitContext
{
    public LegendTests() => this.AddTestServices();

    public static TheoryData<TieStyle> Styles() => [.. Enum.GetValues<TieStyle>()];

    [Theory]
    [MemberData(nameof(Styles))]
    public void Every_tie_style_the_diagram_draws_is_explained(TieStyle style)
    {
        var legend = Render<Legend>();

        var sample = legend.FindAll($"li svg line.pw-tie-{style.ToString().ToLowerInvariant()}");

        Assert.True(sample.Count > 0, $"The legend has no line drawn as {style}.");
        Assert.All(sample, line => Assert.False(string.IsNullOrWhiteSpace(line.Closest("li")!.TextContent), $"The {style} line has no words beside it."));
    }

    [Fact]
    public void The_legend_explains_shapes_the_focus_outline_households_and_changes()
    {
        var text = Render<Legend>().Find("aside").TextContent;

        Assert.Contains("female \u00b7 male \u00b7 other or unknown", text, StringComparison.Ordinal);
        Assert.Contains("the person this network is about", text, StringComparison.Ordinal);
        Assert.Contains("household", text, StringComparison.Ordinal);
        Assert.Contains("new in the last 30 days", text, StringComparison.Ordinal);
        Assert.Contains("ended in the last 30 days", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_legend_is_a_labelled_landmark_and_its_samples_are_hidden_from_screen_readers()
    {
        var legend = Render<Legend>();

        Assert.Equal("Legend", legend.Find("aside").GetAttribute("aria-label"));
        Assert.All(legend.FindAll("svg"), svg => Assert.Equal("true", svg.GetAttribute("aria-hidden")));
    }
}
