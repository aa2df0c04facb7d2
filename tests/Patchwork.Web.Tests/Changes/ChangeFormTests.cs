using Bunit;
using Patchwork.Graph.Network;
using Patchwork.Web.Features.Changes;
using Patchwork.Web.Tests.Infrastructure;

namespace Patchwork.Web.Tests.Changes;

/// <summary>
/// The change dialogs' forms against the real domain and store: a message under the field that is wrong, and
/// nothing written. These tests write, so they have a demo store of their own rather than the shared one.
/// </summary>
public sealed class ChangeFormTests : BunitContext, IAsyncLifetime
{
    private readonly DemoStore demo = new();

    private static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await demo.InitializeAsync();
        this.AddTestServices();
        demo.AddChangeServices(Services, DemoStore.PractitionerEmail);
    }

    public new async ValueTask DisposeAsync()
    {
        await demo.DisposeAsync();
        await base.DisposeAsync();
    }

    private async Task<ChangeRequest> RequestAsync(ChangeKind kind, string personId = "P001", string name = "Ava Turner")
    {
        var viewer = await demo.ViewerAsync(DemoStore.PractitionerEmail);
        var picture = await demo.Network.OpenAsync(viewer, personId, DemoStore.Today, 1, Cancellation);
        return new ChangeRequest(kind, personId, name, picture.Revision.Number, picture.Team);
    }

    private async Task<IReadOnlyList<TeamMember>> AvaTeamAsync() => await demo.Store.GetTeamAsync("P001", DemoStore.Today, Cancellation);

    [Fact]
    public async Task Adding_to_the_team_without_a_professional_or_role_says_so_under_each_field_and_writes_nothing()
    {
        var before = (await AvaTeamAsync()).Count;
        var request = await RequestAsync(ChangeKind.AddToTeam);
        string? done = null;
        var form = Render<AddToTeamForm>(p => p.Add(f => f.Request, request).Add(f => f.OnDone, (string m) => done = m));

        await form.Find("form").SubmitAsync();

        Assert.Equal("Choose a professional.", form.Find("#ProfessionalId-error").TextContent);
        Assert.Contains("Say what their role is.", form.Markup, StringComparison.Ordinal);
        Assert.Null(done);
        Assert.Equal(before, (await AvaTeamAsync()).Count);
    }

    [Fact]
    public async Task A_second_lead_is_refused_under_the_lead_box_with_the_way_to_hand_over()
    {
        var request = await RequestAsync(ChangeKind.AddToTeam);
        var form = Render<AddToTeamForm>(p => p.Add(f => f.Request, request));
        form.Find("input[name=ProfessionalId-search]").Change("Helen Marsh");
        await form.FindAll("button").Single(b => b.TextContent == "Find").ClickAsync();
        form.Find("#role").Change("Family support worker");
        form.Find("input[name=Lead]").Change(true);

        await form.Find("form").SubmitAsync();

        Assert.Contains("already a lead professional, Sam Adeyemi", form.Find("#Lead-error").TextContent, StringComparison.Ordinal);
        Assert.Contains("Hand over the lead", form.Find("#Lead-error").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(await AvaTeamAsync(), m => m.Professional.Id == "PR006");
    }

    [Fact]
    public async Task Handing_the_lead_to_someone_new_asks_for_their_role_before_it_saves()
    {
        var request = await RequestAsync(ChangeKind.HandOverLead);
        var form = Render<HandOverLeadForm>(p => p.Add(f => f.Request, request));
        form.Find("input[name=ProfessionalId-search]").Change("Helen Marsh");
        await form.FindAll("button").Single(b => b.TextContent == "Find").ClickAsync();

        await form.Find("form").SubmitAsync();

        Assert.Contains("say what their role will be", form.Markup, StringComparison.Ordinal);
        Assert.Equal("PR001", (await AvaTeamAsync()).Single(m => m.IsLead).Professional.Id);
    }

    [Fact]
    public async Task A_handover_from_a_stale_view_shows_who_changed_it_and_asks_the_page_to_show_the_latest()
    {
        var request = await RequestAsync(ChangeKind.HandOverLead);
        var stale = false;
        var form = Render<HandOverLeadForm>(p => p.Add(f => f.Request, request).Add(f => f.OnStale, () => stale = true));
        var jo = await demo.ViewerAsync(DemoStore.CoordinatorEmail);
        await demo.Changes.HandOverLeadAsync(jo, "P001", request.Revision, new Patchwork.Graph.Changes.LeadHandover("PR003", DemoStore.Today), Cancellation);

        form.FindAll("input[type=radio]").Single(r => r.GetAttribute("value") == "PR002").Change(true);
        await form.Find("form").SubmitAsync();

        Assert.Contains("Jo Whitfield changed this network", form.Find(".pw-form-error").TextContent, StringComparison.Ordinal);
        Assert.True(stale);
        Assert.Equal("PR003", (await AvaTeamAsync()).Single(m => m.IsLead).Professional.Id);
    }

    [Fact]
    public async Task A_new_client_needs_a_name_and_the_practitioners_role()
    {
        var form = Render<AddPersonForm>();

        await form.Find("form").SubmitAsync();

        Assert.Contains("Enter a given name or a family name.", form.Markup, StringComparison.Ordinal);
        form.Find("#given-name").Change("Leo");
        await form.Find("form").SubmitAsync();
        Assert.Contains("Say what your role with them is", form.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#given-name", "Omar\u202Etxt.exe", "Contains a right-to-left override (U+202E), which can disguise text; remove it.")]
    [InlineData("#family-name", "Kh\u200Ban", "Contains a zero width space (U+200B), an invisible character that can hide text; remove it.")]
    public async Task A_name_with_a_hidden_character_is_refused_under_its_field_and_nobody_is_added(string field, string name, string message)
    {
        var before = (await demo.Store.GetStatsAsync(Cancellation)).Nodes["Person"];
        var form = Render<AddPersonForm>();
        form.Find("#given-name").Change("Leo");
        form.Find("#family-name").Change("Hart");
        form.Find(field).Change(name);
        form.Find("#my-role").Change("Social worker");

        await form.Find("form").SubmitAsync();

        var control = form.Find(field).Closest(".mud-input-control");
        Assert.NotNull(control);
        Assert.Contains(message, control.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, form.FindAll(".mud-input-error .mud-input-helper-text, .mud-input-helper-text.mud-input-error").Count(e => e.TextContent.Contains(message, StringComparison.Ordinal)));
        Assert.Equal(before, (await demo.Store.GetStatsAsync(Cancellation)).Nodes["Person"]);
    }

    [Theory]
    [InlineData("a          b          c d", "7 so far", "Say in a sentence why you need to see this network: at least 20 characters and four words, not counting extra spaces.")]
    [InlineData("Neighbour reported Edith\u202E has not been seen for a week.", "so far", "Contains a right-to-left override (U+202E), which can disguise text; remove it.")]
    public async Task Break_glass_refuses_padding_and_hidden_characters_under_the_reason_and_opens_nothing(string reason, string counter, string message)
    {
        var opened = false;
        var form = Render<Patchwork.Web.Features.Network.BreakGlassForm>(p => p.Add(f => f.PersonId, "P018").Add(f => f.OnGranted, () => opened = true));
        form.Find("#breakglass-reason").Input(reason);

        await form.Find("form").SubmitAsync();

        Assert.Contains(counter, form.Find("#breakglass-help").TextContent, StringComparison.Ordinal);
        Assert.Equal(message, form.Find("#breakglass-problem").TextContent);
        Assert.False(opened);
        var sam = await demo.ViewerAsync(DemoStore.PractitionerEmail);
        Assert.False((await demo.Service<Patchwork.Graph.Access.AccessPolicy>().NetworkAccessAsync(sam, "P018", Cancellation)).Allowed);
    }

    [Fact]
    public async Task Break_glass_with_a_real_reason_opens_the_network()
    {
        var opened = false;
        var form = Render<Patchwork.Web.Features.Network.BreakGlassForm>(p => p.Add(f => f.PersonId, "P018").Add(f => f.OnGranted, () => opened = true));
        form.Find("#breakglass-reason").Input("Neighbour reported Edith has not been seen for a week; finding her nurse.");

        await form.Find("form").SubmitAsync();

        Assert.True(opened);
        Assert.Empty(form.FindAll("#breakglass-problem"));
    }

    [Fact]
    public async Task A_concern_needs_a_sentence()
    {
        var request = await RequestAsync(ChangeKind.RaiseConcern);
        var form = Render<ConcernForm>(p => p.Add(f => f.Request, request));
        form.Find("textarea").Change("Sad");

        await form.Find("form").SubmitAsync();

        Assert.Contains("at least 10 characters", form.Markup, StringComparison.Ordinal);
    }
}
