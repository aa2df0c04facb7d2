using System.Text;
using Patchwork.Graph.Audit;

namespace Patchwork.Graph.Tests.Access;

public sealed class IndexTallyTests
{
    [Fact]
    public void SipHash_gives_the_published_test_vector()
    {
        // The SipHash paper's example: key 00..0f, message 00..0e.
        var message = Enumerable.Range(0, 15).Select(i => (byte)i).ToArray();
        Assert.Equal(0xa129ca6149be45e5UL, IndexTally.SipHash24(0x0706050403020100UL, 0x0f0e0d0c0b0a0908UL, message));
    }

    [Fact]
    public void Tallies_of_the_same_pairs_agree_in_any_order_and_any_change_makes_them_differ()
    {
        var pairs = Enumerable.Range(1, 200).Select(i => ($"P{i % 37:D4}", (long)i)).ToList();
        var rebuilt = new IndexTally();
        var stored = rebuilt.Sibling();
        var other = rebuilt.Sibling();
        foreach (var (person, sequence) in pairs)
        {
            rebuilt.Add(Encoding.UTF8.GetBytes(person), sequence);
        }

        foreach (var (person, sequence) in Enumerable.Reverse(pairs))
        {
            (sequence % 2 == 0 ? stored : other).Add(Encoding.UTF8.GetBytes(person), sequence);
        }

        stored.AddFrom(other);
        Assert.True(rebuilt.SameAs(stored));

        // Each kind of damage to one row: another person, another record, one row fewer, one row more.
        Assert.False(Changed(pairs, 5, ("P9999", pairs[5].Item2)).SameAs(rebuilt));
        Assert.False(Changed(pairs, 5, (pairs[5].Item1, 9999)).SameAs(rebuilt));
        Assert.False(Changed(pairs, 5, null).SameAs(rebuilt));
        var extra = Changed(pairs, -1, null);
        extra.Add("P0001"u8, 1);
        Assert.False(extra.SameAs(rebuilt));

        IndexTally Changed(List<(string, long)> rows, int at, (string Person, long Sequence)? instead)
        {
            var tally = rebuilt.Sibling();
            for (var i = 0; i < rows.Count; i++)
            {
                var (person, sequence) = i == at ? instead ?? default : rows[i];
                if (person is not null)
                {
                    tally.Add(Encoding.UTF8.GetBytes(person), sequence);
                }
            }

            return tally;
        }
    }
}
