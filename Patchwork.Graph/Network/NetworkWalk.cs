namespace Patchwork.Graph.Network;

/// <summary>
/// The steps of a walk outwards from a node at a date, one node at a time. Each step records the relationships it
/// passes in a <see cref="NetworkReach"/> and returns the nodes it reached for the first time; with no ring, a step
/// only records relationships. A store (or an in-memory index) supplies the steps; <see cref="NetworkWalkOrder"/>
/// says in which order they are taken.
/// </summary>
internal interface INetworkWalk<TKey>
{
    List<TKey> HouseholdsOf(TKey person, int ring);

    List<TKey> MembersOf(TKey household, int ring);

    List<TKey> RelativesOf(TKey person, int? ring);

    /// <summary>The professionals involved with a person; any involvement makes the person a client.</summary>
    List<TKey> TeamOf(TKey person, int? ring);

    List<TKey> AgenciesOf(TKey professional, int ring);
}

/// <summary>
/// The definition of a network and of a step out, as walks: every walker that takes these steps in this order
/// reaches the same nodes at the same rings, so the cap in <see cref="NetworkReach"/> keeps the same ones.
/// </summary>
internal static class NetworkWalkOrder
{
    /// <summary>Households, their members and relatives, <paramref name="depth"/> steps out; then teams and agencies.</summary>
    public static void Open<TKey>(INetworkWalk<TKey> walk, TKey focus, int depth)
    {
        List<TKey> everyone = [focus];
        List<TKey> frontier = [focus];
        for (var step = 1; step <= depth; step++)
        {
            List<TKey> next = [];
            foreach (var person in frontier)
            {
                foreach (var household in walk.HouseholdsOf(person, step))
                {
                    next.AddRange(walk.MembersOf(household, step));
                }

                next.AddRange(walk.RelativesOf(person, step));
            }

            everyone.AddRange(next);
            frontier = next;
        }

        // Ties among the people of the last step are drawn too, though they lead no further.
        foreach (var person in frontier)
        {
            walk.RelativesOf(person, ring: null);
        }

        var professionals = everyone.SelectMany(person => walk.TeamOf(person, depth + 1)).ToList();
        foreach (var professional in professionals)
        {
            walk.AgenciesOf(professional, depth + 2);
        }
    }

    /// <summary>A person gives its households, their members, its relatives and its team.</summary>
    public static void ExpandPerson<TKey>(INetworkWalk<TKey> walk, TKey person)
    {
        List<TKey> people = [];
        foreach (var household in walk.HouseholdsOf(person, 1))
        {
            people.AddRange(walk.MembersOf(household, 2));
        }

        people.AddRange(walk.RelativesOf(person, 1));
        walk.TeamOf(person, 1);
        foreach (var other in people)
        {
            walk.RelativesOf(other, ring: null);
            walk.TeamOf(other, ring: null);
        }
    }

    /// <summary>A household gives its members (with the ties among them and their professionals' ties, for drawing).</summary>
    public static void ExpandHousehold<TKey>(INetworkWalk<TKey> walk, TKey household)
    {
        foreach (var member in walk.MembersOf(household, 1))
        {
            walk.RelativesOf(member, ring: null);
            walk.TeamOf(member, ring: null);
        }
    }
}
