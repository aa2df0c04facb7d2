using Microsoft.Extensions.DependencyInjection;
using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Model;
using Patchwork.Graph.Tests.Contract;

namespace Patchwork.Graph.Tests.Access;

public sealed class AuditServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static District Turners() => new District()
        .Agency("csc").Professional("sw", "Sam", "Social").WorksFor("sw", "csc")
        .Person("c1", "Ava", "Turner").Involved("sw", "c1");

    private static Viewer Governance() => new("ig", "Dev Patel", "ig@example.org", new HashSet<ProfessionalRole> { ProfessionalRole.InformationGovernance });

    [Fact]
    public async Task Every_audit_page_the_review_queue_and_the_export_are_refused_to_others_and_each_attempt_is_recorded()
    {
        await using var governed = await Governed.CreateAsync(Turners());
        var service = governed.Services.GetRequiredService<AuditService>();
        var grant = await governed.Services.GetRequiredService<IAccessGrants>().GrantAsync("sw", "Sam Social", "c1", "urgent safeguarding call", governed.Clock.Now, governed.Clock.Now.AddHours(1), Ct);
        var coordinator = Governed.Coordinator("co");

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.WhoLookedAtAsync(coordinator, "c1", Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.RecentAsync(coordinator, cancellationToken: Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.ReviewQueueAsync(coordinator, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.ReviewAsync(coordinator, grant, "looked fine to me", Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.VerifyAsync(coordinator, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.ExportCsvAsync(coordinator, null, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.ExportCsvAsync(coordinator, "c1", Ct));

        var refused = (await governed.Audit.RecentAsync(cancellationToken: Ct)).Where(r => r.Entry.Action == AuditActions.Refused).ToList();
        Assert.All(refused, r => Assert.Equal("co", r.Entry.Actor));
        Assert.Equal(
            ["audit", "audit.csv", "audit:person:c1", "audit:person:c1.csv", "audit:verify", $"break-glass:{grant.Id}", "break-glass:review-queue"],
            refused.Select(r => r.Entry.Target).Order(StringComparer.Ordinal));
        // Attempts about a person are found under that person too.
        Assert.Equal(3, (await governed.Audit.ForPersonAsync("c1", cancellationToken: Ct)).Count(r => r.Entry.Action == AuditActions.Refused));
        Assert.Single(await service.ReviewQueueAsync(Governance(), Ct));
    }

    [Fact]
    public async Task An_officer_is_not_recorded_as_refused()
    {
        await using var governed = await Governed.CreateAsync(Turners());
        var service = governed.Services.GetRequiredService<AuditService>();

        await service.ExportCsvAsync(Governance(), "c1", Ct);
        var verification = await service.VerifyAsync(Governance(), Ct);

        Assert.True(verification.IsIntact, verification.Problem);
        Assert.DoesNotContain(await governed.Audit.RecentAsync(cancellationToken: Ct), r => r.Entry.Action == AuditActions.Refused);
    }
}
