using Bunit;
using Microsoft.AspNetCore.Components;
using Patchwork.Web.Features.Changes;
using Patchwork.Web.Tests.Infrastructure;

namespace Patchwork.Web.Tests.Changes;

/// <summary>
/// The date entry on its own and in a change form: Day, Month and Year boxes whatever the locale, a mistyped date
/// stopping the save with its message in an error summary linked to the field, and nothing written.
/// </summary>
public sealed class DateFieldTests : BunitContext, IAsyncLifetime
{
    private readonly DemoStore demo = new();

    private static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await demo.InitializeAsync();
        this.AddTestServices();
        demo.AddChangeServices(Services, DemoStore.PractitionerEmail);
    }

    public new async ValueTask DisposeAsync()
    {
        await demo.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public void The_boxes_are_labelled_Day_Month_and_Year_in_a_group_named_by_the_question()
    {
        var field = Render<DateField>(p => p.Add(f => f.Label, "Lead from").Add(f => f.Name, "From").Add(f => f.Value, new DateTime(2026, 12, 1)));

        Assert.Equal("Lead from", field.Find("fieldset legend").TextContent);
        Assert.Equal(["Day", "Month", "Year"], field.FindAll("label span").Select(s => s.TextContent));
        Assert.Equal(["1", "12", "2026"], field.FindAll("input").Select(i => i.GetAttribute("value")));
        Assert.Equal("From", field.Find("input").Id);
        Assert.Empty(field.FindAll("input[type=date], input[type=datetime-local]"));
        Assert.Equal("From-hint", field.Find("fieldset").GetAttribute("aria-describedby"));
    }

    [Fact]
    public void A_real_date_typed_in_the_boxes_is_the_new_value()
    {
        DateTime? raised = null;
        var field = Render<DateField>(p => p.Add(f => f.Label, "Since").Add(f => f.Name, "Since")
            .Add(f => f.Value, new DateTime(2026, 12, 1)).Add(f => f.ValueChanged, (DateTime v) => raised = v));

        field.Find("#Since").Change("12");
        field.Find("#Since-month").Change("1");

        Assert.Equal(new DateTime(2026, 1, 12), raised);
    }

    [Fact]
    public async Task The_31st_of_February_stops_the_save_with_a_summary_that_links_to_the_day_box()
    {
        var viewer = await demo.ViewerAsync(DemoStore.PractitionerEmail);
        var picture = await demo.Network.OpenAsync(viewer, "P001", DemoStore.Today, 1, Cancellation);
        var request = new ChangeRequest(ChangeKind.RecordContact, "P001", "Ava Turner", picture.Revision.Number, picture.Team);
        var before = picture.Revision.Number;
        string? done = null;
        var form = Render<CascadingValue<DateEntries>>(p => p.Add(c => c.Value, new DateEntries()).Add(c => c.IsFixed, true)
            .AddChildContent<ContactForm>(f => f.Add(c => c.Request, request).Add(c => c.OnDone, (string m) => done = m)));

        form.Find("#At").Change("31");
        form.Find("#At-month").Change("2");
        form.Find("#At-year").Change("2026");
        await form.Find("form").SubmitAsync();

        Assert.Equal("Enter a real date", form.Find("#At-error").TextContent);
        Assert.Equal("true", form.Find("#At").GetAttribute("aria-invalid"));
        Assert.Equal("false", form.Find("#At-month").GetAttribute("aria-invalid"));
        Assert.Equal("At-hint At-error", form.Find("fieldset").GetAttribute("aria-describedby"));
        var summary = form.Find(".pw-error-summary");
        Assert.Equal("There is a problem", summary.QuerySelector("h2")!.TextContent);
        var link = summary.QuerySelector("a")!;
        Assert.Equal(("#At", "Enter a real date"), (link.GetAttribute("href"), link.TextContent));
        Assert.Null(done);
        var after = await demo.Network.OpenAsync(viewer, "P001", DemoStore.Today, 1, Cancellation);
        Assert.Equal(before, after.Revision.Number);
    }

    [Fact]
    public async Task Putting_the_date_right_lets_the_form_save()
    {
        var viewer = await demo.ViewerAsync(DemoStore.PractitionerEmail);
        var picture = await demo.Network.OpenAsync(viewer, "P001", DemoStore.Today, 1, Cancellation);
        var request = new ChangeRequest(ChangeKind.RecordContact, "P001", "Ava Turner", picture.Revision.Number, picture.Team);
        string? done = null;
        var form = Render<CascadingValue<DateEntries>>(p => p.Add(c => c.Value, new DateEntries()).Add(c => c.IsFixed, true)
            .AddChildContent<ContactForm>(f => f.Add(c => c.Request, request).Add(c => c.OnDone, (string m) => done = m)));
        var yesterday = DemoStore.Today.AddDays(-1);

        form.Find("#At").Change("31");
        form.Find("#At-month").Change("2");
        await form.Find("form").SubmitAsync();
        form.Find("#At").Change(yesterday.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        form.Find("#At-month").Change(yesterday.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        form.Find("#At-year").Change(yesterday.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await form.Find("form").SubmitAsync();

        Assert.Equal("Contact recorded.", done);
    }

    [Fact]
    public void An_optional_date_starts_empty_and_emptied_again_is_no_problem()
    {
        var entries = new DateEntries();
        var emptied = false;
        var field = Render<CascadingValue<DateEntries>>(p => p.Add(c => c.Value, entries).Add(c => c.IsFixed, true)
            .AddChildContent<DateField>(f => f.Add(d => d.Label, "Date of birth (if known)").Add(d => d.Name, "DateOfBirth")
                .Add(d => d.Optional, true).Add(d => d.OnEmptied, () => emptied = true)));

        Assert.All(field.FindAll("input"), i => Assert.Equal("", i.GetAttribute("value")));
        field.Find("#DateOfBirth").Change("9");
        Assert.Equal("Date must include a month and a year", Assert.Single(entries.Problems).Value);

        field.Find("#DateOfBirth").Change("");

        Assert.True(emptied);
        Assert.Empty(entries.Problems);
    }
}
