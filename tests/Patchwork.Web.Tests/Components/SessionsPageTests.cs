using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Patchwork.Graph.Sessions;
using Patchwork.Web.Features.Admin;
using Patchwork.Web.Tests.Infrastructure;

namespace Patchwork.Web.Tests.Components;

/// <summary>The administrator's list of who is signed in, on the demo district (Lisa Holt is its administrator).</summary>
public sealed class SessionsPageTests : BunitContext
{
    private const string AdministratorEmail = "lisa.holt@northvale.gov.uk";
    private readonly DemoStore demo;

    public SessionsPageTests(DemoStore demo)
    {
        this.demo = demo;
        this.AddTestServices();
        Services.AddSingleton(demo.Service<SessionService>());
    }

    private static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_administrator_ends_a_persons_sessions_with_one_button()
    {
        var professionalId = $"PR-{Guid.NewGuid():N}";
        var sessions = demo.Service<SessionService>();
        var key = SessionService.NewKey();
        await sessions.StartAsync(key, professionalId, "Casey Someone", "casey@example.org", [1], Cancellation);
        Services.AddSingleton(demo.SignedIn(AdministratorEmail));
        var page = Render<SessionsPage>();

        page.FindAll("button").Single(b => b.TextContent == "End sessions of Casey Someone").Click();

        page.WaitForAssertion(() => Assert.Equal("Ended 1 session(s) of Casey Someone.", page.Find("p[role=status]").TextContent));
        Assert.Null(await sessions.ResumeAsync(key, Cancellation));
        Assert.DoesNotContain("Casey Someone", page.Find("table").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_practitioner_is_told_the_page_is_for_administrators()
    {
        Services.AddSingleton(demo.SignedIn(DemoStore.PractitionerEmail));

        var page = Render<SessionsPage>();

        Assert.Equal("Sessions are open to administrators only.", page.Find("p[role=alert]").TextContent);
        Assert.Empty(page.FindAll("table"));
    }
}
