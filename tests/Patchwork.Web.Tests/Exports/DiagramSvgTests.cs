using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Patchwork.Graph.Access;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;
using Patchwork.Web.Features.Network;
using Patchwork.Web.Features.Network.Diagram;
using Patchwork.Web.Features.Network.Exports;
using Patchwork.Web.Tests.Infrastructure;

namespace Patchwork.Web.Tests.Exports;

public sealed partial class DiagramSvgTests(DemoStore demo)
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly ExportMarking Marking = new("Sam Adeyemi", new DateTimeOffset(2026, 7, 1, 13, 5, 0, TimeSpan.Zero), DemoStore.Today, Audience.Viewer);

    [Fact]
    public async Task Write_gives_well_formed_SVG_with_the_focus_person_and_the_markings()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);

        var svg = XDocument.Parse(DiagramSvg.Write(scene, Marking));

        Assert.Equal(Svg + "svg", svg.Root!.Name);
        Assert.Matches(@"^0 0 \d+(\.\d)? \d+(\.\d)?$", svg.Root.Attribute("viewBox")?.Value);
        Assert.Equal("Network of Ava Turner, as at 1 Jul 2026 (OFFICIAL-SENSITIVE)", svg.Root.Element(Svg + "title")?.Value);
        var texts = Texts(svg);
        Assert.Contains("Ava Turner, 12", texts);
        Assert.Equal("OFFICIAL-SENSITIVE", texts[0]);
        Assert.Equal("OFFICIAL-SENSITIVE", texts[^1]);
        // 13:05 UTC is 14:05 in London in July.
        Assert.Contains("Exported by Sam Adeyemi on 1 Jul 2026, 14:05 · shows the network as at 1 Jul 2026", texts);
    }

    [Fact]
    public async Task Write_draws_every_node_and_every_tie_the_canvas_draws()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);
        var homes = scene.Homes();

        var svg = XDocument.Parse(DiagramSvg.Write(scene, Marking));

        var drawnNodes = scene.Nodes.Where(n => n.Ref.Kind != NodeKind.Household).ToList();
        Assert.Equal(drawnNodes.Count, svg.Descendants(Svg + "g").Count(g => g.Attribute("class")?.Value.StartsWith("node ", StringComparison.Ordinal) == true));
        var drawnTies = scene.Edges.Count(e => !(e.Relationship is Membership && homes.TryGetValue(e.From, out var home) && home == e.To));
        Assert.Equal(drawnTies, svg.Descendants(Svg + "g").Count(g => g.Attribute("class")?.Value.StartsWith("tie ", StringComparison.Ordinal) == true));
        var texts = Texts(svg);
        Assert.All(drawnNodes.Where(n => n.Node.Node is not Person), n => Assert.Contains(texts, t => t.StartsWith(n.Name[..Math.Min(12, n.Name.Length)], StringComparison.Ordinal)));
        Assert.Contains("Household: 14 Elm Road", texts);
        Assert.Contains("Sam Adeyemi \u2605 lead", texts);
    }

    [Fact]
    public void Write_escapes_names_with_markup_ampersands_and_quotes()
    {
        const string Name = "<b>Zoë \"Zed\" & Sons</b>";
        var focus = new Person("p1", Name, "", new DateOnly(2015, 1, 1), Gender.Female);
        var worker = new Professional("w1", "O'Neil & <Co>", "", "\"Lead\" worker");
        var scene = new Scene(
            DemoStore.Today,
            focus.Ref,
            [new SceneNode(new NetworkNode(focus, 0, true), true, false, 0), new SceneNode(new NetworkNode(worker, 1, false), false, false, 0)],
            [new SceneEdge(new Involvement("w1", "p1", "Worker", true, false, new Period(new DateOnly(2025, 1, 1), null)), EdgeChange.None)],
            0);

        var text = DiagramSvg.Write(scene, Marking with { ExportedBy = "Ann <Admin> & \"Co\"" });

        Assert.DoesNotContain("<b>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<Co>", text, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Zoë \"Zed\" &amp; Sons&lt;/b&gt;", text, StringComparison.Ordinal);
        var texts = Texts(XDocument.Parse(text));
        Assert.Contains(texts, t => t.StartsWith($"Network of {Name}", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("O'Neil & <Co>", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("Exported by Ann <Admin> & \"Co\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Write_draws_each_tie_as_the_legend_does_and_explains_it()
    {
        var explorer = demo.Explorer();
        await explorer.OpenAsync(Demo.Ava.Id, DemoStore.Today, 2, [], Xunit.TestContext.Current.CancellationToken);
        var scene = explorer.BuildScene();

        var svg = XDocument.Parse(DiagramSvg.Write(scene, Marking));

        var ties = svg.Descendants(Svg + "g").Where(g => g.Attribute("class")?.Value.StartsWith("tie ", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(ties);
        foreach (var tie in ties.Where(t => t.Attribute("opacity") is null))
        {
            var style = Enum.Parse<TieStyle>(tie.Attribute("class")!.Value["tie tie-".Length..], ignoreCase: true);
            var line = tie.Element(Svg + "line")!;
            var expected = TieStrokes.Of(style);
            Assert.Equal(expected.Width.ToString(CultureInfo.InvariantCulture), line.Attribute("stroke-width")?.Value);
            Assert.True(expected.Dashes == line.Attribute("stroke-dasharray")?.Value || line.Attribute("stroke-dasharray")?.Value == "10 4", $"{style} is drawn with dashes '{line.Attribute("stroke-dasharray")?.Value}'.");
        }

        var texts = Texts(svg);
        Assert.All(TieStrokes.Legend, entry => Assert.Contains(entry.Label, texts));
    }

    [Fact]
    public async Task Write_marks_professionals_in_the_room_in_words_and_explains_the_outline()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);

        var texts = Texts(XDocument.Parse(DiagramSvg.Write(scene, Marking with { Audience = Audience.Meeting }, new HashSet<NodeRef> { Demo.Tom })));

        Assert.Equal(2, texts.Count(t => t == "\u2713 in the room"));
        Assert.Contains(texts, t => t.Contains("Meeting view: sensitive services, NHS numbers, contact details and addresses left out.", StringComparison.Ordinal));
    }

    public static TheoryData<TieStyle> Styles() => [.. Enum.GetValues<TieStyle>()];

    [Theory]
    [MemberData(nameof(Styles))]
    public void Tie_strokes_match_the_lines_the_screen_draws(TieStyle style)
    {
        var css = File.ReadAllText(Path.GetFullPath(Path.Combine(DemoStore.DemoFolder, "..", "..", "Patchwork.Web", "wwwroot", "app.css")));
        var rule = Regex.Match(css, $@"\.pw-tie-{TieStrokes.CssName(style)} \{{([^}}]*)\}}").Groups[1].Value;
        var stroke = TieStrokes.Of(style);

        Assert.Contains($"stroke: {stroke.Colour};", rule, StringComparison.Ordinal);
        Assert.Contains($"stroke-width: {stroke.Width.ToString(CultureInfo.InvariantCulture)};", rule, StringComparison.Ordinal);
        Assert.Equal(stroke.Dashes, Regex.Match(rule, "stroke-dasharray: ([^;]+);") is { Success: true } dashes ? dashes.Groups[1].Value : null);
    }

    [Fact]
    public async Task Write_labels_lines_with_the_diagrams_words_and_a_meetings_picture_labels_every_line()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);
        var homes = scene.Homes();
        var drawn = scene.Edges.Where(e => !(e.Relationship is Membership && homes.TryGetValue(e.From, out var home) && home == e.To)).ToList();

        var atDesk = Texts(XDocument.Parse(DiagramSvg.Write(scene, Marking)));
        var inMeeting = Texts(XDocument.Parse(DiagramSvg.Write(scene, Marking with { Audience = Audience.Meeting })));

        // The words are the ones the canvas writes on the same line (NetworkWords), not a second list of them.
        var always = drawn.Where(NetworkWords.AlwaysLabelled).Select(e => NetworkWords.TieLabel(e, scene)).ToList();
        Assert.NotEmpty(always);
        Assert.All(always, word => Assert.Contains(word, atDesk));
        Assert.DoesNotContain("lead for Ava Turner", atDesk);
        Assert.All(drawn.Where(NetworkWords.LabelledInRoom).Select(e => NetworkWords.TieLabel(e, scene)), word => Assert.Contains(word, inMeeting));
        Assert.Contains("lead for Ava Turner", inMeeting);
        // The lines to the agencies, named in each professional's box already, carry no words across the room's picture.
        Assert.Contains(drawn, e => e.Relationship is Employment);
        Assert.DoesNotContain("works for", inMeeting);
    }

    private static List<string> Texts(XDocument svg) => [.. svg.Descendants(Svg + "text").Select(t => t.Value)];
}
