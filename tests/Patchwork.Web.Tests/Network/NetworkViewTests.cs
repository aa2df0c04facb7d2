using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Changes;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;
using Patchwork.Graph.Storage;
using Patchwork.Web.Auth;
using Patchwork.Web.Features.Errors;
using Patchwork.Web.Features.Network;
using Patchwork.Web.Startup;
using Patchwork.Web.Tests.Infrastructure;

namespace Patchwork.Web.Tests.Network;

/// <summary>
/// A network view's life, as the network page and meeting mode both live it: each state it can be in, the redraw
/// when someone else changes the network, and the steps out taken and taken back.
/// </summary>
public sealed class NetworkViewTests(DemoStore demo) : IDisposable
{
    private readonly StoreStatus store = new(Ready());
    private readonly InProcessNetworkChangeFeed feed = new(NullLogger<InProcessNetworkChangeFeed>.Instance);
    private readonly List<ServiceProvider> providers = [];

    private NetworkView View(string email = DemoStore.CoordinatorEmail, TimeSpan? slowAfter = null) =>
        new(demo.Explorer(email), store, slowAfter);

    private static AddressReading Address(string personId, int depth = 1, params NodeRef[] steps) =>
        new(new NetworkAddress(personId, DemoStore.Today, depth, steps), [], 0);

    [Fact]
    public async Task Opening_Ava_draws_her_network_with_her_as_focus()
    {
        using var view = View();
        Assert.Equal(ViewState.Opening, view.State);

        await view.OpenAsync(Address(Demo.Ava.Id), Audience.Viewer);

        Assert.Equal(ViewState.Open, view.State);
        Assert.Equal("Ava Turner", view.Focus!.Name);
        Assert.NotNull(view.Scene!.Find(Demo.Chloe));
        Assert.True(view.IsShowing(Address(Demo.Ava.Id).Address));
        Assert.False(view.IsShowing(Address(Demo.Ava.Id, 2).Address));
    }

    [Fact]
    public async Task A_store_slow_to_answer_shows_as_slow_until_it_answers()
    {
        var (held, hold) = HeldStore.Over(demo.Store);
        using var view = new NetworkView(new NetworkExplorer(NetworkOver(held), SignedIn(held)), store, TimeSpan.FromMilliseconds(1));
        var seen = new List<ViewState>();
        view.Changed += () =>
        {
            seen.Add(view.State);
            hold.Release();
            return Task.CompletedTask;
        };

        await view.OpenAsync(Address(Demo.Ava.Id), Audience.Viewer);

        Assert.Equal([ViewState.Slow], seen);
        Assert.Equal(ViewState.Open, view.State);
    }

    [Fact]
    public async Task A_practitioner_off_the_team_is_refused_and_shown_nothing()
    {
        using var view = View(DemoStore.PractitionerEmail);

        // Edith Morley is on a district nurse's caseload, not Sam's.
        await view.OpenAsync(Address("P018"), Audience.Viewer);

        Assert.Equal(ViewState.Denied, view.State);
        Assert.Null(view.Scene);
        Assert.Null(view.Focus);
        Assert.Null(view.Problem);
    }

    [Fact]
    public async Task An_id_naming_nobody_is_not_found_for_a_coordinator_and_refused_for_a_practitioner()
    {
        using var coordinator = View();
        using var practitioner = View(DemoStore.PractitionerEmail);

        await coordinator.OpenAsync(Address("NOPE<b>"), Audience.Viewer);
        await practitioner.OpenAsync(Address("NOPE<b>"), Audience.Viewer);

        Assert.Equal(ViewState.NotFound, coordinator.State);
        Assert.StartsWith("There is no person with the id 'NOPE", coordinator.Problem, StringComparison.Ordinal);
        Assert.Equal(ViewState.Denied, practitioner.State);
        Assert.Null(practitioner.Problem);
    }

    [Fact]
    public async Task An_address_the_records_cannot_answer_says_what_is_wrong()
    {
        using var view = View();

        await view.OpenAsync(Address(Demo.Ava.Id, depth: 9), Audience.Viewer);

        Assert.Equal(ViewState.Problem, view.State);
        Assert.Equal("Depth must be between 0 and 4; 9 was asked for.", view.Problem);
        Assert.Null(view.Scene);
    }

    [Fact]
    public async Task A_store_that_does_not_answer_is_reported_and_trying_again_once_it_answers_opens_the_network()
    {
        var (switchable, power) = SwitchableStore.Over(demo.Store);
        using var view = new NetworkView(new NetworkExplorer(NetworkOver(switchable), SignedIn(switchable)), store);
        power.Down = true;

        await view.OpenAsync(Address(Demo.Ava.Id), Audience.Viewer);

        Assert.Equal(ViewState.StoreUnavailable, view.State);
        Assert.True(store.IsFailing);
        Assert.Null(view.Scene);

        power.Down = false;
        await view.ReopenAsync();

        Assert.Equal(ViewState.Open, view.State);
        Assert.False(store.IsFailing);
        Assert.Equal("Ava Turner", view.Focus!.Name);
    }

    [Fact]
    public async Task A_step_out_refused_by_an_unanswering_store_leaves_the_network_as_it_was()
    {
        var (switchable, power) = SwitchableStore.Over(demo.Store);
        using var view = new NetworkView(new NetworkExplorer(NetworkOver(switchable), SignedIn(switchable)), store);
        await view.OpenAsync(Address(Demo.Ava.Id), Audience.Viewer);
        var before = view.Scene;
        power.Down = true;

        Assert.False(await view.StepOutAsync(Demo.Margaret));

        Assert.Equal(ViewState.Open, view.State);
        Assert.Same(before, view.Scene);
        Assert.True(store.IsFailing);
        Assert.Empty(view.Expanded);
    }

    [Fact]
    public async Task A_change_to_someone_on_screen_redraws_and_says_who_made_it()
    {
        using var view = View();
        view.Listen(feed, work => work());
        await view.OpenAsync(Address(Demo.Ava.Id), Audience.Viewer);
        var before = view.Scene;
        var redrawn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        view.Changed += () =>
        {
            redrawn.TrySetResult();
            return Task.CompletedTask;
        };

        feed.Publish(new NetworkChanged(Demo.Chloe.Id, new NetworkRevision(99, "Priya Shah", new DateTimeOffset(2026, 7, 1, 9, 5, 0, TimeSpan.Zero))));
        await redrawn.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.NotSame(before, view.Scene);
        // 09:05 UTC is 10:05 in British Summer Time.
        Assert.Equal("Updated: Priya Shah changed this network at 10:05.", view.LiveNote);
        Assert.Equal(ViewState.Open, view.State);
    }

    [Fact]
    public async Task A_change_to_someone_not_on_screen_is_not_drawn()
    {
        using var view = View();
        var changed = 0;
        view.Listen(feed, work => work());
        await view.OpenAsync(Address(Demo.Ava.Id), Audience.Viewer);
        var before = view.Scene;
        view.Changed += () =>
        {
            changed++;
            return Task.CompletedTask;
        };

        feed.Publish(new NetworkChanged(Demo.Mason, new NetworkRevision(99, "Priya Shah", DateTimeOffset.UnixEpoch)));
        // The feed calls its handlers on the thread pool; a change that is drawn goes through the same feed, so a
        // second publication for Ava, which is drawn, shows when the first has been handled.
        var drawn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        view.Changed += () =>
        {
            drawn.TrySetResult();
            return Task.CompletedTask;
        };
        feed.Publish(new NetworkChanged(Demo.Ava.Id, new NetworkRevision(99, "Priya Shah", DateTimeOffset.UnixEpoch)));
        await drawn.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(1, changed);
        Assert.NotSame(before, view.Scene);
    }

    [Fact]
    public async Task A_live_redraw_on_a_shared_screen_stays_redacted_for_the_meeting()
    {
        using var meeting = View();
        using var desk = View();
        await meeting.OpenAsync(Address(Demo.Ava.Id, 1, Demo.Liam), Audience.Meeting);
        await desk.OpenAsync(Address(Demo.Ava.Id, 1, Demo.Liam), Audience.Viewer);
        // The coordinator at a desk sees the sensitive service around Liam by name, so its absence below means something.
        Assert.Contains(desk.Scene!.Nodes, n => n.Name.Contains("Pathways", StringComparison.Ordinal));

        var shared = meeting.Scene!.Nodes.Select(n => n.Ref).ToHashSet();

        await meeting.RefreshAsync();

        Assert.Equal(ViewState.Open, meeting.State);
        Assert.Contains(Demo.Liam, meeting.Expanded);
        Assert.DoesNotContain(meeting.Scene!.Nodes, n => n.Name.Contains("Pathways", StringComparison.Ordinal) || n.Name.Contains("Kieran", StringComparison.Ordinal));
        Assert.True(shared.SetEquals(meeting.Scene.Nodes.Select(n => n.Ref)), "the shared screen drew other nodes after the redraw");
    }

    [Fact]
    public async Task Steps_out_are_kept_in_order_and_taken_back_by_undo_and_by_stepping_back()
    {
        using var view = View();
        await view.OpenAsync(Address(Demo.Ava.Id), Audience.Viewer);

        Assert.True(await view.StepOutAsync(Demo.Margaret));
        Assert.Matches("^Stepped out from Margaret Hale: [1-9][0-9]* added\\.$", view.Announcement);
        Assert.NotNull(view.Scene!.Find(Demo.MargaretsHome));
        Assert.True(await view.StepOutAsync(Demo.Liam));
        Assert.Equal([Demo.Margaret, Demo.Liam], view.Shown!.Expansions);
        Assert.True(view.IsShowing(view.Current()));
        Assert.False(await view.StepOutAsync(Demo.Margaret));

        Assert.Equal(Demo.Liam, view.Undo());
        Assert.Equal("Took back the last step out.", view.Announcement);
        Assert.Equal([Demo.Margaret], view.Expanded);

        Assert.True(view.StepBack(Demo.Margaret));
        Assert.Equal("Stepped back from Margaret Hale.", view.Announcement);
        Assert.Empty(view.Expanded);
        Assert.Null(view.Scene!.Find(Demo.MargaretsHome));
        Assert.Null(view.Undo());
        Assert.False(view.StepBack(Demo.Margaret));
    }

    [Fact]
    public async Task The_address_of_the_view_keeps_its_steps_out_on_another_day_or_depth()
    {
        using var view = View();
        await view.OpenAsync(Address(Demo.Ava.Id), Audience.Viewer);
        await view.StepOutAsync(Demo.Margaret);

        Assert.Equal("/network/P001?expand=person%3AP005", view.CurrentUrl());
        Assert.Equal("/network/P001?asAt=2025-06-01&expand=person%3AP005", view.UrlFor(Demo.Ava.Id, asOf: new DateOnly(2025, 6, 1)));
        Assert.Equal("/network/P001?depth=2&expand=person%3AP005", view.UrlFor(Demo.Ava.Id, depth: 2));
    }

    [Fact]
    public async Task A_step_out_from_a_sensitive_placeholder_is_refused_with_a_reason_read_out()
    {
        using var view = View(DemoStore.PractitionerEmail);
        await view.OpenAsync(Address(Demo.Ava.Id, 1, Demo.Liam), Audience.Viewer);
        var placeholder = view.Scene!.Nodes.First(n => n.Node.Redacted);

        Assert.False(await view.StepOutAsync(placeholder.Ref));

        Assert.False(string.IsNullOrWhiteSpace(view.Announcement));
        Assert.DoesNotContain("Pathways", view.Announcement, StringComparison.Ordinal);
        Assert.DoesNotContain(placeholder.Ref, view.Expanded);
    }

    public void Dispose()
    {
        store.Dispose();
        foreach (var provider in providers)
        {
            provider.Dispose();
        }
    }

    private static StoreReadiness Ready()
    {
        var readiness = new StoreReadiness();
        readiness.MarkReady();
        return readiness;
    }

    /// <summary>The domain's network service as the app builds it, over a store standing in front of the demo's.</summary>
    private NetworkService NetworkOver(IGraphStore over)
    {
        var services = new ServiceCollection();
        services.AddSingleton(over);
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<TimeProvider>(new FixedClock(DemoStore.Today));
        services.AddSingleton(demo.Service<IAuditTrail>());
        services.AddSingleton(demo.Service<IAccessGrants>());
        services.AddSingleton(demo.Service<IInvitationStore>());
        services.AddSingleton(demo.Service<IConcernStore>());
        services.AddPatchworkDomain();
        var provider = services.BuildServiceProvider();
        providers.Add(provider);
        return provider.GetRequiredService<NetworkService>();
    }

    private static CurrentViewer SignedIn(IGraphStore over) =>
        new(new SignedInAs(DemoStore.CoordinatorEmail), over, Options.Create(new OidcSettings()));
}
