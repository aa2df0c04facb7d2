using Blazor.Diagrams.Core.Geometry;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Storage;
using Patchwork.Web.Auth;
using Patchwork.Web.Features.Errors;
using Patchwork.Web.Features.Network;
using Patchwork.Web.Startup;
using Patchwork.Web.Tests.Infrastructure;

namespace Patchwork.Web.Tests.Components;

/// <summary>
/// A graph database that does not answer shows as one banner (role=alert) over the page, instead of an error page
/// or a page that stops responding; it goes once the store answers again.
/// </summary>
public sealed class StoreBannerTests : BunitContext
{
    private readonly StoreReadiness readiness = new();
    private readonly SwitchableStore power;

    public StoreBannerTests(DemoStore demo)
    {
        this.AddTestServices();
        var (store, power) = SwitchableStore.Over(demo.Store);
        this.power = power;
        Services.AddSingleton(store);
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Services.AddSingleton<TimeProvider>(new FixedClock(DemoStore.Today));
        Services.AddSingleton(demo.Service<IAuditTrail>());
        Services.AddSingleton(demo.Service<IAccessGrants>());
        Services.AddSingleton(demo.Service<Patchwork.Graph.Changes.IInvitationStore>());
        Services.AddSingleton(demo.Service<Patchwork.Graph.Changes.IConcernStore>());
        Services.AddSingleton(demo.Service<Patchwork.Graph.Governance.IChangeLog>());
        Services.AddPatchworkDomain();
        Services.AddSingleton<AuthenticationStateProvider>(new SignedInAs(DemoStore.CoordinatorEmail));
        Services.AddSingleton(Options.Create(new OidcSettings()));
        Services.AddScoped<CurrentViewer>();
        Services.AddScoped<NetworkExplorer>();
        Services.AddSingleton(readiness);
        Services.AddScoped<StoreStatus>();
        // The diagram measures its canvas once it is drawn; a browser would answer with the canvas's box.
        JSInterop.Setup<Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true).SetResult(new Rectangle(0, 0, 1200, 800));
    }

    private IRenderedComponent<IComponent> RenderNetworkPage(string personId) => Render(b =>
    {
        // As the layout holds them: the banner above the page.
        b.OpenComponent<StoreBanner>(0);
        b.CloseComponent();
        b.OpenComponent<NetworkPage>(1);
        b.AddAttribute(2, nameof(NetworkPage.PersonId), personId);
        b.CloseComponent();
    });

    [Fact]
    public void Network_page_whose_store_does_not_answer_shows_the_banner_and_a_way_to_try_again()
    {
        readiness.MarkReady();
        power.Down = true;

        var page = RenderNetworkPage(Demo.Ava.Id);

        page.WaitForAssertion(() => Assert.Equal(StoreBanner.Message, page.Find("[role=alert]").TextContent.Trim()));
        Assert.Equal("The graph database is not answering. Patchwork is retrying; try again in a minute.", StoreBanner.Message);
        Assert.Single(page.FindAll("[role=alert]"));
        Assert.Equal("Network", page.Find("h1").TextContent);
        Assert.Contains("Try again", page.Find("button").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Trying_again_once_the_store_answers_opens_the_network_and_the_banner_goes()
    {
        readiness.MarkReady();
        power.Down = true;
        var page = RenderNetworkPage(Demo.Ava.Id);
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".pw-store-banner")));

        power.Down = false;
        page.Find("button").Click();

        // Opening the network after the retry draws the whole page: give a busy machine more than the default second.
        page.WaitForAssertion(() => Assert.StartsWith("Ava Turner", page.Find("h1").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Empty(page.FindAll(".pw-store-banner"));
    }

    [Fact]
    public async Task Banner_shows_on_every_page_until_the_store_is_ready_then_goes()
    {
        var banner = Render<StoreBanner>();
        Assert.Equal(StoreBanner.Message, banner.Find("[role=alert]").TextContent.Trim());

        // The start makes the store ready on a thread of its own.
        await Task.Run(readiness.MarkReady, Xunit.TestContext.Current.CancellationToken);

        banner.WaitForAssertion(() => Assert.Empty(banner.FindAll("[role=alert]")));
    }
}
