using Patchwork.Graph.Model;
using Patchwork.Graph.Storage;

namespace Patchwork.Cli.Bench;

/// <summary>
/// The nodes a bench asks about, drawn at random (with the bench's seed) from the whole store: people, clients
/// (the people at the end of a random involvement), households, professionals and agencies.
/// </summary>
internal sealed class Focuses
{
    private Focuses(List<Person> people, List<string> clients, List<Household> households, List<Professional> professionals, List<Agency> agencies)
    {
        PeopleRecords = people;
        People = [.. people.Select(p => p.Id)];
        Clients = clients;
        HouseholdRecords = households;
        Households = [.. households.Select(h => h.Id)];
        Professionals = [.. professionals.Select(p => p.Id)];
        AgencyRecords = agencies;
        Agencies = [.. agencies.Select(a => a.Id)];
    }

    public IReadOnlyList<string> People { get; }

    public IReadOnlyList<string> Clients { get; }

    public IReadOnlyList<string> Households { get; }

    public IReadOnlyList<string> Professionals { get; }

    public IReadOnlyList<string> Agencies { get; }

    private List<Person> PeopleRecords { get; }

    private List<Household> HouseholdRecords { get; }

    private List<Agency> AgencyRecords { get; }

    /// <summary>Draws <paramref name="count"/> of each, reading the store's export once up to the contacts.</summary>
    public static async Task<Focuses> ChooseAsync(IGraphStore store, Random random, int count, CancellationToken cancellationToken)
    {
        var stats = await store.GetStatsAsync(cancellationToken).ConfigureAwait(false);
        var wanted = new Dictionary<string, int[]>();
        int[] Draw(string name, long total)
        {
            if (total == 0)
            {
                throw new GraphRuleException($"The store holds no {name}: the bench needs a whole district.");
            }

            return [.. Enumerable.Range(0, count).Select(_ => (int)random.NextInt64(total))];
        }

        var people = Draw("people", stats.Nodes[NodeKind.Person.Label()]);
        var households = Draw("households", stats.Nodes[NodeKind.Household.Label()]);
        var professionals = Draw("professionals", stats.Nodes[NodeKind.Professional.Label()]);
        var agencies = Draw("agencies", stats.Nodes[NodeKind.Agency.Label()]);
        var involvements = Draw("involvements", stats.Relationships[RelationshipType.InvolvedWith.TypeName()]);

        var byIndex = new Dictionary<(string Kind, int Index), GraphElement>();
        var positions = new Dictionary<string, int>();
        var sets = new Dictionary<string, HashSet<int>>
        {
            ["Person"] = [.. people],
            ["Household"] = [.. households],
            ["Professional"] = [.. professionals],
            ["Agency"] = [.. agencies],
            ["Involvement"] = [.. involvements],
        };
        await foreach (var element in store.ExportAsync(cancellationToken).ConfigureAwait(false))
        {
            var kind = element switch
            {
                Node node => node.Kind.Label(),
                Involvement => "Involvement",
                Contact => null,
                _ => "",
            };
            if (kind is null)
            {
                break;
            }

            if (kind.Length == 0)
            {
                continue;
            }

            var position = positions.GetValueOrDefault(kind);
            positions[kind] = position + 1;
            if (sets[kind].Contains(position))
            {
                byIndex[(kind, position)] = element;
            }
        }

        List<T> Take<T>(string kind, int[] indices)
            where T : GraphElement => [.. indices.Select(i => (T)byIndex[(kind, i)])];
        return new Focuses(
            Take<Person>("Person", people),
            [.. Take<Involvement>("Involvement", involvements).Select(i => i.PersonId)],
            Take<Household>("Household", households),
            Take<Professional>("Professional", professionals),
            Take<Agency>("Agency", agencies));
    }

    /// <summary>
    /// What people type into the search box: the start of a family name, a given name and the start of a family
    /// name, a whole name, or the start of a household's or an agency's name.
    /// </summary>
    public IReadOnlyList<string> SearchTexts(Random random) =>
    [
        .. PeopleRecords.Select((person, i) => (i % 20) switch
        {
            < 8 => Prefix(person.FamilyName, 3),
            < 14 => $"{person.GivenName} {Prefix(person.FamilyName, 2 + random.Next(3))}",
            < 17 => $"{person.GivenName} {person.FamilyName}",
            < 19 => Prefix(HouseholdRecords[i % HouseholdRecords.Count].Name, 4),
            _ => Prefix(AgencyRecords[i % AgencyRecords.Count].Name, 5),
        }),
    ];

    private static string Prefix(string text, int length) => text.Length <= length ? text : text[..length];
}
