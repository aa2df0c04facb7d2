using Microsoft.Extensions.DependencyInjection;
using Patchwork.Graph.Access;
using Patchwork.Graph.Changes;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;
using Patchwork.Graph.Tests.Contract;
using static Patchwork.Graph.Tests.Access.BoundaryDistrict;

namespace Patchwork.Graph.Tests.Access;

/// <summary>
/// Every read method of <see cref="NetworkService"/> and the team activity of <see cref="ChangeService"/>, asked by
/// the outsider of the boundary district: no answer, serialised whole, holds any of its secrets. The insider and
/// the coordinator are asked the same, so each attack could fail. To add an attack, add a test here that asks a
/// read method as <see cref="Outsider"/> and passes its answer to <see cref="Keeps"/>.
/// </summary>
public sealed class ReadPathAttackTests : IAsyncLifetime
{
    private Governed governed = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private NetworkService Networks => governed.Networks;

    public async ValueTask InitializeAsync() => governed = await OpenAsync();

    public async ValueTask DisposeAsync() => await governed.DisposeAsync();

    [Fact]
    public async Task The_outsider_opens_Jades_network_and_learns_nothing_of_the_refuge_or_Sashas_involvement()
    {
        var picture = await Networks.OpenAsync(Viewer(Outsider), Jade, Today, 2, Ct);

        Keeps(AroundJadeToday, picture);
        Assert.Equal(3, picture.Team.Count(m => m.Redacted));
        Assert.All(picture.Network.Nodes.Where(n => n.Redacted), n => Assert.Equal(Redactor.SensitiveName, n.Node.DisplayName));
    }

    [Fact]
    public async Task The_outsider_opens_Jades_network_as_it_was_before_the_moves_and_learns_nothing_of_who_was_in_the_refuge_then()
    {
        var picture = await Networks.OpenAsync(Viewer(Outsider), Jade, BeforeTheMoves, 2, Ct);

        Keeps([.. ServiceBeforeTheMoves, .. SashaWithJade.Where(s => s != "Pemberton")], picture);
        // Nia was an ordinary community nurse then, and is shown as one: by name, without what she is today.
        var nia = Assert.Single(picture.Team, m => m.Professional.Id == MovedIn);
        Assert.Null(nia.Professional.JobTitle);
        Assert.Null(nia.Professional.Phone);
    }

    [Fact]
    public async Task The_outsider_sees_Mos_key_work_in_the_refuge_neither_as_ended_nor_anywhere_else()
    {
        // Mo's refuge involvement ended 16 days ago, inside the window of recent changes.
        var picture = await Networks.OpenAsync(Viewer(Outsider), Jade, Today, 1, Ct);

        Keeps(["Refuge key worker", .. TheRefuge], picture);
        Assert.DoesNotContain(picture.RecentlyEnded, e => e.FromId == MovedOut);
    }

    [Fact]
    public async Task The_outsider_opens_Milos_network_and_sees_Mo_as_the_health_visitor_he_is_today()
    {
        var picture = await Networks.OpenAsync(Viewer(Outsider), Milo, Today, 2, Ct);

        Keeps(ServiceToday, picture);
        Assert.Contains(picture.Team, m => m.Professional.DisplayName == "Mo Delacroix" && m.Involvement.Role == "Health visitor");
    }

    [Fact]
    public async Task A_meeting_shows_nothing_of_the_refuge_even_when_the_coordinator_presents()
    {
        var picture = await Networks.OpenAsync(Viewer(Coordinator), Jade, Today, 2, Audience.Meeting, Ct);

        Keeps(AroundJadeToday, picture);
    }

    [Fact]
    public async Task The_coordinator_sees_the_refuge_and_Sashas_involvement()
    {
        var picture = await Networks.OpenAsync(Viewer(Coordinator), Jade, Today, 2, Ct);

        Reveals("Hollis Brandt", picture);
        Reveals("Nia Castellano", picture);
        Reveals("Sexual health nurse", picture);
        Reveals("Harbour Light Refuge", picture);
    }

    [Fact]
    public async Task A_colleague_inside_the_refuge_who_breaks_glass_sees_its_workers()
    {
        await Networks.BreakGlassAsync(Viewer(Insider), Jade, "Jade has asked the refuge to join her team meeting today", Ct);

        var picture = await Networks.OpenAsync(Viewer(Insider), Jade, Today, 1, Ct);

        Reveals("Hollis Brandt", picture);
        Reveals("Nia Castellano", picture);
        Keeps(SashaWithJade, picture);
    }

    [Theory]
    [InlineData("person", Jade)]
    [InlineData("person", Milo)]
    [InlineData("household", Harrows)]
    [InlineData("professional", Outsider)]
    [InlineData("professional", MovedOut)]
    [InlineData("agency", ChildrensServices)]
    [InlineData("agency", CommunityHealth)]
    public async Task Every_step_out_the_outsider_can_take_keeps_the_refuge_hidden(string kind, string id)
    {
        var node = new NodeRef(Kind(kind), id);

        var step = await Networks.ExpandAsync(Viewer(Outsider), Jade, node, Today, Ct);

        Keeps(AroundJadeToday, step);
    }

    [Fact]
    public async Task A_step_out_from_Sasha_herself_shows_her_agency_not_her_involvement_with_Jade()
    {
        var step = await Networks.ExpandAsync(Viewer(Outsider), Jade, new NodeRef(NodeKind.Professional, SensitiveInvolvement), Today, Ct);

        Keeps([.. ServiceToday, "Sexual health nurse"], step);
        Assert.DoesNotContain(step.Nodes, n => n.Ref.Kind == NodeKind.Person);
    }

    [Theory]
    [InlineData("professional", RefugeWorker)]
    [InlineData("professional", Insider)]
    [InlineData("professional", MovedIn)]
    [InlineData("agency", Refuge)]
    [InlineData("professional", "sensitive-1")]
    public async Task A_step_out_from_something_hidden_answers_as_from_something_that_does_not_exist(string kind, string id)
    {
        var missing = await Assert.ThrowsAsync<NodeNotFoundException>(() =>
            Networks.ExpandAsync(Viewer(Outsider), Jade, new NodeRef(Kind(kind), "NOBODY"), Today, Ct));

        var hidden = await Assert.ThrowsAsync<NodeNotFoundException>(() =>
            Networks.ExpandAsync(Viewer(Outsider), Jade, new NodeRef(Kind(kind), id), Today, Ct));

        Assert.Equal(missing.Message.Replace("NOBODY", id, StringComparison.Ordinal), hidden.Message);
    }

    [Fact]
    public async Task An_export_with_every_step_asked_for_keeps_the_refuge_hidden()
    {
        NodeRef[] steps =
        [
            new(NodeKind.Person, Milo), new(NodeKind.Household, Harrows), new(NodeKind.Agency, CommunityHealth),
            new(NodeKind.Professional, "sensitive-1"), new(NodeKind.Professional, RefugeWorker), new(NodeKind.Agency, Refuge),
        ];

        var export = await Networks.ExportAsync(Viewer(Outsider), new NetworkExportRequest(Jade, Today, 2, steps, Audience.Viewer, "SVG"), Ct);

        Keeps(AroundJadeToday, export);
        Assert.Equal(3, export.Steps.Count);
    }

    [Fact]
    public async Task The_coordinators_export_holds_the_refuge()
    {
        var export = await Networks.ExportAsync(Viewer(Coordinator), new NetworkExportRequest(Jade, Today, 2, [new(NodeKind.Professional, RefugeWorker)], Audience.Viewer, "SVG"), Ct);

        Reveals("Hollis Brandt", export);
        Assert.Single(export.Steps);
    }

    [Theory]
    [InlineData(Audience.Viewer)]
    [InlineData(Audience.Meeting)]
    public async Task The_team_csv_keeps_the_refuge_hidden(Audience audience)
    {
        var csv = await Networks.ExportTeamCsvAsync(Viewer(Outsider), Jade, Today, audience, Ct);

        Keeps(AroundJadeToday, csv);
        Assert.Contains(Redactor.SensitiveName, csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_coordinators_team_csv_names_the_refuge_worker()
    {
        var csv = await Networks.ExportTeamCsvAsync(Viewer(Coordinator), Jade, Today, Audience.Viewer, Ct);

        Reveals("Hollis Brandt", csv);
    }

    [Theory]
    [InlineData("Harbour")]
    [InlineData("Light")]
    [InlineData("Refuge")]
    [InlineData("Ines")]
    [InlineData("Varga")]
    [InlineData("Hollis Brandt")]
    [InlineData("Brandt")]
    [InlineData("Nia")]
    [InlineData("Castellano")]
    [InlineData("Seaview")]
    [InlineData("B")]
    public async Task Search_does_not_find_the_refuge_or_its_workers_for_the_outsider(string text)
    {
        var hits = await Networks.SearchAsync(Viewer(Outsider), text, Ct);

        Keeps(ServiceToday, hits);
        Assert.DoesNotContain(hits, h => h.Ref.Id is Refuge or Insider or RefugeWorker or MovedIn);
    }

    [Theory]
    [InlineData(Insider, "Brandt", RefugeWorker)]
    [InlineData(Insider, "Harbour", Refuge)]
    [InlineData(Coordinator, "Castellano", MovedIn)]
    [InlineData(RefugeWorker, "Hollis", RefugeWorker)]
    public async Task Search_finds_the_refuge_for_those_inside_it(string viewer, string text, string expected)
    {
        var hits = await Networks.SearchAsync(Viewer(viewer), text, Ct);

        Assert.Contains(hits, h => h.Ref.Id == expected);
    }

    [Fact]
    public async Task Hidden_workers_never_shorten_or_reorder_the_outsiders_search_results()
    {
        // Six refuge workers named Quill would rank first (by name); fourteen ordinary Quills follow.
        static District Quills(bool withRefuge)
        {
            var district = new District().Agency("ord", "Ordinary Agency").Professional("viewer", "Val", "Viewer").WorksFor("viewer", "ord");
            if (withRefuge)
            {
                district.Agency("ref", "Quill Refuge", "domestic-abuse-refuge", sensitive: true);
                for (var i = 0; i < 6; i++)
                {
                    district.Professional($"hidden{i}", $"A{i}", "Quill", "Refuge Worker").WorksFor($"hidden{i}", "ref");
                }
            }

            for (var i = 0; i < 14; i++)
            {
                district.Professional($"shown{i:00}", $"Q{i:00}", "Quill", "Nurse").WorksFor($"shown{i:00}", "ord");
            }

            return district;
        }

        await using var with = await Governed.CreateAsync(Quills(withRefuge: true));
        await using var without = await Governed.CreateAsync(Quills(withRefuge: false));

        var hits = await with.Networks.SearchAsync(Governed.Practitioner("viewer"), "Quill", Ct);
        var expected = await without.Networks.SearchAsync(Governed.Practitioner("viewer"), "Quill", Ct);

        Assert.Equal(NetworkService.SearchResults, hits.Count);
        Assert.Equal(expected, hits);
        Keeps(["Refuge"], hits);
    }

    [Fact]
    public async Task Search_finds_Mo_who_left_the_refuge_as_what_he_is_today()
    {
        var hits = await Networks.SearchAsync(Viewer(Outsider), "Delacroix", Ct);

        var mo = Assert.Single(hits);
        Assert.Equal("Health Visitor", mo.Detail);
    }

    [Theory]
    [InlineData("agency", Refuge)]
    [InlineData("professional", Insider)]
    [InlineData("professional", RefugeWorker)]
    [InlineData("professional", MovedIn)]
    public async Task A_page_about_something_hidden_answers_as_one_about_something_that_does_not_exist(string kind, string id)
    {
        var described = await Networks.DescribeAsync(Viewer(Outsider), new NodeRef(Kind(kind), id), Ct);

        Assert.Null(described);
        Assert.Null(await Networks.DescribeAsync(Viewer(Outsider), new NodeRef(Kind(kind), "NOBODY"), Ct));
    }

    [Theory]
    [InlineData("household", Harrows)]
    [InlineData("professional", Outsider)]
    [InlineData("professional", SensitiveInvolvement)]
    [InlineData("professional", MovedOut)]
    [InlineData("agency", ChildrensServices)]
    [InlineData("agency", CommunityHealth)]
    public async Task A_page_about_something_ordinary_keeps_the_refuge_hidden(string kind, string id)
    {
        var described = await Networks.DescribeAsync(Viewer(Outsider), new NodeRef(Kind(kind), id), Ct);

        Assert.NotNull(described);
        Keeps([.. ServiceToday, .. MoInTheRefuge.Where(s => s != "Delacroix")], described);
    }

    [Theory]
    [InlineData(Insider, "agency", Refuge, "Harbour Light Refuge")]
    [InlineData(Insider, "professional", RefugeWorker, "Hollis Brandt")]
    [InlineData(Coordinator, "professional", MovedIn, "Nia Castellano")]
    [InlineData(MovedIn, "professional", MovedIn, "Nia Castellano")]
    public async Task A_page_about_the_refuge_opens_for_those_inside_it(string viewer, string kind, string id, string name)
    {
        var described = await Networks.DescribeAsync(Viewer(viewer), new NodeRef(Kind(kind), id), Ct);

        Assert.NotNull(described);
        Assert.Equal(name, described.Value.Node.DisplayName);
    }

    [Fact]
    public async Task Team_activity_names_no_refuge_worker_and_not_Sasha_to_the_outsider()
    {
        await RaiseConcernsAndInvitationsAsync();

        var activity = await governed.Services.GetRequiredService<ChangeService>().TeamActivityAsync(Viewer(Outsider), Jade, Ct);

        Keeps(AroundJadeToday, activity);
        Assert.Equal(3, activity.Concerns.Count);
        Assert.Contains(activity.Concerns, c => c.RaisedByName == "Oona Ashworth" && c.AgencyName == "Eastmere Children's Services");
        Assert.True(activity.ConcernFromSeveralAgencies);
        Assert.Equal(2, activity.Invitations.Count);
    }

    [Fact]
    public async Task Team_activity_names_the_refuge_worker_and_Sasha_to_the_coordinator()
    {
        await RaiseConcernsAndInvitationsAsync();

        var activity = await governed.Services.GetRequiredService<ChangeService>().TeamActivityAsync(Viewer(Coordinator), Jade, Ct);

        Reveals("Hollis Brandt", activity);
        Reveals("Harbour Light Refuge", activity);
        Reveals("Sasha Pemberton", activity);
        Reveals("Ines Varga", activity);
    }

    [Fact]
    public async Task An_invitation_from_a_refuge_worker_does_not_name_them_to_the_outsider_invited()
    {
        var invitations = governed.Services.GetRequiredService<IInvitationStore>();
        await invitations.AddAsync(new Invitation(0, Milo, Outsider, "Social worker", "Hollis here, from the refuge: can you join?", RefugeWorker, "Hollis Brandt", governed.Clock.GetUtcNow()), Ct);
        var changes = governed.Services.GetRequiredService<ChangeService>();

        var mine = await changes.MyInvitationsAsync(Viewer(Outsider), Ct);

        Keeps(ServiceToday, mine);
        Assert.Equal(Redactor.SensitiveName, Assert.Single(mine).Invitation.InvitedByName);
    }

    private static NodeKind Kind(string word) => KindNames.TryParseNodeKind(word, out var kind) ? kind : throw new ArgumentException($"No node kind '{word}'.", nameof(word));

    private async Task RaiseConcernsAndInvitationsAsync()
    {
        var concerns = governed.Services.GetRequiredService<IConcernStore>();
        var invitations = governed.Services.GetRequiredService<IInvitationStore>();
        var at = governed.Clock.GetUtcNow().AddDays(-2);
        await concerns.AddAsync(new Concern(0, Jade, RefugeWorker, "Hollis Brandt", Refuge, "Harbour Light Refuge", at, "Jade says her former partner has found out where she is staying."), Ct);
        await concerns.AddAsync(new Concern(0, Jade, SensitiveInvolvement, "Sasha Pemberton", CommunityHealth, "Eastmere Community Health", at, "Missed two appointments and did not reply to messages."), Ct);
        await concerns.AddAsync(new Concern(0, Jade, Outsider, "Oona Ashworth", ChildrensServices, "Eastmere Children's Services", at, "Milo was not collected from nursery on Tuesday."), Ct);
        await invitations.AddAsync(new Invitation(0, Jade, Insider, "Refuge manager", "Ines, could you join for the safety plan?", RefugeWorker, "Hollis Brandt", at), Ct);
        await invitations.AddAsync(new Invitation(0, Jade, MovedOut, "Health visitor", "Please join for Milo's checks.", Outsider, "Oona Ashworth", at), Ct);
    }
}
