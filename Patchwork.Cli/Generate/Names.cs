namespace Patchwork.Cli.Generate;

/// <summary>The made-up names, streets and job titles a generated district is written with.</summary>
internal static class Names
{
    public static readonly string[] Female =
    [
        "Ava", "Olivia", "Amelia", "Isla", "Mia", "Freya", "Lily", "Grace", "Sophie", "Ella", "Evie", "Chloe", "Poppy", "Ruby",
        "Emily", "Jessica", "Hannah", "Zara", "Aisha", "Maya", "Layla", "Nadia", "Priya", "Amira", "Fatima", "Holly", "Megan",
        "Rachel", "Sarah", "Laura", "Emma", "Claire", "Nicola", "Joanne", "Helen", "Karen", "Susan", "Linda", "Margaret", "Patricia",
        "Jean", "Brenda", "Doreen", "Irene", "Joan", "Kathleen", "Sandra", "Tracey", "Dawn", "Kelly", "Leanne", "Stacey", "Shannon",
        "Chantelle", "Kayleigh", "Jade", "Amber", "Bethany", "Niamh", "Siobhan",
    ];

    public static readonly string[] Male =
    [
        "Noah", "Oliver", "George", "Arthur", "Leo", "Harry", "Oscar", "Jack", "Charlie", "Jacob", "Thomas", "Alfie", "Freddie",
        "Theo", "Ethan", "Liam", "Mason", "Kai", "Ryan", "Callum", "Adam", "Ali", "Omar", "Yusuf", "Rohan", "Arjun", "Daniel",
        "James", "David", "Michael", "Paul", "Mark", "Stephen", "Andrew", "Gary", "Craig", "Darren", "Lee", "Wayne", "Dean", "Jason",
        "Kevin", "Brian", "Peter", "John", "Robert", "Alan", "Keith", "Derek", "Colin", "Raymond", "Kenneth", "Dennis", "Ronald",
        "Stanley", "Harold", "Nathan", "Jordan", "Connor", "Kieran",
    ];

    public static readonly string[] Other = ["Alex", "Sam", "Charlie", "Jordan", "Robin", "Jamie", "Riley", "Morgan"];

    public static readonly string[] Family =
    [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright", "Thompson", "Evans",
        "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Patel", "Khan", "Lewis", "James", "Phillips",
        "Mason", "Mitchell", "Rose", "Davis", "Rodriguez", "Cox", "Alexander", "Turner", "Hale", "Morgan", "Hughes", "Edwards", "Hill",
        "Moore", "Clark", "Harrison", "Scott", "Young", "Morris", "Hussain", "Ali", "Ahmed", "Begum", "Singh", "Kaur", "Shah", "Murphy",
        "Kelly", "O'Brien", "Byrne", "Ryan", "Walsh", "O'Neill", "Campbell", "Stewart", "Anderson", "MacDonald", "Reid", "Murray",
        "Cooper", "Ward", "Morrison", "King", "Baker", "Harris", "Allen", "Bell", "Carter", "Shaw", "Lloyd", "Parker", "Price",
        "Bennett", "Griffiths", "Kennedy", "Marshall", "Owen", "Holmes", "Mills", "Rogers", "Richardson", "Palmer", "Cook", "Watson",
        "Fox", "Chapman", "Webb", "Gray", "Ellis", "Powell", "Barker", "Bailey", "Hunt", "Dixon", "Adams", "Nowak", "Kowalski",
        "Popescu", "Okafor", "Adeyemi", "Mensah", "Osei", "Nguyen", "Chen", "Wong", "Da Silva", "Costa", "Ferreira",
    ];

    public static readonly string[] Streets =
    [
        "Elm Road", "Canal Street", "Orchard Close", "Church Lane", "Station Road", "High Street", "Victoria Road", "Mill Lane",
        "Park Avenue", "Queen Street", "King's Road", "Meadow Way", "Willow Drive", "Beech Grove", "Ash Court", "Riverside",
        "Hawthorn Crescent", "Chapel Street", "Market Place", "New Road", "Green Lane", "Albert Terrace", "Oak Tree Walk",
        "Foundry Row", "Brook Street", "Cedar Gardens", "Lime Avenue", "Rowan Close", "Hillside", "Northgate",
    ];

    public static readonly string[] Letters = ["A", "B", "D", "E", "F", "G", "H", "J", "L", "N", "P", "Q", "R", "S", "T", "U", "W", "X", "Y", "Z"];
}
