using Patchwork.Graph.Model;
using Patchwork.Web.Features.Network.Diagram;
using Patchwork.Web.Tests.Infrastructure;

namespace Patchwork.Web.Tests.Network;

public sealed class NodeDescriptionsTests(DemoStore demo)
{
    [Fact]
    public async Task AccessibleName_of_the_focus_says_kind_name_age_client_and_focus()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);

        Assert.Equal("Person: Ava Turner, 12, client, CP plan (child protection plan), focus of this network", NodeDescriptions.AccessibleName(scene.Find(Demo.Ava)!, scene));
        Assert.Equal("Person: Noah Turner, 9", NodeDescriptions.AccessibleName(scene.Find(Demo.Noah)!, scene));
    }

    [Fact]
    public async Task AccessibleName_of_a_professional_says_job_agency_and_whether_they_lead()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);

        Assert.Equal("Professional: Sam Adeyemi, lead, Social Worker, Northvale Children's Services", NodeDescriptions.AccessibleName(scene.Find(Demo.Sam)!, scene));
        Assert.Equal("Professional: Tom Reed, Police Safeguarding Officer, Northvale Police", NodeDescriptions.AccessibleName(scene.Find(Demo.Tom)!, scene));
    }

    [Fact]
    public async Task AccessibleName_of_an_agency_says_its_kind()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);

        Assert.Equal("Agency: Northvale Police, Police", NodeDescriptions.AccessibleName(scene.Find(Demo.Police)!, scene));
    }

    [Fact]
    public async Task AccessibleName_of_a_household_starts_with_the_words_its_label_shows()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);
        var home = scene.Find(Demo.TurnerHousehold)!;

        // A speech user says what they see ("Household: 14 Elm Road"): the name must start with it.
        Assert.Equal("Household: 14 Elm Road", NodeDescriptions.Label(home));
        Assert.Equal("Household: 14 Elm Road, Turner household", NodeDescriptions.AccessibleName(home, scene));
        Assert.Equal("14 Elm Road", NodeDescriptions.About(home, scene));
    }

    [Fact]
    public async Task AccessibleName_adds_what_is_not_shown_and_whether_the_node_was_stepped_out_from()
    {
        var scene = await demo.SceneAsync(Demo.Ava.Id);
        var margaret = scene.Find(Demo.Margaret)!;

        Assert.Equal("Person: Margaret Hale, 70, 37 more not shown, stepped out", NodeDescriptions.AccessibleName(margaret with { MoreCount = 37 }, scene, expanded: true));
    }

    [Fact]
    public async Task AccessibleName_of_someone_without_a_date_of_birth_says_age_unknown()
    {
        var scene = await demo.SceneAsync(Demo.Reece);

        Assert.StartsWith("Person: Reece Doyle, age unknown", NodeDescriptions.AccessibleName(scene.Find(new NodeRef(NodeKind.Person, Demo.Reece))!, scene), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Gender.Female, "circle")]
    [InlineData(Gender.Male, "square")]
    [InlineData(Gender.Other, "diamond")]
    [InlineData(Gender.Unknown, "diamond")]
    public void GenderShape_follows_the_genogram(Gender gender, string shape)
    {
        Assert.Equal(shape, NodeDescriptions.GenderShape(gender));
    }

    [Fact]
    public void AgeText_is_whole_years_on_the_date_shown_or_age_unknown()
    {
        var margaret = new Person("P005", "Margaret", "Hale", new DateOnly(1955, 7, 30));

        Assert.Equal("70", NodeDescriptions.AgeText(margaret, new DateOnly(2026, 7, 29)));
        Assert.Equal("71", NodeDescriptions.AgeText(margaret, new DateOnly(2026, 7, 30)));
        Assert.Equal("age unknown", NodeDescriptions.AgeText(new Person("P026", "Reece", "Doyle"), new DateOnly(2026, 3, 1)));
    }
}
