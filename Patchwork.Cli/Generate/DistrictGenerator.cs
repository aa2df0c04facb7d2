using Patchwork.Graph.Model;

namespace Patchwork.Cli.Generate;

/// <summary>What a generated district holds.</summary>
internal sealed record DistrictSummary(long Persons, long Households, long Professionals, long Agencies, long Rows);

/// <summary>
/// Makes up a district of any size in the bulk format, the same for the same seed: households of one to six
/// (families, couples, older people alone, shared houses, grandparents raising grandchildren), the family ties
/// among them and across households, about three in ten people as clients with one to four professionals, about
/// one professional per forty clients, and agencies of twelve kinds of which a few are very large. Some
/// memberships and involvements have ended, some clients have no lead, and contacts lie in the past with a few
/// planned. It streams household by household: memory stays flat whatever the size.
/// </summary>
internal sealed class DistrictGenerator
{
    /// <summary>The day the district is written to look like "today"; import --shift-to-today moves it.</summary>
    public static readonly DateOnly ReferenceDay = new(2026, 6, 1);

    private const int MaxHouseholdSize = 6;
    private readonly int persons;
    private readonly Random random;
    private readonly List<AgencySpec> agencies = [];
    private readonly Dictionary<string, List<int>> staffByKind = [];
    private readonly List<int>[] staffByAgency;
    private readonly List<string> professionalIds = [];
    private readonly Recent olderSingles = new(64);
    private readonly Recent youngerSingles = new(64);
    private readonly NhsNumbers nhsNumbers = new();
    private readonly int schools;
    private readonly int practices;
    private DistrictWriter writer = null!;
    private int nextPerson;
    private int nextHousehold;
    private long estimatedHouseholds;

    public DistrictGenerator(int persons, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(persons, 1);
        this.persons = persons;
        random = new Random(seed);
        schools = Math.Max(1, persons / 2_500);
        practices = Math.Max(1, persons / 8_000);
        foreach (var kind in AgencyKinds.All)
        {
            var count = kind.Kind switch
            {
                "school" => schools,
                "gp-practice" => practices,
                "housing" => Math.Max(1, persons / 250_000),
                _ => 1,
            };
            for (var i = 1; i <= count; i++)
            {
                agencies.Add(new AgencySpec(agencies.Count, kind, count == 1 ? kind.Name : $"{kind.Name} {i}"));
            }
        }

        staffByAgency = [.. agencies.Select(_ => new List<int>())];
    }

    public DistrictSummary Write(string directory, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        using (writer = new DistrictWriter(directory))
        {
            estimatedHouseholds = (long)(persons / 2.4);
            WriteAgencies();
            WriteProfessionals();
            while (nextPerson < persons)
            {
                WriteHousehold();
                if (nextHousehold % 1_000 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(nextPerson);
                }
            }

            progress?.Report(nextPerson);
            File.WriteAllText(Path.Combine(directory, Graph.Import.ReferenceDate.FileName), $"{ReferenceDay:yyyy-MM-dd}\n");
            return new DistrictSummary(nextPerson, nextHousehold, professionalIds.Count, agencies.Count, writer.Rows);
        }
    }

    private static string Id(string prefix, long number, long max) => prefix + number.ToString($"D{Math.Max(4, max.ToString(System.Globalization.CultureInfo.InvariantCulture).Length)}", System.Globalization.CultureInfo.InvariantCulture);

    private string PersonId(int index) => Id("P", index + 1, persons);

    private string HouseholdId(int index) => Id("H", index + 1, persons);

    private void WriteAgencies()
    {
        foreach (var agency in agencies)
        {
            agency.Id = Id("A", agency.Index + 1, agencies.Count);
            writer.Agency(agency.Id, agency.Name, agency.Kind.Kind, $"01632 {960000 + agency.Index:D6}"[..12], agency.Kind.Sensitive);
        }
    }

    private void WriteProfessionals()
    {
        var clients = persons * 0.3;
        var total = Math.Max(agencies.Count, (int)Math.Ceiling(clients / 40));
        // Every agency has someone; the rest go by each kind's share, spread over that kind's agencies.
        var assigned = new List<int>(total);
        assigned.AddRange(agencies.Select(a => a.Index));
        var weights = AgencyKinds.All.Select(k => k.StaffShare).ToArray();
        while (assigned.Count < total)
        {
            var kind = AgencyKinds.All[Pick(weights)];
            var ofKind = agencies.Where(a => a.Kind == kind).ToList();
            assigned.Add(ofKind[random.Next(ofKind.Count)].Index);
        }

        for (var i = 0; i < assigned.Count; i++)
        {
            var agency = agencies[assigned[i]];
            var id = Id("PR", i + 1, total);
            professionalIds.Add(id);
            staffByAgency[agency.Index].Add(i);
            if (!staffByKind.TryGetValue(agency.Kind.Kind, out var staff))
            {
                staffByKind[agency.Kind.Kind] = staff = [];
            }

            staff.Add(i);
            var female = random.Next(2) == 0;
            var given = female ? Pick(Names.Female) : Pick(Names.Male);
            var family = Pick(Names.Family);
            var roles = (i % 25) switch
            {
                0 => "Practitioner;Coordinator",
                7 when i % 100 == 7 => "InformationGovernance",
                13 when i % 200 == 13 => "Administrator",
                _ => "Practitioner",
            };
            var email = $"{given}.{family.Replace("'", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal)}{i + 1}@{agency.Kind.Domain}".ToLowerInvariant();
            writer.Professional(id, given, family, Pick(agency.Kind.JobTitles), $"01632 {(i % 900_000) + 100_000:D6}", email, roles);

            var since = ReferenceDay.AddDays(-random.Next(60, 15 * 365));
            if (random.NextDouble() < 0.08)
            {
                // Moved from another agency: the old job ended the day the new one started.
                var previous = agencies[random.Next(agencies.Count)];
                var earlier = since.AddDays(-random.Next(200, 3_000));
                writer.WorksFor(id, previous.Id, null, earlier, since);
            }

            writer.WorksFor(id, agency.Id, Pick(agency.Kind.Teams), since, null);
        }
    }

    private void WriteHousehold()
    {
        var household = nextHousehold++;
        var householdId = HouseholdId(household);
        var members = Compose();
        if (members.Count > persons - nextPerson)
        {
            members.RemoveRange(persons - nextPerson, members.Count - (persons - nextPerson));
        }

        foreach (var member in members)
        {
            member.Index = nextPerson++;
            member.Id = PersonId(member.Index);
        }

        var family = members[0].Family;
        var name = members.Count == 1 ? $"{members[0].Given} {family}" : $"{family} household";
        var postcode = $"NV{1 + (household * 9L / Math.Max(1, estimatedHouseholds)) % 9} {random.Next(1, 10)}{Pick(Names.Letters)}{Pick(Names.Letters)}";
        writer.Household(householdId, name, $"{random.Next(1, 200)} {Pick(Names.Streets)}", postcode);

        foreach (var member in members)
        {
            var gender = member.Gender switch { Gender.Female => "female", Gender.Male => "male", Gender.Other => "other", _ => "" };
            var born = random.NextDouble() < 0.02 && member.Age >= 18 ? (DateOnly?)null : member.Born;
            writer.Person(member.Id!, member.Given, member.Family, born, gender, random.NextDouble() < 0.95 ? nhsNumbers.Next() : null);
            writer.MemberOf(member.Id!, householdId, member.MovedIn, null);
            if (household > 0 && random.NextDouble() < 0.08)
            {
                // Lived somewhere else before.
                var before = member.MovedIn.AddDays(-random.Next(180, 3_650));
                if (before > member.Born)
                {
                    writer.MemberOf(member.Id!, HouseholdId(random.Next(household)), before, member.MovedIn);
                }
            }
        }

        WriteTies(members);
        foreach (var member in members)
        {
            WriteInvolvements(member, household);
        }

        foreach (var member in members.Where(m => m.Role is Role.Older && members.Count == 1))
        {
            olderSingles.Add(member);
        }

        foreach (var member in members.Where(m => m.Role is Role.Adult && members.Count == 1))
        {
            youngerSingles.Add(member);
        }
    }

    private List<Member> Compose()
    {
        var shape = Pick([14, 13, 14, 28, 15, 6, 3, 7]);
        var family = Pick(Names.Family);
        List<Member> members = [];
        switch (shape)
        {
            case 0: // an older person alone
                members.Add(NewMember(Role.Older, random.Next(67, 96), family));
                break;
            case 1: // an adult alone
                members.Add(NewMember(Role.Adult, random.Next(20, 65), family));
                break;
            case 2: // a couple
            {
                var age = random.Next(22, 85);
                members.Add(NewMember(age >= 67 ? Role.Older : Role.Adult, age, family));
                members.Add(NewMember(age >= 67 ? Role.Older : Role.Adult, Math.Clamp(age + random.Next(-5, 6), 18, 99), family));
                break;
            }

            case 3: // a couple with children
            {
                var age = random.Next(24, 52);
                members.Add(NewMember(Role.Parent, age, family));
                members.Add(NewMember(Role.Parent, Math.Clamp(age + random.Next(-4, 5), 19, 60), random.NextDouble() < 0.8 ? family : Pick(Names.Family)));
                AddChildren(members, family, Pick([35, 40, 18, 7]) + 1, age);
                break;
            }

            case 4: // one parent with children
            {
                var age = random.Next(19, 50);
                members.Add(NewMember(Role.Parent, age, family));
                AddChildren(members, family, Pick([50, 35, 15]) + 1, age);
                break;
            }

            case 5: // three generations
            {
                var grandparent = random.Next(58, 85);
                members.Add(NewMember(Role.Grandparent, grandparent, family));
                if (random.NextDouble() < 0.5)
                {
                    members.Add(NewMember(Role.Grandparent, Math.Clamp(grandparent + random.Next(-4, 5), 50, 99), family));
                }

                var parent = Math.Clamp(grandparent - random.Next(22, 35), 18, 60);
                members.Add(NewMember(Role.Parent, parent, family));
                AddChildren(members, family, 1 + random.Next(3), parent);
                break;
            }

            case 6: // grandparents bringing up grandchildren
            {
                var grandparent = random.Next(50, 76);
                members.Add(NewMember(Role.Grandparent, grandparent, family));
                if (random.NextDouble() < 0.5)
                {
                    members.Add(NewMember(Role.Grandparent, Math.Clamp(grandparent + random.Next(-4, 5), 45, 99), family));
                }

                AddChildren(members, family, 1 + random.Next(2), grandparent - 25, Role.KinshipChild);
                break;
            }

            default: // a shared house
                for (var i = 0; i < 2 + random.Next(3); i++)
                {
                    members.Add(NewMember(Role.Sharer, random.Next(18, 41), Pick(Names.Family)));
                }

                break;
        }

        return members.Count > MaxHouseholdSize ? members[..MaxHouseholdSize] : members;
    }

    private void AddChildren(List<Member> members, string family, int count, int parentAge, Role role = Role.Child)
    {
        for (var i = 0; i < count && members.Count < MaxHouseholdSize; i++)
        {
            var oldest = Math.Min(17, parentAge - 17);
            members.Add(NewMember(role, oldest <= 0 ? 0 : random.Next(0, oldest + 1), family));
        }
    }

    private Member NewMember(Role role, int age, string family)
    {
        var roll = random.NextDouble();
        var gender = roll < 0.49 ? Gender.Female : roll < 0.98 ? Gender.Male : roll < 0.99 ? Gender.Other : Gender.Unknown;
        var given = gender switch
        {
            Gender.Female => Pick(Names.Female),
            Gender.Male => Pick(Names.Male),
            _ => Pick(Names.Other),
        };
        var born = ReferenceDay.AddDays(-(age * 365) - random.Next(0, 365));
        var movedIn = role is Role.Child
            ? born
            : Max(born.AddYears(Math.Min(age, 18)), ReferenceDay.AddDays(-random.Next(30, 20 * 365)));
        if (movedIn > ReferenceDay.AddDays(-1))
        {
            movedIn = ReferenceDay.AddDays(-1);
        }

        return new Member(role, age, given, family, gender, born, movedIn);
    }

    private void WriteTies(List<Member> members)
    {
        var parents = members.Where(m => m.Role is Role.Parent).ToList();
        var children = members.Where(m => m.Role is Role.Child or Role.KinshipChild).ToList();
        var grandparents = members.Where(m => m.Role is Role.Grandparent).ToList();
        var couples = members.Where(m => m.Role is Role.Older or Role.Adult).ToList();

        if (parents.Count == 2)
        {
            writer.Family(parents[0].Id!, parents[1].Id!, "partner", Max(parents[0].MovedIn, parents[1].MovedIn).AddDays(-random.Next(0, 2_000)), null);
        }

        if (couples.Count == 2)
        {
            writer.Family(couples[0].Id!, couples[1].Id!, "partner", Max(couples[0].MovedIn, couples[1].MovedIn).AddDays(-random.Next(0, 2_000)), null);
        }

        if (grandparents.Count == 2)
        {
            writer.Family(grandparents[0].Id!, grandparents[1].Id!, "partner", grandparents[0].Born.AddYears(25), null);
        }

        foreach (var child in children)
        {
            foreach (var parent in parents)
            {
                writer.Family(parent.Id!, child.Id!, "parent", child.Born, null);
            }

            foreach (var grandparent in grandparents)
            {
                writer.Family(grandparent.Id!, child.Id!, "grandparent", child.Born, null);
                if (child.Role is Role.KinshipChild)
                {
                    // One tie per pair and start day: the care began after the birth.
                    writer.Family(grandparent.Id!, child.Id!, "carer", Min(Max(child.MovedIn, child.Born.AddDays(1)), ReferenceDay.AddDays(-1)), null);
                }
            }
        }

        foreach (var parent in parents)
        {
            foreach (var grandparent in grandparents)
            {
                writer.Family(grandparent.Id!, parent.Id!, "parent", parent.Born, null);
            }
        }

        for (var i = 0; i < children.Count; i++)
        {
            for (var j = i + 1; j < children.Count; j++)
            {
                writer.Family(children[i].Id!, children[j].Id!, "sibling", Max(children[i].Born, children[j].Born), null);
            }
        }

        if (children.Count > 0 && parents.Count == 1 && random.NextDouble() < 0.5 && youngerSingles.Take() is { } other)
        {
            // The other parent lives elsewhere; the couple separated.
            var together = Min(children.Min(c => c.Born), other.MovedIn).AddDays(-random.Next(300, 1_500));
            var apart = children.Max(c => c.Born).AddDays(random.Next(30, 1_000));
            if (apart >= ReferenceDay)
            {
                apart = ReferenceDay.AddDays(-1);
            }

            if (apart > together)
            {
                writer.Family(other.Id!, parents[0].Id!, "partner", together, apart);
            }

            foreach (var child in children.Where(c => c.Born > other.Born.AddYears(16)))
            {
                writer.Family(other.Id!, child.Id!, "parent", child.Born, null);
            }
        }

        if (children.Count > 0 && grandparents.Count == 0 && random.NextDouble() < 0.3 && olderSingles.Take() is { } nan)
        {
            foreach (var child in children)
            {
                writer.Family(nan.Id!, child.Id!, "grandparent", child.Born, null);
            }

            if (parents.Count > 0 && parents[0].Born > nan.Born.AddYears(16))
            {
                writer.Family(nan.Id!, parents[0].Id!, "parent", parents[0].Born, null);
            }
        }

        if (members.Count >= 2 && random.NextDouble() < 0.02)
        {
            var carer = members.Where(m => m.Age >= 18).FirstOrDefault();
            var cared = members.Where(m => m != carer).FirstOrDefault();
            if (carer is not null && cared is not null && !(carer.Role is Role.Grandparent && cared.Role is Role.KinshipChild))
            {
                var since = Min(Max(carer.MovedIn, cared.MovedIn).AddDays(1 + random.Next(365)), ReferenceDay.AddDays(-1));
                if (since > Max(carer.MovedIn, cared.MovedIn))
                {
                    writer.Family(carer.Id!, cared.Id!, "carer", since, null);
                }
            }
        }
    }

    private void WriteInvolvements(Member member, int household)
    {
        var chance = member.Role switch
        {
            Role.Child or Role.KinshipChild => 0.45,
            Role.Older => 0.32,
            _ => 0.24,
        };
        if (random.NextDouble() >= chance)
        {
            return;
        }

        var kinds = member.Age < 18 ? AgencyKinds.ForChildren : AgencyKinds.ForAdults;
        var count = Pick([35, 35, 20, 10]) + 1;
        var chosen = new List<AgencyKind>(count);
        var weights = kinds.Select(k => k.Weight).ToArray();
        for (var attempt = 0; chosen.Count < count && attempt < 12; attempt++)
        {
            var kind = kinds[Pick(weights)].Kind;
            if (!chosen.Contains(kind) && (kind.Kind != "youth-justice" || member.Age >= 10))
            {
                chosen.Add(kind);
            }
        }

        // The statutory service leads when it is involved; otherwise the first. Some clients have no lead at all.
        var leadIndex = random.NextDouble() < 0.87 ? Math.Max(0, chosen.FindIndex(k => k.Kind is "children-social-care" or "adult-social-care")) : -1;
        for (var i = 0; i < chosen.Count; i++)
        {
            var kind = chosen[i];
            var professional = StaffFor(kind, household);
            var ended = random.NextDouble() < 0.12;
            var earliest = Max(member.Born, ReferenceDay.AddDays(-2_000));
            var span = ReferenceDay.DayNumber - earliest.DayNumber;
            if (span < 2)
            {
                continue;
            }

            var since = earliest.AddDays(random.Next(0, span - 1));
            DateOnly? until = null;
            if (ended)
            {
                var room = ReferenceDay.DayNumber - since.DayNumber - 1;
                if (room < 1)
                {
                    continue;
                }

                until = since.AddDays(1 + random.Next(room));
            }

            var sensitive = kind.Sensitive || random.NextDouble() < 0.03;
            var personId = member.Id!;
            var professionalId = professionalIds[professional];
            writer.InvolvedWith(professionalId, personId, Pick(kind.InvolvementRoles), i == leadIndex && !ended, sensitive, since, until);

            var last = until ?? ReferenceDay;
            var contacts = random.Next(0, 5);
            for (var c = 0; c < contacts; c++)
            {
                var daysBack = random.Next(1, Math.Max(2, Math.Min(200, last.DayNumber - since.DayNumber)));
                var day = last.AddDays(-daysBack);
                if (day < since)
                {
                    continue;
                }

                writer.Contact(professionalId, personId, At(day), Pick(["visit", "phone", "meeting", "message", "other"], [35, 30, 15, 15, 5]), planned: false);
            }

            if (until is null && random.NextDouble() < 0.25)
            {
                writer.Contact(professionalId, personId, At(ReferenceDay.AddDays(random.Next(1, 31))), random.NextDouble() < 0.7 ? "visit" : "meeting", planned: true);
            }
        }
    }

    private DateTimeOffset At(DateOnly day) =>
        new(day.ToDateTime(new TimeOnly(8 + random.Next(10), random.Next(4) * 15)), TimeSpan.Zero);

    private int StaffFor(AgencyKind kind, int household)
    {
        // Schools and GP practices serve a neighbourhood: nearby households share them.
        var local = kind.Kind switch
        {
            "school" => agencies.First(a => a.Kind == kind).Index + (int)(household * (long)schools / Math.Max(1, estimatedHouseholds + 1) % schools),
            "gp-practice" => agencies.First(a => a.Kind == kind).Index + (int)(household * (long)practices / Math.Max(1, estimatedHouseholds + 1) % practices),
            _ => -1,
        };
        var staff = local >= 0 ? staffByAgency[local] : staffByKind[kind.Kind];
        return staff[random.Next(staff.Count)];
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];

    private T Pick<T>(T[] items, int[] weights) => items[Pick(weights)];

    private int Pick(int[] weights) => Pick(Array.ConvertAll(weights, w => (double)w));

    private int Pick(double[] weights)
    {
        var roll = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private enum Role
    {
        Adult,
        Older,
        Parent,
        Child,
        Grandparent,
        KinshipChild,
        Sharer,
    }

    private sealed class Member(Role role, int age, string given, string family, Gender gender, DateOnly born, DateOnly movedIn)
    {
        public Role Role { get; } = role;

        public int Age { get; } = age;

        public string Given { get; } = given;

        public string Family { get; } = family;

        public Gender Gender { get; } = gender;

        public DateOnly Born { get; } = born;

        public DateOnly MovedIn { get; } = movedIn;

        public int Index { get; set; }

        public string? Id { get; set; }
    }

    private sealed class AgencySpec(int index, AgencyKind kind, string name)
    {
        public int Index { get; } = index;

        public AgencyKind Kind { get; } = kind;

        public string Name { get; } = name;

        public string Id { get; set; } = "";
    }

    /// <summary>A few recently written people to tie later households to, each used once.</summary>
    private sealed class Recent(int capacity)
    {
        private readonly Queue<Member> members = new();

        public void Add(Member member)
        {
            if (members.Count == capacity)
            {
                members.Dequeue();
            }

            members.Enqueue(member);
        }

        public Member? Take() => members.Count > 0 ? members.Dequeue() : null;
    }
}
