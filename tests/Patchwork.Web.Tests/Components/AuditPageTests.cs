using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Patchwork.Graph.Audit;
using Patchwork.Web.Features.Audit;
using Patchwork.Web.Tests.Infrastructure;

namespace Patchwork.Web.Tests.Components;

/// <summary>The audit page on the demo district: for information governance only, and a refusal is recorded.</summary>
public sealed class AuditPageTests : BunitContext
{
    private readonly DemoStore demo;

    public AuditPageTests(DemoStore demo)
    {
        this.demo = demo;
        this.AddTestServices();
        Services.AddSingleton(demo.Service<AuditService>());
    }

    private static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_practitioner_is_told_the_trail_is_for_information_governance_and_the_attempt_is_recorded()
    {
        var before = await RefusalsAsync("audit:person:P001");

        var page = Open("/audit?person=P001", DemoStore.PractitionerEmail);

        page.WaitForAssertion(() => Assert.Contains("information governance officers only", page.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("table"));
        Assert.Equal(before + 1, await RefusalsAsync("audit:person:P001"));
    }

    private IRenderedComponent<AuditPage> Open(string address, string email)
    {
        Services.AddSingleton(demo.SignedIn(email));
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        return Render<AuditPage>();
    }

    private async Task<int> RefusalsAsync(string target) =>
        (await demo.Audit.RecentAsync(10_000, Cancellation)).Count(r => r.Entry.Action == AuditActions.Refused && r.Entry.Target == target && r.Entry.ActorName == "Sam Adeyemi");
}
