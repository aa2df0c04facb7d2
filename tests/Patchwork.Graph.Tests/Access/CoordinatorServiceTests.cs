using Microsoft.Extensions.DependencyInjection;
using Patchwork.Graph.Access;
using Patchwork.Graph.Coordination;
using Patchwork.Graph.Tests.Contract;

namespace Patchwork.Graph.Tests.Access;

public sealed class CoordinatorServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static District Clients() => new District()
        .Agency("csc").Agency("nhs", kind: "health")
        .Professional("sw", "Sam", "Social").Professional("sn", "Nia", "Nurse").Professional("co", "Cora", "Coordinator")
        .WorksFor("sw", "csc").WorksFor("sn", "nhs").WorksFor("co", "csc")
        .Person("a", "=Ann", "Able").Person("b", "Ben", "Baker").Person("c", "Cal", "Cole")
        .Involved("sw", "a").Involved("sn", "a")
        .Involved("sw", "b", lead: true)
        .Involved("sn", "c", until: Governed.Today);

    [Fact]
    public async Task ClientsWithoutLead_lists_every_client_with_no_lead_for_a_coordinator_only()
    {
        await using var governed = await Governed.CreateAsync(Clients());
        var service = governed.Services.GetRequiredService<CoordinatorService>();

        var clients = await service.ClientsWithoutLeadAsync(Governed.Coordinator("co"), Governed.Today, Ct);
        var client = Assert.Single(clients);
        Assert.Equal(("a", 2, 2), (client.Id, client.AgencyCount, client.InvolvementCount));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.ClientsWithoutLeadAsync(Governed.Practitioner("sw"), Governed.Today, Ct));
    }

    [Fact]
    public async Task ClientsWithoutLeadCsv_neutralises_formulas_and_is_audited()
    {
        await using var governed = await Governed.CreateAsync(Clients());
        var service = governed.Services.GetRequiredService<CoordinatorService>();

        var csv = await service.ClientsWithoutLeadCsvAsync(Governed.Coordinator("co"), Governed.Today, Ct);
        Assert.Contains("a,'=Ann Able,,2,2", csv, StringComparison.Ordinal);
        var trail = await governed.Audit.ForPersonAsync("a", cancellationToken: Ct);
        Assert.Contains(trail, r => r.Entry.Action == "export" && r.Entry.Actor == "co");
    }
}
