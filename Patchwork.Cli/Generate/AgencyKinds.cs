namespace Patchwork.Cli.Generate;

/// <summary>One of the twelve kinds of agency in a generated district, with what its staff are called and do.</summary>
internal sealed record AgencyKind(
    string Kind,
    string Name,
    bool Sensitive,
    double StaffShare,
    string Domain,
    string[] JobTitles,
    string[] Teams,
    string[] InvolvementRoles);

internal static class AgencyKinds
{
    public static readonly AgencyKind ChildrenSocialCare = new("children-social-care", "Northvale Children's Services", false, 0.22, "northvale.gov.uk",
        ["Social Worker", "Senior Social Worker", "Family Support Worker"], ["Child Protection", "Children in Need", "Assessment", "Looked After Children"],
        ["Child protection social worker", "Child in need social worker", "Family support worker"]);

    public static readonly AgencyKind AdultSocialCare = new("adult-social-care", "Northvale Adult Social Care", false, 0.10, "northvale.gov.uk",
        ["Social Worker", "Care Coordinator", "Occupational Therapist"], ["Adult Safeguarding", "Reablement", "Community Care"],
        ["Adult social worker", "Care coordinator", "Occupational therapist"]);

    public static readonly AgencyKind Health = new("health", "NHS Northvale Community Health", false, 0.18, "nhs.example",
        ["Health Visitor", "School Nurse", "District Nurse", "Midwife", "Community Nurse"], ["Health Visiting", "School Nursing", "District Nursing", "Midwifery"],
        ["Health visitor", "School nurse", "District nurse", "Community midwife"]);

    public static readonly AgencyKind Police = new("police", "Northvale Police", false, 0.08, "northvale-police.example",
        ["Police Safeguarding Officer", "Neighbourhood Officer", "Detective Constable"], ["Public Protection Unit", "Neighbourhood Policing"],
        ["Police safeguarding officer", "Neighbourhood officer"]);

    public static readonly AgencyKind School = new("school", "Northvale School", false, 0.14, "schools.northvale.example",
        ["Designated Safeguarding Lead", "Head of Year", "Pastoral Lead", "SENCO"], ["Pastoral", "Safeguarding", "Inclusion"],
        ["Designated safeguarding lead", "Pastoral lead", "SENCO"]);

    public static readonly AgencyKind GpPractice = new("gp-practice", "Northvale Medical Practice", false, 0.08, "gp.nhs.example",
        ["General Practitioner", "Practice Nurse"], ["General Practice"],
        ["GP", "Practice nurse"]);

    public static readonly AgencyKind Housing = new("housing", "Northvale Homes", false, 0.04, "northvalehomes.example",
        ["Housing Officer", "Tenancy Support Worker"], ["Tenancy Support", "Homelessness"],
        ["Housing officer", "Tenancy support worker"]);

    public static readonly AgencyKind YouthJustice = new("youth-justice", "Northvale Youth Justice Service", false, 0.04, "northvale.gov.uk",
        ["Youth Justice Worker", "Case Manager"], ["Youth Justice"],
        ["Youth justice worker"]);

    public static readonly AgencyKind EarlyHelp = new("early-help", "Northvale Early Help", false, 0.05, "northvale.gov.uk",
        ["Early Help Practitioner", "Family Worker"], ["Early Help", "Family Hubs"],
        ["Early help practitioner", "Family worker"]);

    public static readonly AgencyKind SubstanceMisuse = new("substance-misuse", "Northvale Recovery Service", true, 0.03, "recovery.example",
        ["Recovery Worker", "Substance Misuse Nurse"], ["Adult Recovery", "Young People's Service"],
        ["Recovery worker"]);

    public static readonly AgencyKind DomesticAbuse = new("domestic-abuse", "Northvale Domestic Abuse Service", true, 0.02, "dasupport.example",
        ["Independent Domestic Violence Advisor", "Outreach Worker"], ["Outreach", "Refuge"],
        ["IDVA", "Outreach worker"]);

    public static readonly AgencyKind MentalHealth = new("mental-health", "Northvale Mental Health Service", true, 0.02, "mentalhealth.nhs.example",
        ["Community Psychiatric Nurse", "Mental Health Practitioner", "Clinical Psychologist"], ["CAMHS", "Community Mental Health Team"],
        ["Mental health practitioner", "Community psychiatric nurse"]);

    public static readonly AgencyKind[] All =
    [
        ChildrenSocialCare, AdultSocialCare, Health, Police, School, GpPractice, Housing, YouthJustice, EarlyHelp, SubstanceMisuse, DomesticAbuse, MentalHealth,
    ];

    /// <summary>Which services a child client sees, and how often.</summary>
    public static readonly (AgencyKind Kind, double Weight)[] ForChildren =
    [
        (ChildrenSocialCare, 50), (School, 45), (Health, 40), (GpPractice, 12), (Police, 8), (YouthJustice, 6), (EarlyHelp, 25), (MentalHealth, 8),
    ];

    /// <summary>Which services an adult client sees, and how often.</summary>
    public static readonly (AgencyKind Kind, double Weight)[] ForAdults =
    [
        (AdultSocialCare, 30), (Health, 35), (GpPractice, 30), (Police, 12), (Housing, 25), (SubstanceMisuse, 12), (DomesticAbuse, 8), (MentalHealth, 18), (EarlyHelp, 6),
    ];
}
