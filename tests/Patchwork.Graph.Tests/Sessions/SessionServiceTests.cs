using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Model;
using Patchwork.Graph.Sessions;
using Patchwork.Graph.Tests.Access;
using Patchwork.Graph.Tests.Contract;

namespace Patchwork.Graph.Tests.Sessions;

/// <summary>Sessions kept in the SQLite governance store, under the default lifetime rules (30 minutes idle, 10 hours in all).</summary>
public sealed class SessionServiceTests
{
    private static readonly byte[] Ticket = [1, 2, 3, 4];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SessionService Sessions(Governed governed) => governed.Services.GetRequiredService<SessionService>();

    [Fact]
    public async Task A_started_session_resumes_with_its_ticket_and_who_it_is()
    {
        await using var governed = await Governed.CreateAsync(new District());
        var key = SessionService.NewKey();
        await Sessions(governed).StartAsync(key, "sw", "Sam Adeyemi", "sam@example.org", Ticket, Ct);

        var resumed = await Sessions(governed).ResumeAsync(key, Ct);

        Assert.NotNull(resumed);
        Assert.Equal(Ticket, resumed.Ticket);
        Assert.Equal("sw", resumed.Session.ProfessionalId);
        Assert.Equal("Sam Adeyemi", resumed.Session.Name);
        Assert.Equal(governed.Clock.Now, resumed.Session.CreatedAt);
        Assert.Equal(governed.Clock.Now + TimeSpan.FromHours(10), resumed.Session.ExpiresAt);
    }

    [Fact]
    public async Task Ending_by_provider_session_ends_exactly_the_sessions_started_from_it()
    {
        await using var governed = await Governed.CreateAsync(new District());
        var (laptop, tablet, other, unnamed) = (SessionService.NewKey(), SessionService.NewKey(), SessionService.NewKey(), SessionService.NewKey());
        await Sessions(governed).StartAsync(laptop, "sw", "Sam", null, Ticket, sid: "provider-session-1", Ct);
        await Sessions(governed).StartAsync(tablet, "sw", "Sam", null, Ticket, sid: "provider-session-1", Ct);
        await Sessions(governed).StartAsync(other, "sw", "Sam", null, Ticket, sid: "provider-session-2", Ct);
        await Sessions(governed).StartAsync(unnamed, "sw", "Sam", null, Ticket, Ct);

        var ended = await Sessions(governed).EndBySidAsync("provider-session-1", "signed out at the identity provider", Ct);

        Assert.Equal(new[] { laptop, tablet }.Order(StringComparer.Ordinal), ended.Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.All(ended, s => Assert.Equal("provider-session-1", s.Sid));
        Assert.Null(await Sessions(governed).ResumeAsync(laptop, Ct));
        Assert.Null(await Sessions(governed).ResumeAsync(tablet, Ct));
        Assert.Equal("provider-session-2", (await Sessions(governed).ResumeAsync(other, Ct))?.Session.Sid);
        Assert.NotNull(await Sessions(governed).ResumeAsync(unnamed, Ct));
        Assert.Empty(await Sessions(governed).EndBySidAsync("provider-session-1", "again", Ct));
    }

    [Fact]
    public void New_keys_are_long_and_never_repeat()
    {
        var keys = Enumerable.Range(0, 1000).Select(_ => SessionService.NewKey()).ToList();

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, key => Assert.Equal(43, key.Length));
    }

    [Fact]
    public async Task An_unknown_key_resumes_nothing()
    {
        await using var governed = await Governed.CreateAsync(new District());

        Assert.Null(await Sessions(governed).ResumeAsync("no-such-session", Ct));
    }

    [Fact]
    public async Task A_session_not_used_for_the_idle_timeout_ends()
    {
        await using var governed = await Governed.CreateAsync(new District());
        var key = SessionService.NewKey();
        await Sessions(governed).StartAsync(key, "sw", "Sam", null, Ticket, Ct);

        governed.Clock.Now += TimeSpan.FromMinutes(29);
        Assert.NotNull(await Sessions(governed).ResumeAsync(key, Ct));
        governed.Clock.Now += TimeSpan.FromMinutes(30);

        Assert.Null(await Sessions(governed).ResumeAsync(key, Ct));
        var stored = await governed.Services.GetRequiredService<ISessionStore>().FindSessionAsync(key, Ct);
        Assert.Equal(governed.Clock.Now, stored!.Session.EndedAt);
        Assert.Equal("not used for 30 minute(s)", stored.Session.EndReason);
        Assert.Empty(stored.Ticket);
    }

    [Fact]
    public async Task Using_a_session_keeps_it_going_past_the_idle_timeout()
    {
        await using var governed = await Governed.CreateAsync(new District());
        var key = SessionService.NewKey();
        await Sessions(governed).StartAsync(key, "sw", "Sam", null, Ticket, Ct);

        for (var i = 0; i < 8; i++)
        {
            governed.Clock.Now += TimeSpan.FromMinutes(20);
            Assert.NotNull(await Sessions(governed).ResumeAsync(key, Ct));
        }
    }

    [Fact]
    public async Task Working_on_an_open_page_counts_as_use()
    {
        await using var governed = await Governed.CreateAsync(new District());
        var key = SessionService.NewKey();
        await Sessions(governed).StartAsync(key, "sw", "Sam", null, Ticket, Ct);

        governed.Clock.Now += TimeSpan.FromMinutes(25);
        Assert.True(await Sessions(governed).TouchAsync(key, Ct));
        governed.Clock.Now += TimeSpan.FromMinutes(25);

        Assert.True(await Sessions(governed).IsActiveAsync(key, Ct));
    }

    [Fact]
    public async Task Checking_an_open_page_does_not_count_as_use()
    {
        await using var governed = await Governed.CreateAsync(new District());
        var key = SessionService.NewKey();
        await Sessions(governed).StartAsync(key, "sw", "Sam", null, Ticket, Ct);

        governed.Clock.Now += TimeSpan.FromMinutes(25);
        Assert.True(await Sessions(governed).IsActiveAsync(key, Ct));
        governed.Clock.Now += TimeSpan.FromMinutes(25);

        Assert.False(await Sessions(governed).IsActiveAsync(key, Ct));
    }

    [Fact]
    public async Task A_session_ends_at_its_absolute_lifetime_however_busy()
    {
        await using var governed = await Governed.CreateAsync(new District());
        var key = SessionService.NewKey();
        await Sessions(governed).StartAsync(key, "sw", "Sam", null, Ticket, Ct);
        for (var i = 0; i < 39; i++)
        {
            governed.Clock.Now += TimeSpan.FromMinutes(15);
            Assert.NotNull(await Sessions(governed).ResumeAsync(key, Ct));
        }

        governed.Clock.Now += TimeSpan.FromMinutes(15);

        Assert.Null(await Sessions(governed).ResumeAsync(key, Ct));
        var stored = await governed.Services.GetRequiredService<ISessionStore>().FindSessionAsync(key, Ct);
        Assert.Equal("10 hour(s) after sign-in", stored!.Session.EndReason);
    }

    [Fact]
    public async Task A_signed_out_session_does_not_resume_or_take_a_new_ticket()
    {
        await using var governed = await Governed.CreateAsync(new District());
        var key = SessionService.NewKey();
        await Sessions(governed).StartAsync(key, "sw", "Sam", null, Ticket, Ct);

        Assert.True(await Sessions(governed).EndAsync(key, cancellationToken: Ct));

        Assert.Null(await Sessions(governed).ResumeAsync(key, Ct));
        Assert.False(await Sessions(governed).RenewAsync(key, [9], Ct));
        Assert.False(await Sessions(governed).EndAsync(key, cancellationToken: Ct));
        var stored = await governed.Services.GetRequiredService<ISessionStore>().FindSessionAsync(key, Ct);
        Assert.Equal(SessionService.SignedOut, stored!.Session.EndReason);
    }

    [Fact]
    public async Task Ending_a_professionals_sessions_ends_all_of_theirs_only_and_is_audited()
    {
        await using var governed = await Governed.CreateAsync(new District());
        var sessions = Sessions(governed);
        string[] sams = [SessionService.NewKey(), SessionService.NewKey()];
        var jos = SessionService.NewKey();
        foreach (var key in sams)
        {
            await sessions.StartAsync(key, "sw", "Sam", null, Ticket, Ct);
        }

        await sessions.StartAsync(jos, "co", "Jo", null, Ticket, Ct);

        var ended = await sessions.EndAllAsync("sw", "admin", "Alex Admin", Ct);

        Assert.Equal(sams.Order(StringComparer.Ordinal), ended.Select(s => s.Key).Order(StringComparer.Ordinal));
        foreach (var key in sams)
        {
            Assert.Null(await sessions.ResumeAsync(key, Ct));
        }

        Assert.NotNull(await sessions.ResumeAsync(jos, Ct));
        var stored = await governed.Services.GetRequiredService<ISessionStore>().FindSessionAsync(sams[0], Ct);
        Assert.Equal("ended by Alex Admin", stored!.Session.EndReason);
        var audit = Assert.Single(await governed.Audit.RecentAsync(10, Ct), r => r.Entry.Action == AuditActions.EndSessions);
        Assert.Equal("admin", audit.Entry.Actor);
        Assert.Equal("professional:sw", audit.Entry.Target);
        Assert.Equal("2 session(s) ended", audit.Entry.Details);
    }

    [Fact]
    public async Task Only_an_administrator_may_list_and_end_other_peoples_sessions()
    {
        await using var governed = await Governed.CreateAsync(new District());
        var sessions = Sessions(governed);
        await sessions.StartAsync("sam", "sw", "Sam", null, Ticket, Ct);
        var administrator = new Viewer("ad", "Alex Admin", "ad@example.org", new HashSet<ProfessionalRole> { ProfessionalRole.Administrator });

        await Assert.ThrowsAsync<AccessDeniedException>(() => sessions.ActiveAsync(Governed.Coordinator("co"), Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => sessions.EndAllAsync(Governed.Coordinator("co"), "sw", Ct));
        Assert.NotNull(await sessions.ResumeAsync("sam", Ct));

        Assert.Equal(["sam"], (await sessions.ActiveAsync(administrator, Ct)).Select(s => s.Key));
        Assert.Single(await sessions.EndAllAsync(administrator, "sw", Ct));
        Assert.Null(await sessions.ResumeAsync("sam", Ct));
        Assert.Contains(await governed.Audit.RecentAsync(10, Ct), r => r.Entry.Action == AuditActions.EndSessions && r.Entry.Actor == "ad");
    }

    [Fact]
    public async Task Active_sessions_leave_out_ended_idle_and_expired_ones_and_filter_by_professional()
    {
        await using var governed = await Governed.CreateAsync(new District());
        var sessions = Sessions(governed);
        await sessions.StartAsync("old", "sw", "Sam", null, Ticket, Ct);
        governed.Clock.Now += TimeSpan.FromMinutes(31);
        await sessions.StartAsync("signed-out", "sw", "Sam", null, Ticket, Ct);
        await sessions.EndAsync("signed-out", cancellationToken: Ct);
        await sessions.StartAsync("sam", "sw", "Sam", null, Ticket, Ct);
        governed.Clock.Now += TimeSpan.FromMinutes(1);
        await sessions.StartAsync("jo", "co", "Jo", null, Ticket, Ct);

        Assert.Equal(["jo", "sam"], (await sessions.ActiveAsync(cancellationToken: Ct)).Select(s => s.Key));
        Assert.Equal(["sam"], (await sessions.ActiveAsync("sw", Ct)).Select(s => s.Key));
    }

    [Theory]
    [InlineData("00:00:00", "10:00:00", "IdleTimeout must be more than zero")]
    [InlineData("00:30:00", "-01:00:00", "AbsoluteLifetime must be more than zero")]
    [InlineData("11:00:00", "10:00:00", "must not be longer than Authentication:Session:AbsoluteLifetime")]
    public void Session_settings_that_cannot_work_are_refused_with_the_key_to_fix(string idle, string absolute, string problem)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Authentication:Session:IdleTimeout"] = idle,
                ["Authentication:Session:AbsoluteLifetime"] = absolute,
            }).Build());
        Patchwork.Graph.Storage.GraphStoreRegistration.AddPatchworkSessions(services);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SessionLifetimeOptions>>().Value);

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Session_settings_are_read_from_the_two_keys()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Authentication:Session:IdleTimeout"] = "00:00:05",
                ["Authentication:Session:AbsoluteLifetime"] = "00:02:00",
            }).Build());
        Patchwork.Graph.Storage.GraphStoreRegistration.AddPatchworkSessions(services);
        using var provider = services.BuildServiceProvider();

        var policy = provider.GetRequiredService<SessionPolicy>();

        Assert.Equal(TimeSpan.FromSeconds(5), policy.IdleTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), policy.AbsoluteLifetime);
        Assert.Equal(TimeSpan.FromMilliseconds(500), policy.TouchInterval);
    }
}
