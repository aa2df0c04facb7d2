using Patchwork.Graph.Model;
using Patchwork.Graph.Network;
using Patchwork.Web.Features.Network;
using Patchwork.Web.Tests.Infrastructure;

namespace Patchwork.Web.Tests.Network;

public sealed class SceneTests(DemoStore demo)
{
    [Fact]
    public async Task Homes_draws_a_child_with_two_open_homes_in_one_of_them()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);

        var homes = scene.Homes();

        // Ava and Noah live at both H001 and H002; each is drawn inside one outline, the nearer (then by id).
        Assert.Equal(Demo.TurnerHousehold, homes[Demo.Ava]);
        Assert.Equal(Demo.TurnerHousehold, homes[Demo.Noah]);
        Assert.Equal(Demo.TurnerHousehold, homes[Demo.Chloe]);
        Assert.Equal(Demo.LiamsFlat, homes[Demo.Liam]);
        Assert.False(homes.ContainsKey(Demo.Margaret));
        Assert.Equal(2, scene.Edges.Count(e => e.Relationship is Membership && (e.From == Demo.Ava || e.From == Demo.Noah) && e.To == Demo.LiamsFlat));
    }

    [Fact]
    public async Task ChangeDays_are_the_days_each_tie_on_screen_began_and_ended()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);

        var days = scene.ChangeDays();

        // Ava's family ties begin on her birthday; Liam moved to 3 Canal Street, with Ava and Noah, on 1 Sep 2024.
        Assert.Contains(DemoStore.Day(2014, 3, 14), days);
        Assert.Contains(DemoStore.Day(2024, 9, 1), days);
        Assert.Equal(scene.Edges.Count + scene.Edges.Count(e => e.Relationship.Period.Until is not null), days.Count);
    }

    [Fact]
    public void Homes_lends_a_household_whose_members_are_all_drawn_elsewhere_one_who_lives_there_too()
    {
        // Ava and Noah live in both homes, and no one else from either is on screen.
        var since = DemoStore.Day(2024, 9, 1);
        var scene = HandMadeScene(
            [Person(Demo.Ava, "Ava", Gender.Female, ring: 0), Person(Demo.Noah, "Noah", Gender.Male, ring: 1), Home(Demo.TurnerHousehold), Home(Demo.LiamsFlat)],
            [
                new Membership(Demo.Ava.Id, Demo.TurnerHousehold.Id, new Period(since)),
                new Membership(Demo.Noah.Id, Demo.TurnerHousehold.Id, new Period(since)),
                new Membership(Demo.Ava.Id, Demo.LiamsFlat.Id, new Period(since)),
                new Membership(Demo.Noah.Id, Demo.LiamsFlat.Id, new Period(since)),
            ]);

        var homes = scene.Homes();

        // Both children live in both homes: one is drawn in each, so neither outline is empty.
        Assert.NotEqual(homes[Demo.Ava], homes[Demo.Noah]);
        Assert.Equal([Demo.TurnerHousehold, Demo.LiamsFlat], homes.Values.OrderBy(h => h.Id, StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Homes_ignores_a_membership_that_ended_in_the_last_30_days()
    {
        var scene = HandMadeScene(
            [Person(Demo.Liam, "Liam", Gender.Male, ring: 0), Home(Demo.TurnerHousehold), Home(Demo.LiamsFlat)],
            [
                new Membership(Demo.Liam.Id, Demo.LiamsFlat.Id, new Period(DemoStore.Today.AddDays(-10))),
            ],
            ended: [new Membership(Demo.Liam.Id, Demo.TurnerHousehold.Id, new Period(DemoStore.Day(2012, 1, 1), DemoStore.Today.AddDays(-10)))]);

        Assert.Equal(Demo.LiamsFlat, scene.Homes()[Demo.Liam]);
    }

    [Fact]
    public async Task AgencyOf_and_LeadsFocus_read_the_ties_on_screen()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);

        Assert.Equal("Northvale Children's Services", scene.AgencyOf(Demo.Sam)?.Name);
        Assert.True(scene.LeadsFocus(Demo.Sam));
        Assert.False(scene.LeadsFocus(Demo.Priya));
        Assert.Contains(Demo.Sam, scene.Neighbours(Demo.Ava));
        Assert.Contains(Demo.ChildrensServices, scene.Neighbours(Demo.Sam));
    }

    private static SceneNode Person(NodeRef node, string givenName, Gender gender, int ring) =>
        new(new NetworkNode(new Person(node.Id, givenName, "Turner", DemoStore.Day(2014, 3, 14), gender), ring, IsClient: false), ring == 0, Ended: false, MoreCount: 0);

    private static SceneNode Home(NodeRef node) =>
        new(new NetworkNode(new Household(node.Id, $"Household {node.Id}"), 1, IsClient: false), IsFocus: false, Ended: false, MoreCount: 0);

    private static Scene HandMadeScene(IReadOnlyList<SceneNode> nodes, IEnumerable<Relationship> current, IEnumerable<Relationship>? ended = null) =>
        new(
            DemoStore.Today,
            nodes.Single(n => n.IsFocus).Ref,
            nodes,
            [.. current.Select(r => new SceneEdge(r, EdgeChange.None)), .. (ended ?? []).Select(r => new SceneEdge(r, EdgeChange.Ended))],
            omittedFromOpen: 0);
}
