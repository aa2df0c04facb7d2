using Patchwork.Graph.Access;
using Patchwork.Graph.Model;
using Patchwork.Web.Features.Network;
using Patchwork.Web.Tests.Infrastructure;

namespace Patchwork.Web.Tests.Network;

/// <summary>Ava Turner's network in words, as the diagram's description, its lines and its arrow keys say it.</summary>
public sealed class NetworkWordsTests(DemoStore demo)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<Scene> SceneAsync(string email, Audience audience, string personId = "P001", params NodeRef[] steps)
    {
        var explorer = demo.Explorer(email);
        await explorer.OpenAsync(personId, DemoStore.Today, 1, steps, audience, Cancellation);
        return explorer.BuildScene();
    }

    [Fact]
    public async Task Avas_network_is_described_with_her_homes_family_team_and_lead()
    {
        var scene = await SceneAsync(DemoStore.PractitionerEmail, Audience.Viewer);

        Assert.Equal(
            "Ava Turner, 12, lives at 14 Elm Road with her mother Chloe and brother Noah; her father Liam lives at 3 Canal Street, also her home; "
            + "also family: her grandmother Margaret Hale; 3 professionals from 3 agencies; lead: Sam Adeyemi, Social Worker",
            NetworkWords.Describe(scene));
    }

    [Fact]
    public async Task Liams_sensitive_service_is_named_only_to_his_coordinator_at_a_desk()
    {
        var coordinator = NetworkWords.Describe(await SceneAsync(DemoStore.CoordinatorEmail, Audience.Viewer, Demo.Liam.Id));
        var meeting = NetworkWords.Describe(await SceneAsync(DemoStore.CoordinatorEmail, Audience.Meeting, Demo.Liam.Id));

        // The coordinator is entitled to the service by name, so its absence below is redaction, not chance.
        Assert.Contains("Kieran Lynch", coordinator, StringComparison.Ordinal);
        Assert.DoesNotContain("Kieran", meeting, StringComparison.Ordinal);
        Assert.DoesNotContain("Recovery", meeting, StringComparison.Ordinal);
        Assert.Contains("0 professionals from 0 agencies; a sensitive service is involved: contact via the coordinator; no lead professional", meeting, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_practitioner_reaching_liams_sensitive_service_by_arrow_key_or_its_line_learns_nothing_of_it()
    {
        var scene = await SceneAsync(DemoStore.PractitionerEmail, Audience.Viewer, "P001", Demo.Liam);
        var placeholder = scene.Nodes.Single(n => n.Node.Redacted);
        var line = scene.EdgesOf(placeholder.Ref).Single();

        var said = $"{NetworkWords.Arrived(placeholder.Ref, Demo.Liam, scene)} | {NetworkWords.TieLabel(line, scene)} | {NetworkWords.Arrived(Demo.Liam, placeholder.Ref, scene)}";

        Assert.Equal("A sensitive service is involved, sensitive service | sensitive service | Liam Turner, 39, sensitive service", said);
    }

    [Fact]
    public async Task A_meeting_description_gives_no_address()
    {
        var description = NetworkWords.Describe(await SceneAsync(DemoStore.PractitionerEmail, Audience.Meeting));

        Assert.StartsWith("Ava Turner, 12, lives in ", description, StringComparison.Ordinal);
        Assert.DoesNotContain("Elm Road", description, StringComparison.Ordinal);
        Assert.DoesNotContain("Canal Street", description, StringComparison.Ordinal);
        Assert.Contains("her mother Chloe and brother Noah", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_arrow_key_move_says_who_the_node_is_and_what_they_are_to_the_node_left()
    {
        var scene = await SceneAsync(DemoStore.PractitionerEmail, Audience.Viewer);

        Assert.Equal("Chloe Turner, 37, mother of Ava", NetworkWords.Arrived(Demo.Chloe, Demo.Ava, scene));
        Assert.Equal("Ava Turner, 12, daughter of Chloe", NetworkWords.Arrived(Demo.Ava, Demo.Chloe, scene));
        Assert.Equal("Noah Turner, 9, brother of Ava", NetworkWords.Arrived(Demo.Noah, Demo.Ava, scene));
        Assert.Equal("Margaret Hale, 70, grandmother of Ava", NetworkWords.Arrived(Demo.Margaret, Demo.Ava, scene));
        Assert.Equal("Sam Adeyemi, Social Worker, lead, Child protection social worker for Ava", NetworkWords.Arrived(Demo.Sam, Demo.Ava, scene));
        Assert.Equal("Northvale Police, employs Tom Reed", NetworkWords.Arrived(Demo.Police, Demo.Tom, scene));
        // No line between them: what Liam is to the focus.
        Assert.Equal("Liam Turner, 39, father of Noah", NetworkWords.Arrived(Demo.Liam, Demo.Noah, scene));
        Assert.Equal("Liam Turner, 39, father of Ava", NetworkWords.Arrived(Demo.Liam, Demo.Sam, scene));
    }

    [Fact]
    public async Task Every_line_of_avas_network_has_a_short_label_and_a_lead_line_says_whose_lead_it_is()
    {
        var scene = await SceneAsync(DemoStore.PractitionerEmail, Audience.Viewer, "P001", Demo.Chloe);
        var labels = scene.Edges.ToDictionary(e => e, e => NetworkWords.TieLabel(e, scene));

        Assert.All(labels, l => Assert.False(string.IsNullOrWhiteSpace(l.Value), $"{l.Key.Relationship.Key} has no label"));
        Assert.Equal("parent", labels.Single(l => l.Key.From == Demo.Chloe && l.Key.To == Demo.Ava).Value);
        Assert.Equal("grandparent", labels.Single(l => l.Key.From == Demo.Margaret && l.Key.To == Demo.Ava).Value);
        Assert.Equal("lead for Ava Turner", labels.Single(l => l.Key.From == Demo.Sam && l.Key.To == Demo.Ava).Value);
        // Ruth Evans leads Chloe's support, not Ava's: her line says so.
        Assert.Contains(labels, l => l.Key.To == Demo.Chloe && l.Value == "lead for Chloe Turner" && scene.Find(l.Key.From)!.Name == "Ruth Evans");
    }
}
