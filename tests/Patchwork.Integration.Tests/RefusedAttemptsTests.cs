using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Patchwork.Graph.Audit;

namespace Patchwork.Integration.Tests;

/// <summary>Someone who may not download the coordinator's or the audit CSVs is refused, and the attempt is recorded.</summary>
public sealed class RefusedAttemptsTests : IAsyncDisposable
{
    private const string Sam = "sam.adeyemi@northvale.gov.uk";

    private readonly PatchworkAppFactory app = new();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Theory]
    [InlineData("/coordinator/no-lead.csv", "coordinator:no-lead.csv")]
    [InlineData("/coordinator/no-contact.csv?asAt=2026-06-01", "coordinator:no-contact.csv")]
    [InlineData("/audit/export.csv", "audit.csv")]
    [InlineData("/audit/export.csv?person=P001", "audit:person:P001.csv")]
    public async Task A_practitioner_downloading_a_csv_is_refused_and_recorded(string url, string target)
    {
        var browser = new AppBrowser(app.CreateClient());
        await browser.SignInAsync(Sam);

        var response = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(await RefusedAsync(), r => r.Entry.Target == target && r.Entry.ActorName == "Sam Adeyemi");
    }

    private async Task<IReadOnlyList<AuditRecord>> RefusedAsync() =>
        [.. (await app.Services.GetRequiredService<IAuditTrail>().RecentAsync(cancellationToken: TestContext.Current.CancellationToken)).Where(r => r.Entry.Action == AuditActions.Refused)];
}
