using Microsoft.Extensions.DependencyInjection;
using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Model;
using Patchwork.Graph.Tests.Contract;

namespace Patchwork.Graph.Tests.Access;

/// <summary>An information governance review note keeps to the same text rules as every other note.</summary>
public sealed class ReviewNoteTests
{
    private static readonly Viewer Dev = new("ig", "Dev Patel", "ig@example.org", new HashSet<ProfessionalRole> { ProfessionalRole.InformationGovernance });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static District Family() => new District()
        .Agency("csc", "Children's Services")
        .Professional("sw", "Sam", "Adeyemi").Professional("out", "Olu", "Tade")
        .WorksFor("sw", "csc").WorksFor("out", "csc")
        .Person("c1", "Ava", "Turner")
        .Involved("sw", "c1", lead: true);

    private static async Task<(Governed Governed, AuditService Reviews, BreakGlassGrant Grant)> GrantedAsync()
    {
        var governed = await Governed.CreateAsync(Family());
        var grant = await governed.Networks.BreakGlassAsync(Governed.Practitioner("out"), "c1", "Called out of hours to a welfare concern at the family home.", Ct);
        return (governed, governed.Services.GetRequiredService<AuditService>(), grant);
    }

    [Fact]
    public async Task A_review_note_with_a_hidden_character_is_refused_and_the_reason_stays_in_the_queue()
    {
        var (governed, reviews, grant) = await GrantedAsync();
        await using var _ = governed;

        var refused = await Assert.ThrowsAsync<GraphRuleException>(() => reviews.ReviewAsync(Dev, grant, "Checked\u200B with the duty manager.", Ct));

        Assert.Equal("The review note contains a zero width space (U+200B), an invisible character that can hide text; remove it.", refused.Message);
        Assert.Contains(await reviews.ReviewQueueAsync(Dev, Ct), g => g.Id == grant.Id);
    }

    [Fact]
    public async Task A_review_note_over_several_lines_is_accepted()
    {
        var (governed, reviews, grant) = await GrantedAsync();
        await using var _ = governed;

        await reviews.ReviewAsync(Dev, grant, "Checked with the duty manager.\nJustified: welfare call.", Ct);

        Assert.DoesNotContain(await reviews.ReviewQueueAsync(Dev, Ct), g => g.Id == grant.Id);
    }
}
