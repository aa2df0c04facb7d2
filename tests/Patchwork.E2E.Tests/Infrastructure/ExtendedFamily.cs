using System.Globalization;
using System.Text;

namespace Patchwork.E2E.Tests.Infrastructure;

/// <summary>
/// A made-up extended family in the bulk format whose network, at depth 2 around the first child, holds 150 nodes:
/// 44 people (the child's household, both parents' sides, aunts, uncles, cousins, great-grandparents) in 4
/// households, 90 professionals and 12 agencies. <c>patchwork generate</c> makes districts of small families, whose
/// networks stay under 30 nodes; this is the load to measure a network the size of a busy case conference.
/// </summary>
internal static class ExtendedFamily
{
    public const string Focus = "P001";
    public const int ExpectedNodes = 150;
    private const int ProfessionalsPerClient = 3;
    private const int Clients = 30;

    private static readonly string[] AgencyKinds =
        ["children-social-care", "adult-social-care", "health", "gp", "police", "fire", "school", "youth", "housing", "voluntary", "substance-misuse", "domestic-abuse"];

    public static void Write(string folder)
    {
        Directory.CreateDirectory(folder);
        var people = new List<(string Id, string Given, string Family, DateOnly Born, string Gender)>();
        var members = new List<(string Person, string Household, DateOnly Since)>();
        var family = new List<(string From, string To, string Kind, DateOnly Since)>();

        string Person(string given, string familyName, int year, string gender, string? household)
        {
            var id = $"P{people.Count + 1:000}";
            var born = new DateOnly(year, 1 + (people.Count % 12), 1 + (people.Count % 27));
            people.Add((id, given, familyName, born, gender));
            if (household is not null)
            {
                members.Add((id, household, born.Year < 2000 ? new DateOnly(2010, 1, 1) : born));
            }

            return id;
        }

        DateOnly Born(string id) => people.Single(p => p.Id == id).Born;
        void Parent(string parent, string child) => family.Add((parent, child, "parent", Born(child)));
        void Grandparent(string grandparent, string child) => family.Add((grandparent, child, "grandparent", Born(child)));
        void Siblings(string a, string b) => family.Add((a, b, "sibling", new[] { Born(a), Born(b) }.Max()));

        // The child's home: the focus, her mother and two siblings.
        var focus = Person("Rosa", "Delaney", 2014, "female", "H001");
        var mother = Person("Niamh", "Delaney", 1987, "female", "H001");
        var siblings = new[] { Person("Finn", "Delaney", 2016, "male", "H001"), Person("Orla", "Delaney", 2019, "female", "H001") };
        // The father's home, with his partner and her three children.
        var father = Person("Sean", "Brady", 1985, "male", "H002");
        var partner = Person("Kate", "Moran", 1986, "female", "H002");
        var stepChildren = new[] { Person("Ella", "Moran", 2011, "female", "H002"), Person("Luke", "Moran", 2013, "male", "H002"), Person("Cara", "Moran", 2017, "female", "H002") };
        // Both sets of grandparents; the paternal ones still have a son at home.
        var maternal = new[] { Person("Brigid", "Delaney", 1960, "female", "H003"), Person("Tom", "Delaney", 1958, "male", "H003") };
        var paternal = new[] { Person("Maura", "Brady", 1959, "female", "H004"), Person("Pat", "Brady", 1957, "male", "H004") };
        var mothersSiblings = new[] { Person("Aoife", "Delaney", 1984, "female", "H005"), Person("Conor", "Delaney", 1989, "male", "H006"), Person("Grainne", "Delaney", 1991, "female", "H007"), Person("Declan", "Delaney", 1993, "male", "H008") };
        var fathersSiblings = new[] { Person("Eoin", "Brady", 1996, "male", "H004"), Person("Sinead", "Brady", 1983, "female", "H009"), Person("Ciaran", "Brady", 1988, "male", "H010") };
        // Three children each for the aunts and uncles who have left home, living with their parent.
        string[] names = ["Aisling", "Ronan", "Maeve", "Cian", "Niall", "Roisin"];
        var cousins = mothersSiblings.Concat(fathersSiblings.Skip(1)).SelectMany((parent, i) => Enumerable.Range(0, 3).Select(c =>
        {
            var home = members.Single(m => m.Person == parent).Household;
            var familyName = people.Single(p => p.Id == parent).Family;
            return (Parent: parent, Child: Person(names[(i + c) % names.Length], familyName, 2008 + i + (c * 2), c % 2 == 0 ? "female" : "male", home));
        })).ToList();
        var greatGrandparents = new[] { Person("Mary", "Kavanagh", 1935, "female", null), Person("John", "Kavanagh", 1933, "male", null) };
        var greatAuntsAndUncles = new[] { Person("Noreen", "Kavanagh", 1962, "female", null), Person("Liam", "Kavanagh", 1964, "male", null), Person("Joan", "Brady", 1955, "female", null), Person("Michael", "Brady", 1961, "male", null) };

        foreach (var child in siblings.Prepend(focus))
        {
            Parent(mother, child);
            Parent(father, child);
            foreach (var grandparent in maternal.Concat(paternal))
            {
                Grandparent(grandparent, child);
            }
        }

        Siblings(focus, siblings[0]);
        Siblings(focus, siblings[1]);
        Siblings(siblings[0], siblings[1]);
        family.Add((father, partner, "partner", new DateOnly(2018, 5, 1)));
        foreach (var child in stepChildren)
        {
            Parent(partner, child);
            family.Add((father, child, "other", new DateOnly(2018, 5, 1)));
        }

        foreach (var grandparent in maternal)
        {
            Parent(grandparent, mother);
            foreach (var child in mothersSiblings)
            {
                Parent(grandparent, child);
            }
        }

        foreach (var grandparent in paternal)
        {
            Parent(grandparent, father);
            foreach (var child in fathersSiblings)
            {
                Parent(grandparent, child);
            }
        }

        foreach (var (parent, child) in cousins)
        {
            Parent(parent, child);
            foreach (var grandparent in mothersSiblings.Contains(parent) ? maternal : paternal)
            {
                Grandparent(grandparent, child);
            }
        }

        foreach (var greatGrandparent in greatGrandparents)
        {
            Parent(greatGrandparent, maternal[0]);
            Parent(greatGrandparent, greatAuntsAndUncles[0]);
            Parent(greatGrandparent, greatAuntsAndUncles[1]);
        }

        Siblings(maternal[0], greatAuntsAndUncles[0]);
        Siblings(maternal[0], greatAuntsAndUncles[1]);
        Siblings(paternal[1], greatAuntsAndUncles[2]);
        Siblings(paternal[1], greatAuntsAndUncles[3]);

        // The first thirty people each have three professionals of their own, from agencies of every kind.
        var involvements = people.Take(Clients)
            .SelectMany((person, i) => Enumerable.Range(0, ProfessionalsPerClient).Select(k => (Professional: $"PR{(i * ProfessionalsPerClient) + k + 1:000}", Person: person.Id, Lead: k == 0)))
            .ToList();

        Csv(folder, "persons.csv", "id:ID(Person),givenName,familyName,dateOfBirth:date,gender,nhsNumber,:LABEL",
            people.Select(p => $"{p.Id},{p.Given},{p.Family},{Day(p.Born)},{p.Gender},,Person"));
        Csv(folder, "households.csv", "id:ID(Household),name,address,postcode,:LABEL",
            Enumerable.Range(1, 10).Select(h => $"H{h:000},Household {h},{h * 3} Willow Lane,EF{h} 1AA,Household"));
        Csv(folder, "member_of.csv", ":START_ID(Person),:END_ID(Household),since:date,until:date,:TYPE",
            members.Select(m => $"{m.Person},{m.Household},{Day(m.Since)},,MEMBER_OF"));
        Csv(folder, "family.csv", ":START_ID(Person),:END_ID(Person),kind,since:date,until:date,:TYPE",
            family.Select(f => $"{f.From},{f.To},{f.Kind},{Day(f.Since)},,FAMILY"));
        Csv(folder, "agencies.csv", "id:ID(Agency),name,kind,phone,sensitive:boolean,:LABEL",
            AgencyKinds.Select((kind, i) => $"A{i + 1:00},Eastfield {CultureInfo.InvariantCulture.TextInfo.ToTitleCase(kind.Replace('-', ' '))},{kind},01632 961{i:000},false,Agency"));
        Csv(folder, "professionals.csv", "id:ID(Professional),givenName,familyName,jobTitle,phone,email,roles:string[],:LABEL",
            involvements.Select((v, i) => $"{v.Professional},Worker,Number {i + 1},Practitioner,01632 962{i:000},worker{i + 1}@eastfield.example,Practitioner,Professional"));
        Csv(folder, "works_for.csv", ":START_ID(Professional),:END_ID(Agency),team,since:date,until:date,:TYPE",
            involvements.Select((v, i) => $"{v.Professional},A{(i % AgencyKinds.Length) + 1:00},Team {(i % 4) + 1},2015-01-05,,WORKS_FOR"));
        Csv(folder, "involved_with.csv", ":START_ID(Professional),:END_ID(Person),role,lead:boolean,sensitive:boolean,since:date,until:date,:TYPE",
            involvements.Select(v => $"{v.Professional},{v.Person},Key worker,{(v.Lead ? "true" : "false")},false,2025-03-03,,INVOLVED_WITH"));
        File.WriteAllText(Path.Combine(folder, "reference-date.txt"), "2026-06-01");
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Csv(string folder, string name, string header, IEnumerable<string> rows) =>
        File.WriteAllText(Path.Combine(folder, name), string.Join('\n', rows.Prepend(header)) + "\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
}
