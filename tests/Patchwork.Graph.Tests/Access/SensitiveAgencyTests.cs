using Patchwork.Graph.Access;
using Patchwork.Graph.Model;

namespace Patchwork.Graph.Tests.Access;

/// <summary>A worker of a sensitive agency stays hidden wherever the agency itself is not on screen.</summary>
public sealed class SensitiveAgencyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Audience.Viewer)]
    [InlineData(Audience.Meeting)]
    public async Task Step_out_to_a_person_seen_by_a_sensitive_agency_hides_its_worker(Audience audience)
    {
        // The recovery worker's involvement with the mother is not itself marked sensitive; his agency is. A step
        // out to the mother brings her professionals but not their agencies, so the agency must be looked up.
        await using var governed = await Governed.CreateAsync(MeetingAudienceTests.Family());

        var mother = await governed.Networks.ExpandAsync(Governed.Practitioner("sw"), "c1", new NodeRef(NodeKind.Person, "m1"), Governed.Today, audience, Ct);

        Assert.DoesNotContain(mother.Nodes, n => n.Node.DisplayName is "Rae Recovery" or "Recovery Service");
        Assert.Contains(mother.Nodes, n => n.Redacted);
    }

    [Fact]
    public async Task Step_out_shows_a_sensitive_agencys_worker_to_a_colleague_of_that_agency()
    {
        await using var governed = await Governed.CreateAsync(MeetingAudienceTests.Family()
            .Professional("sm2", "Sol", "Recovery").WorksFor("sm2", "rec").Involved("sm2", "c1", "Recovery worker"));

        var mother = await governed.Networks.ExpandAsync(Governed.Practitioner("sm2"), "c1", new NodeRef(NodeKind.Person, "m1"), Governed.Today, Ct);

        Assert.Contains(mother.Nodes, n => n.Node.DisplayName == "Rae Recovery");
    }
}
