using Patchwork.Graph.Model;
using Patchwork.Web.Features.Network;
using Patchwork.Web.Tests.Infrastructure;

namespace Patchwork.Web.Tests.Network;

public sealed class NetworkExplorerTests(DemoStore demo)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<NetworkExplorer> OpenAvaAsync(int depth = 1)
    {
        var explorer = demo.Explorer();
        await explorer.OpenAsync(Demo.Ava.Id, DemoStore.Today, depth, [], Cancellation);
        return explorer;
    }

    [Fact]
    public async Task BuildScene_Ava_at_depth_one_shows_her_family_homes_team_and_their_agencies()
    {
        var scene = (await OpenAvaAsync()).BuildScene();

        Assert.Equal(Demo.Ava, scene.Focus);
        Assert.True(scene.Find(Demo.Ava)!.IsFocus);
        foreach (var node in new[] { Demo.Chloe, Demo.Noah, Demo.Liam, Demo.Margaret, Demo.TurnerHousehold, Demo.LiamsFlat, Demo.Sam, Demo.Priya, Demo.Tom, Demo.ChildrensServices, Demo.Police })
        {
            Assert.NotNull(scene.Find(node));
        }

        // Margaret's own home is a step further out; Helen's involvement ended long before today.
        Assert.Null(scene.Find(Demo.MargaretsHome));
        Assert.Null(scene.Find(Demo.Helen));
        Assert.All(scene.Edges, e => Assert.True(scene.Find(e.From) is not null && scene.Find(e.To) is not null, $"{e.Relationship.Key} has an end off screen"));
    }

    [Fact]
    public async Task ExpandAsync_Margaret_adds_her_household_and_records_the_step()
    {
        var explorer = await OpenAvaAsync();

        Assert.True(await explorer.ExpandAsync(Demo.Margaret, Cancellation));

        var scene = explorer.BuildScene();
        Assert.NotNull(scene.Find(Demo.MargaretsHome));
        Assert.Contains(scene.Edges, e => e.Relationship is Membership && e.From == Demo.Margaret && e.To == Demo.MargaretsHome);
        Assert.True(explorer.CanUndo);
        Assert.True(explorer.IsExpanded(Demo.Margaret));
        Assert.Equal([Demo.Margaret], explorer.Steps.Select(s => s.Node));
    }

    [Fact]
    public async Task A_child_reached_by_stepping_out_shows_their_status_in_the_scene_as_one_in_the_first_circle_does()
    {
        // Reece's partner is Kayden's mother; Kayden, looked after, is a step further out.
        var explorer = demo.Explorer();
        await explorer.OpenAsync("P026", DemoStore.Today, 1, [], Cancellation);
        var kayden = new NodeRef(NodeKind.Person, "P023");
        Assert.Null(explorer.BuildScene().Find(kayden));

        Assert.True(await explorer.ExpandAsync(new NodeRef(NodeKind.Person, "P025"), Cancellation));

        var scene = explorer.BuildScene();
        Assert.NotNull(scene.Find(kayden));
        var status = Assert.Single(scene.StatusesOf(kayden));
        Assert.Equal(CareStatus.LookedAfter, status.Status.Status);
        Assert.Empty(scene.StatusesOf(new NodeRef(NodeKind.Person, "P024")));
        // Taking the step back takes its statuses with it.
        explorer.Undo();
        Assert.Empty(explorer.BuildScene().StatusesOf(kayden));
    }

    [Fact]
    public async Task ExpandAsync_a_node_already_expanded_or_not_on_screen_does_nothing()
    {
        var explorer = await OpenAvaAsync();
        await explorer.ExpandAsync(Demo.Margaret, Cancellation);

        Assert.False(await explorer.ExpandAsync(Demo.Margaret, Cancellation));
        Assert.False(await explorer.ExpandAsync(new NodeRef(NodeKind.Person, Demo.Mason), Cancellation));
        Assert.Single(explorer.Steps);
    }

    [Fact]
    public async Task Undo_takes_back_the_last_step_out_only()
    {
        var explorer = await OpenAvaAsync();
        var before = explorer.BuildScene().Nodes.Select(n => n.Ref).ToHashSet();
        await explorer.ExpandAsync(Demo.Sam, Cancellation);
        await explorer.ExpandAsync(Demo.Margaret, Cancellation);

        Assert.True(explorer.Undo());

        Assert.Equal([Demo.Sam], explorer.Steps.Select(s => s.Node));
        Assert.Null(explorer.BuildScene().Find(Demo.MargaretsHome));
        Assert.True(explorer.Undo());
        Assert.Equal(before, explorer.BuildScene().Nodes.Select(n => n.Ref).ToHashSet());
        Assert.False(explorer.Undo());
    }

    [Fact]
    public async Task Collapse_removes_the_step_and_later_steps_from_nodes_only_it_brought_in()
    {
        var explorer = await OpenAvaAsync();
        await explorer.ExpandAsync(Demo.Margaret, Cancellation);
        await explorer.ExpandAsync(Demo.MargaretsHome, Cancellation);
        await explorer.ExpandAsync(Demo.Sam, Cancellation);

        Assert.True(explorer.Collapse(Demo.Margaret));

        // Margaret's home came only with her step, so the step out from it would be an island: it goes too.
        Assert.Equal([Demo.Sam], explorer.Steps.Select(s => s.Node));
        Assert.Null(explorer.BuildScene().Find(Demo.MargaretsHome));
        Assert.False(explorer.Collapse(Demo.Margaret));
    }

    [Fact]
    public async Task Collapse_keeps_later_steps_from_nodes_that_were_on_screen_anyway()
    {
        var explorer = await OpenAvaAsync();
        await explorer.ExpandAsync(Demo.Liam, Cancellation);
        await explorer.ExpandAsync(Demo.Chloe, Cancellation);

        Assert.True(explorer.Collapse(Demo.Liam));

        Assert.Equal([Demo.Chloe], explorer.Steps.Select(s => s.Node));
    }

    [Fact]
    public async Task Hiding_an_agency_kind_hides_those_agencies_and_the_professionals_who_work_only_for_them()
    {
        var explorer = await OpenAvaAsync();

        explorer.Filter.HiddenAgencyKinds.Add("police");
        var scene = explorer.BuildScene();

        Assert.Null(scene.Find(Demo.Police));
        Assert.Null(scene.Find(Demo.Tom));
        Assert.NotNull(scene.Find(Demo.Sam));
        Assert.NotNull(scene.Find(Demo.ChildrensServices));
        Assert.DoesNotContain(scene.Edges, e => e.From == Demo.Tom || e.To == Demo.Tom || e.To == Demo.Police);
        Assert.Contains("police", explorer.AgencyKinds());
    }

    [Fact]
    public async Task Hiding_involvements_leaves_no_professional_or_agency_adrift_from_the_family()
    {
        var explorer = await OpenAvaAsync();

        explorer.Filter.HiddenTypes.Add(RelationshipType.InvolvedWith);
        var scene = explorer.BuildScene();

        Assert.DoesNotContain(scene.Nodes, n => n.Ref.Kind is NodeKind.Professional or NodeKind.Agency);
        Assert.DoesNotContain(scene.Edges, e => e.Relationship is Involvement or Employment);
        Assert.NotNull(scene.Find(Demo.Chloe));
    }

    [Fact]
    public async Task Hiding_family_ties_keeps_the_people_who_share_a_home()
    {
        var explorer = await OpenAvaAsync();

        explorer.Filter.HiddenTypes.Add(RelationshipType.Family);
        var scene = explorer.BuildScene();

        Assert.DoesNotContain(scene.Edges, e => e.Relationship is FamilyTie);
        Assert.NotNull(scene.Find(Demo.Chloe));
        Assert.NotNull(scene.Find(Demo.Liam));
        // Margaret does not live with Ava: with family ties hidden nothing links her to this network.
        Assert.Null(scene.Find(Demo.Margaret));
    }

    [Fact]
    public async Task OpenAsync_replays_steps_from_a_bookmarked_link()
    {
        var explorer = demo.Explorer();

        await explorer.OpenAsync(Demo.Ava.Id, DemoStore.Today, 1, [Demo.Margaret, Demo.MargaretsHome], Cancellation);

        Assert.Equal([Demo.Margaret, Demo.MargaretsHome], explorer.Steps.Select(s => s.Node));
        Assert.NotNull(explorer.BuildScene().Find(Demo.MargaretsHome));
    }

    [Fact]
    public async Task BuildScene_a_year_ago_shows_the_team_of_that_day()
    {
        var yearAgo = DemoStore.Today.AddYears(-1);
        var scene = await demo.SceneAsync(Demo.Ava.Id, asOf: yearAgo);

        // In the data: Tom Reed has been involved since 2026-04-20; Helen Marsh led from 2024-10-01 to 2025-10-01.
        Assert.Null(scene.Find(Demo.Tom));
        Assert.NotNull(scene.Find(Demo.Helen));
        Assert.True(scene.LeadsFocus(Demo.Helen));
        Assert.False(scene.LeadsFocus(Demo.Sam));
    }

    [Fact]
    public async Task BuildScene_before_Liam_moved_out_draws_him_at_the_Turner_household()
    {
        // Liam lived at H001 until 2024-09-01, when he moved to H002 and the children began living between both.
        var scene = await demo.SceneAsync(Demo.Ava.Id, asOf: DemoStore.Day(2024, 8, 31));

        Assert.Null(scene.Find(Demo.LiamsFlat));
        Assert.Equal(Demo.TurnerHousehold, scene.Homes()[Demo.Liam]);
        Assert.Contains(scene.Edges, e => e.Relationship is FamilyTie { Kind: FamilyKind.Partner } && e.From == Demo.Chloe && e.To == Demo.Liam);
    }

    [Fact]
    public async Task BuildScene_shows_what_ended_in_the_last_30_days_faded_unless_filtered_out()
    {
        // Evie Marshall's lead (Marcus Bell, PR008) ended 17 days before the reference date.
        var explorer = demo.Explorer();
        await explorer.OpenAsync("P050", DemoStore.Today, 1, [], Cancellation);
        var marcus = new NodeRef(NodeKind.Professional, "PR008");

        var ended = explorer.BuildScene();
        Assert.True(ended.Find(marcus)!.Ended);
        Assert.Contains(ended.Edges, e => e.From == marcus && e.Change == EdgeChange.Ended);

        explorer.Filter.ShowEnded = false;
        Assert.Null(explorer.BuildScene().Find(marcus));
    }
}
