using Patchwork.Graph.Model;

namespace Patchwork.Graph.Tests.Model;

public sealed class PersonTests
{
    private static Person BornOn(int year, int month, int day) => new("p1", "Ava", "Turner", new DateOnly(year, month, day));

    [Fact]
    public void AgeAt_birthday_today_counts_the_new_year() => Assert.Equal(10, BornOn(2014, 3, 14).AgeAt(new DateOnly(2024, 3, 14)));

    [Fact]
    public void AgeAt_the_day_before_the_birthday_is_a_year_less() => Assert.Equal(9, BornOn(2014, 3, 14).AgeAt(new DateOnly(2024, 3, 13)));

    [Fact]
    public void AgeAt_the_day_of_birth_is_zero() => Assert.Equal(0, BornOn(2014, 3, 14).AgeAt(new DateOnly(2014, 3, 14)));

    [Fact]
    public void AgeAt_before_birth_is_unknown() => Assert.Null(BornOn(2014, 3, 14).AgeAt(new DateOnly(2014, 3, 13)));

    [Fact]
    public void AgeAt_without_date_of_birth_is_unknown() => Assert.Null(new Person("p1", "Ava", "Turner").AgeAt(new DateOnly(2024, 1, 1)));

    [Fact]
    public void AgeAt_leap_day_birthday_in_a_leap_year_counts_on_29_February()
    {
        var leapling = BornOn(2012, 2, 29);

        Assert.Equal(11, leapling.AgeAt(new DateOnly(2024, 2, 28)));
        Assert.Equal(12, leapling.AgeAt(new DateOnly(2024, 2, 29)));
    }

    [Fact]
    public void AgeAt_leap_day_birthday_in_a_common_year_has_counted_by_1_March()
    {
        var leapling = BornOn(2012, 2, 29);

        Assert.Equal(0, leapling.AgeAt(new DateOnly(2013, 2, 27)));
        Assert.Equal(1, leapling.AgeAt(new DateOnly(2013, 3, 1)));
        Assert.Equal(11, leapling.AgeAt(new DateOnly(2023, 3, 1)));
    }

    [Fact]
    public void AgeAt_on_31_December_before_a_1_January_birthday() => Assert.Equal(17, BornOn(2006, 1, 1).AgeAt(new DateOnly(2023, 12, 31)));

    [Theory]
    [InlineData("Ava", "Turner", "Ava Turner")]
    [InlineData("", "Turner", "Turner")]
    [InlineData("Ava", "", "Ava")]
    public void DisplayName_joins_the_names_present(string given, string family, string expected) =>
        Assert.Equal(expected, new Person("p1", given, family).DisplayName);
}
