using Patchwork.Graph.Model;

namespace Patchwork.Graph.Tests.Model;

public sealed class AgencyKindNamesTests
{
    [Theory]
    [InlineData("children-social-care", "Children's social care")]
    [InlineData("adult-social-care", "Adult social care")]
    [InlineData("gp", "GP practice")]
    [InlineData("substance-misuse", "Drug and alcohol service")]
    [InlineData("CHILDREN-SOCIAL-CARE", "Children's social care")]
    public void A_known_kind_reads_in_plain_words(string kind, string words) =>
        Assert.Equal(words, AgencyKindNames.Describe(kind));

    [Theory]
    [InlineData("youth-offending", "Youth offending")]
    [InlineData("advocacy_service", "Advocacy service")]
    [InlineData("  ", "Agency")]
    public void An_unknown_kind_still_reads_as_words(string kind, string words) =>
        Assert.Equal(words, AgencyKindNames.Describe(kind));

    [Fact]
    public void Every_kind_in_the_demo_district_has_words_of_its_own()
    {
        var agencies = File.ReadAllLines(Path.Combine(Root(), "seed-data", "demo", "agencies.csv")).Skip(1);
        foreach (var kind in agencies.Select(line => line.Split(',')[2]))
        {
            Assert.DoesNotContain("-", AgencyKindNames.Describe(kind), StringComparison.Ordinal);
        }
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Patchwork.Graph.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Patchwork.Graph.sln not found above the test's folder.");
    }
}
