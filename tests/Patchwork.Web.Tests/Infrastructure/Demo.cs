using Patchwork.Graph.Model;

namespace Patchwork.Web.Tests.Infrastructure;

/// <summary>The people of the Northvale demo district the tests talk about (see seed-data/README.md).</summary>
internal static class Demo
{
    public static readonly NodeRef Ava = new(NodeKind.Person, "P001");
    public static readonly NodeRef Chloe = new(NodeKind.Person, "P002");
    public static readonly NodeRef Noah = new(NodeKind.Person, "P003");
    public static readonly NodeRef Liam = new(NodeKind.Person, "P004");
    public static readonly NodeRef Margaret = new(NodeKind.Person, "P005");
    public static readonly NodeRef TurnerHousehold = new(NodeKind.Household, "H001");
    public static readonly NodeRef LiamsFlat = new(NodeKind.Household, "H002");
    public static readonly NodeRef MargaretsHome = new(NodeKind.Household, "H003");
    public static readonly NodeRef Sam = new(NodeKind.Professional, "PR001");
    public static readonly NodeRef Priya = new(NodeKind.Professional, "PR002");
    public static readonly NodeRef Tom = new(NodeKind.Professional, "PR003");
    public static readonly NodeRef Helen = new(NodeKind.Professional, "PR006");
    public static readonly NodeRef ChildrensServices = new(NodeKind.Agency, "A01");
    public static readonly NodeRef Police = new(NodeKind.Agency, "A05");

    /// <summary>Mason Hughes: four agencies, no lead.</summary>
    public const string Mason = "P047";

    /// <summary>Jordan Robinson: gender "other".</summary>
    public const string Jordan = "P113";

    /// <summary>Reece Doyle: no date of birth and no gender.</summary>
    public const string Reece = "P026";
}
