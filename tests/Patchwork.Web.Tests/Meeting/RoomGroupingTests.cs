using Patchwork.Graph.Access;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;
using Patchwork.Web.Features.Meeting;
using Patchwork.Web.Features.Network;
using Patchwork.Web.Tests.Infrastructure;

namespace Patchwork.Web.Tests.Meeting;

public sealed class RoomGroupingTests(DemoStore demo)
{
    [Fact]
    public async Task Group_keeps_the_family_and_the_focuss_professionals_and_groups_the_rest_beside_who_they_work_with()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);
        var ruth = scene.Nodes.Single(n => n.Name == "Ruth Evans").Ref;

        var picture = RoomGrouping.Group(scene, new HashSet<NodeRef>());

        Assert.All(scene.Nodes.Where(n => n.Ref.Kind is NodeKind.Person or NodeKind.Household), n => Assert.NotNull(picture.Shown.Find(n.Ref)));
        Assert.All(scene.Edges.Where(e => e.Relationship is Involvement && e.To == Demo.Ava), e => Assert.NotNull(picture.Shown.Find(e.From)));
        Assert.Null(picture.Shown.Find(ruth));
        var chloes = Assert.Single(picture.Groups, g => g.Beside == Demo.Chloe);
        Assert.Equal("+ 1 professional from 1 agency", chloes.Words);
        // No line of the picture ends at something it no longer draws.
        Assert.All(picture.Shown.Edges, e => Assert.True(picture.Shown.Find(e.From) is not null && picture.Shown.Find(e.To) is not null));
    }

    [Fact]
    public async Task Group_draws_the_professionals_of_a_group_the_presenter_opened()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);
        var ruth = scene.Nodes.Single(n => n.Name == "Ruth Evans").Ref;

        var picture = RoomGrouping.Group(scene, new HashSet<NodeRef> { Demo.Chloe });

        Assert.NotNull(picture.Shown.Find(ruth));
        Assert.DoesNotContain(picture.Groups, g => g.Beside == Demo.Chloe);
        Assert.Contains(picture.Groups, g => g.Beside == Demo.Liam);
    }

    [Fact]
    public void Group_counts_each_agency_once_keeps_an_agency_someone_still_drawn_works_for_and_counts_a_hidden_service_only_as_one()
    {
        var since = new Period(new DateOnly(2025, 1, 1), null);
        var focus = new Person("p1", "Focus", "", new DateOnly(2015, 1, 1), Gender.Female);
        var mother = new Person("p2", "Mother", "", new DateOnly(1985, 1, 1), Gender.Female);
        var professionals = Enumerable.Range(1, 4).Select(i => new Professional($"w{i}", $"Worker {i}", "", "Worker")).ToList();
        var agencies = new[] { new Agency("a1", "Health", "health"), new Agency("a2", "Housing", "housing") };
        var nodes = new List<SceneNode> { Node(focus, focus: true), Node(mother) };
        nodes.AddRange(professionals.Select(p => Node(p)));
        nodes.AddRange(agencies.Select(a => Node(a)));
        var placeholder = Redactor.Placeholder(1);
        nodes.Add(new SceneNode(new NetworkNode(placeholder, 1, false, Redacted: true), false, false, 0));
        var edges = new List<SceneEdge>
        {
            Edge(new FamilyTie("p2", "p1", FamilyKind.Parent, since)),
            Edge(new Involvement("w1", "p1", "Worker", true, false, since)),
            Edge(new Employment("w1", "a1", "", since)),
        };
        foreach (var worker in professionals.Skip(1))
        {
            edges.Add(Edge(new Involvement(worker.Id, "p2", "Worker", false, false, since)));
        }

        edges.Add(Edge(new Involvement(placeholder.Id, "p2", Redactor.SensitiveRole, false, true, since)));
        edges.Add(Edge(new Employment("w2", "a1", "", since)));
        edges.Add(Edge(new Employment("w3", "a2", "", since)));
        edges.Add(Edge(new Employment("w4", "a2", "", since)));
        var scene = new Scene(DemoStore.Today, focus.Ref, nodes, edges, 0);

        var picture = RoomGrouping.Group(scene, new HashSet<NodeRef>());

        var group = Assert.Single(picture.Groups);
        Assert.Equal("+ 3 professionals from 2 agencies and a sensitive service", group.Words);
        Assert.Equal(3, group.Professionals);
        Assert.Equal(1, group.SensitiveServices);
        Assert.Null(picture.Shown.Find(placeholder.Ref));
        Assert.NotNull(picture.Shown.Find(agencies[0].Ref));
        Assert.Null(picture.Shown.Find(agencies[1].Ref));
    }

    [Fact]
    public async Task RoomPictures_draws_the_whole_network_until_crowded_then_groups_and_opens_a_group_on_request()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);
        var ruth = scene.Nodes.Single(n => n.Name == "Ruth Evans").Ref;
        var pictures = new RoomPictures();

        Assert.Same(scene, pictures.Of(scene).Shown);
        Assert.False(pictures.Open(Demo.Chloe));

        Assert.True(pictures.MarkCrowded(scene));
        var grouped = pictures.Of(scene);
        Assert.Same(grouped, pictures.Of(scene));
        Assert.Null(grouped.Shown.Find(ruth));
        Assert.False(pictures.MarkCrowded(scene));

        Assert.True(pictures.Open(Demo.Chloe));
        Assert.NotNull(pictures.Of(scene).Shown.Find(ruth));
        Assert.DoesNotContain(pictures.Of(scene).Groups, g => g.Beside == Demo.Chloe);

        pictures.Reset();
        Assert.Same(scene, pictures.Of(scene).Shown);
    }

    [Fact]
    public void RoomPictures_a_crowded_network_with_nobody_to_group_leaves_the_picture_as_it_is()
    {
        var focus = new Person("p1", "Focus", "", new DateOnly(2015, 1, 1), Gender.Female);
        var worker = new Professional("w1", "Worker", "", "Worker");
        var scene = new Scene(DemoStore.Today, focus.Ref, [Node(focus, focus: true), Node(worker)],
            [Edge(new Involvement("w1", "p1", "Worker", true, false, new Period(new DateOnly(2025, 1, 1), null)))], 0);
        var pictures = new RoomPictures();

        Assert.False(pictures.MarkCrowded(scene));
        Assert.Empty(pictures.Of(scene).Groups);
        Assert.Equal(scene.Nodes.Count, pictures.Of(scene).Shown.Nodes.Count);
    }

    private static SceneNode Node(Node node, bool focus = false) => new(new NetworkNode(node, focus ? 0 : 1, false), focus, false, 0);

    private static SceneEdge Edge(Relationship relationship) => new(relationship, EdgeChange.None);
}
