using Bunit;
using Patchwork.Web.Features.Changes;
using Patchwork.Web.Tests.Infrastructure;

namespace Patchwork.Web.Tests.Changes;

/// <summary>Recording a contact asks whether the child was seen, and seen alone, as statutory visits record them.</summary>
public sealed class ContactSeenFormTests : BunitContext, IAsyncLifetime
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

    private async Task<IRenderedComponent<ContactForm>> RenderAsync(ChangeKind kind, Action<string>? done = null)
    {
        var viewer = await demo.ViewerAsync(DemoStore.PractitionerEmail);
        var picture = await demo.Network.OpenAsync(viewer, "P001", DemoStore.Today, 1, Cancellation);
        var request = new ChangeRequest(kind, "P001", "Ava Turner", picture.Revision.Number, picture.Team);
        return Render<ContactForm>(p => p.Add(f => f.Request, request).Add(f => f.OnDone, (string m) => done?.Invoke(m)));
    }

    [Fact]
    public async Task Recording_a_contact_asks_child_seen_and_seen_alone_with_yes_no_and_not_applicable()
    {
        var form = await RenderAsync(ChangeKind.RecordContact);

        var seen = form.FindAll("fieldset").Where(f => f.QuerySelector("input[name=Seen], input[name=SeenAlone]") is not null).ToList();
        Assert.Equal(["Child seen", "Seen alone"], seen.Select(f => f.QuerySelector("legend")!.TextContent));
        Assert.Equal(["Yes", "No", "Not applicable"], seen[0].QuerySelectorAll("label").Select(l => l.TextContent.Trim()));
        Assert.Equal(3, form.FindAll("input[name=SeenAlone]").Count);
    }

    [Fact]
    public async Task Seen_alone_without_seen_is_refused_under_seen_alone_and_nothing_is_written()
    {
        var before = (await demo.Store.GetTeamAsync("P001", DemoStore.Today, Cancellation))[0].LastContact;
        string? done = null;
        var form = await RenderAsync(ChangeKind.RecordContact, m => done = m);

        form.FindAll("input[name=Seen]")[1].Change(true);
        form.FindAll("input[name=SeenAlone]")[0].Change(true);
        await form.Find("form").SubmitAsync();

        Assert.Equal("The child was seen alone, so they were seen: choose \"Yes\" for \"Child seen\" too.", form.Find("#SeenAlone-error").TextContent);
        Assert.Null(done);
        Assert.Equal(before, (await demo.Store.GetTeamAsync("P001", DemoStore.Today, Cancellation))[0].LastContact);
    }

    [Fact]
    public async Task Planning_a_visit_does_not_ask_whether_the_child_was_seen()
    {
        var form = await RenderAsync(ChangeKind.PlanVisit);

        Assert.Empty(form.FindAll("input[name=Seen], input[name=SeenAlone]"));
    }
}
