using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests;

public sealed partial class KeyboardTests(PatchworkApp app) : BrowserTest(app)
{
    private static readonly Regex AnyNode = new("^(Person|Household|Professional|Agency): ");

    /// <summary>How far along an arrow's direction, in CSS px, a neighbour must be drawn for that arrow to mean it.</summary>
    private const double ClearlyThatWay = 8;

    [Fact]
    public async Task A_link_and_a_button_reached_by_keyboard_show_a_yellow_and_black_focus_ring()
    {
        await OpenAsync("/network/P001");
        await Expect(Node("Person: Ava Turner")).ToBeVisibleAsync();

        foreach (var target in new[] { Page.GetByRole(AriaRole.Link, new() { Name = "Add a client" }), Page.GetByRole(AriaRole.Button, new() { Name = "Table view" }) })
        {
            // Reached with the keyboard, as :focus-visible asks: on to the next control and one Shift+Tab back.
            await target.FocusAsync();
            await Page.Keyboard.PressAsync("Tab");
            await Page.Keyboard.PressAsync("Shift+Tab");
            await Expect(target).ToBeFocusedAsync();

            // Auto-waiting: MudBlazor's controls animate their shadow, so the ring settles a moment after focus.
            await Expect(target).ToHaveCSSAsync("outline-style", "solid");
            await Expect(target).ToHaveCSSAsync("outline-width", "3px");
            await Expect(target).ToHaveCSSAsync("outline-color", "rgb(255, 221, 0)");
            await Expect(target).ToHaveCSSAsync("box-shadow", "rgb(11, 12, 12) 0px 0px 0px 6px");
        }
    }

    [Fact]
    public async Task A_link_on_a_sign_in_problem_page_reached_by_keyboard_shows_the_same_yellow_and_black_focus_ring()
    {
        await OpenAsync("/authentication/problem/cancelled");
        var link = Page.GetByRole(AriaRole.Link, new() { Name = "Sign in again" });

        // The page has one link and nothing else to focus: Tab from the top of the page reaches it.
        await Page.Keyboard.PressAsync("Tab");
        await Expect(link).ToBeFocusedAsync();

        await Expect(link).ToHaveCSSAsync("outline-style", "solid");
        await Expect(link).ToHaveCSSAsync("outline-width", "3px");
        await Expect(link).ToHaveCSSAsync("outline-color", "rgb(255, 221, 0)");
        await Expect(link).ToHaveCSSAsync("box-shadow", "rgb(11, 12, 12) 0px 0px 0px 6px");
    }

    [Fact]
    public async Task A_pages_heading_takes_focus_on_arrival_without_a_ring_and_the_next_Tab_shows_one()
    {
        await OpenAsync("/network/P001");
        var heading = Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

        await Expect(heading).ToBeFocusedAsync();
        await Expect(heading).ToHaveCSSAsync("outline-style", "none");
        await Expect(heading).ToHaveCSSAsync("box-shadow", "none");

        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.Locator(":focus")).ToHaveCSSAsync("outline-color", "rgb(255, 221, 0)");
    }

    [Fact]
    public async Task Tab_reaches_a_node_arrows_move_to_a_connected_node_and_Enter_steps_out()
    {
        var network = await DrawnNetwork.OfAsync(App.Network, App.Viewer, "P001", App.Today);
        await OpenAsync("/network/P001");
        await Expect(Page.Locator(".diagram-link")).ToHaveCountAsync(network.Links);

        // The last control before the diagram, then one Tab: the first node on the canvas.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Table view" }).FocusAsync();
        await Page.Keyboard.PressAsync("Tab");
        var focused = Page.Locator(":focus");
        await Expect(focused).ToHaveAccessibleNameAsync(AnyNode);
        var start = Label(network, await focused.GetAttributeAsync("aria-label"));

        // An arrow towards a connected node, worked out from where the nodes are drawn and the ties in the store.
        var (key, targets) = await ArrowTowardsANeighbourAsync(network, start);
        await Page.Keyboard.PressAsync(key);

        await Expect(focused).ToHaveAccessibleNameAsync(new Regex($"^({string.Join('|', targets.Select(Regex.Escape))})(,|$)"));
        var moved = Label(network, await focused.GetAttributeAsync("aria-label"));
        Assert.NotEqual(start, moved);

        await Page.Keyboard.PressAsync("Enter");

        await Expect(Node(moved)).ToHaveAccessibleNameAsync(new Regex("stepped out$"));
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Undo step" })).ToBeEnabledAsync();
    }

    [Fact]
    public async Task An_arrow_key_move_from_ava_reads_out_who_was_reached_and_what_they_are_to_her()
    {
        var network = await DrawnNetwork.OfAsync(App.Network, App.Viewer, "P001", App.Today);
        await OpenAsync("/network/P001");
        await Expect(Page.Locator(".diagram-link")).ToHaveCountAsync(network.Links);
        await Node("Person: Ava Turner").FocusAsync();

        var (key, targets) = await ArrowTowardsANeighbourAsync(network, "Person: Ava Turner");
        await Page.Keyboard.PressAsync(key);

        await Expect(Page.Locator(":focus")).ToHaveAccessibleNameAsync(new Regex($"^({string.Join('|', targets.Select(Regex.Escape))})(,|$)"));
        await Expect(Page.Locator(".visually-hidden[role=status]")).ToHaveTextAsync(Reached());
    }

    [Fact]
    public async Task The_leads_phone_link_on_avas_network_is_at_most_ten_key_presses_from_the_first_focus()
    {
        await OpenAsync("/network/P001");
        await Expect(Node("Person: Ava Turner")).ToBeVisibleAsync();
        var presses = 0;

        presses += await TabToAsync(Page.GetByRole(AriaRole.Link, new() { Name = "Who to call" }), limit: 10);
        await Page.Keyboard.PressAsync("Enter");
        presses++;
        presses += await TabToAsync(Page.GetByRole(AriaRole.Link, new() { Name = "Call Sam Adeyemi on 01632 960001" }), limit: 10 - presses);

        Assert.InRange(presses, 1, 10);
    }

    [Fact]
    public async Task A_step_out_and_back_in_is_at_most_eight_key_presses_from_the_first_focus_and_focus_stays_on_the_node()
    {
        var network = await DrawnNetwork.OfAsync(App.Network, App.Viewer, "P001", App.Today);
        await OpenAsync("/network/P001");
        await Expect(Page.Locator(".diagram-link")).ToHaveCountAsync(network.Links);
        var presses = await TabToAsync(Page.GetByRole(AriaRole.Link, new() { Name = "Go to the diagram" }), limit: 5);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator(":focus")).ToHaveAccessibleNameAsync(new Regex("^Person: Ava Turner,"));
        var (key, targets) = await ArrowTowardsANeighbourAsync(network, "Person: Ava Turner");
        await Page.Keyboard.PressAsync(key);
        var reached = new Regex($"^({string.Join('|', targets.Select(Regex.Escape))})(,|$)");
        await Expect(Page.Locator(":focus")).ToHaveAccessibleNameAsync(reached);

        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator(".visually-hidden[role=status]")).ToHaveTextAsync(new Regex("^Stepped out from "));
        await Expect(Page.Locator(":focus")).ToHaveAccessibleNameAsync(new Regex("stepped out$"));
        await Page.Keyboard.PressAsync("Backspace");
        await Expect(Page.Locator(".visually-hidden[role=status]")).ToHaveTextAsync(new Regex("^Stepped back from "));

        await Expect(Page.Locator(":focus")).ToHaveAccessibleNameAsync(reached);
        Assert.InRange(presses + 4, 1, 8);
    }

    [Fact]
    public async Task Undo_and_back_to_the_team_leave_focus_somewhere_sensible()
    {
        await OpenAsync("/network/P001");
        await Node("Person: Margaret Hale").FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Node("Person: Margaret Hale")).ToHaveAccessibleNameAsync(new Regex("stepped out$"));

        await Page.GetByRole(AriaRole.Button, new() { Name = "Undo step" }).ClickAsync();

        await Expect(Page.Locator(":focus")).ToHaveAccessibleNameAsync(new Regex("^Person: Margaret Hale,"));
        await Page.Keyboard.PressAsync(" ");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Back to the team" }).ClickAsync();
        await Expect(Page.Locator(":focus")).ToHaveAttributeAsync("id", "team-list");
    }

    /// <summary>Presses Tab until the target has focus, at most <paramref name="limit"/> times; returns the presses.</summary>
    private async Task<int> TabToAsync(ILocator target, int limit)
    {
        for (var presses = 1; presses <= limit; presses++)
        {
            await Page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                return presses;
            }
        }

        Assert.Fail($"Not reached within {limit} presses of Tab; focus is on {await Page.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 120) ?? 'nothing'")}.");
        return limit;
    }

    [Fact]
    public async Task Space_on_a_node_shows_its_details_instead_of_the_team()
    {
        await OpenAsync("/network/P001");

        await Node("Person: Margaret Hale").FocusAsync();
        await Page.Keyboard.PressAsync(" ");

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Person: Margaret Hale", Level = 2 })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Back to the team" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Team around Ava Turner", Level = 2 })).ToBeVisibleAsync();
    }

    private static string Label(DrawnNetwork network, string? accessibleName) =>
        network.Labels.Where(l => accessibleName == l || accessibleName?.StartsWith(l + ",", StringComparison.Ordinal) == true)
            .OrderByDescending(l => l.Length)
            .First();

    /// <summary>The first arrow key with a neighbour of <paramref name="label"/> drawn that way, and those neighbours.</summary>
    private async Task<(string Key, IReadOnlyList<string> Targets)> ArrowTowardsANeighbourAsync(DrawnNetwork network, string label)
    {
        var node = network.Nodes.Single(n => DrawnNetwork.Label(n) == label);
        var origin = await CentreAsync(label);
        var neighbours = new List<(string Label, double X, double Y)>();
        foreach (var neighbour in network.Neighbours(node.Ref))
        {
            var centre = await CentreAsync(DrawnNetwork.Label(neighbour));
            neighbours.Add((DrawnNetwork.Label(neighbour), centre.X - origin.X, centre.Y - origin.Y));
        }

        // A key counts only when some neighbour lies clearly that way: nodes drawn in one row differ by a pixel or
        // two of border on screen, which is no direction at all. Any neighbour on that side may be the one reached.
        foreach (var (key, dx, dy) in new[] { ("ArrowDown", 0, 1), ("ArrowUp", 0, -1), ("ArrowRight", 1, 0), ("ArrowLeft", -1, 0) })
        {
            if (neighbours.Any(n => (n.X * dx) + (n.Y * dy) > ClearlyThatWay))
            {
                return (key, neighbours.Where(n => (n.X * dx) + (n.Y * dy) > 0).Select(n => n.Label).ToList());
            }
        }

        throw new InvalidOperationException($"{label} has no connected node on screen.");
    }

    /// <summary>The centre of a node as drawn; a household's is the centre of its outline.</summary>
    private async Task<(double X, double Y)> CentreAsync(string label)
    {
        var element = label.StartsWith("Household: ", StringComparison.Ordinal)
            ? Page.Locator(".pw-household", new() { Has = Node(label) })
            : Node(label);
        var box = await element.BoundingBoxAsync() ?? throw new InvalidOperationException($"{label} is not drawn.");
        return (box.X + (box.Width / 2), box.Y + (box.Height / 2));
    }

    /// <summary>Whoever was reached, then what they are to Ava: "Chloe Turner, 37, mother of Ava", "14 Elm Road, home of Ava".</summary>
    [GeneratedRegex(@"^[A-Z0-9][^,]+, .*( of| for) Ava$")]
    private static partial Regex Reached();
}
