using Patchwork.Graph.Model;

namespace Patchwork.Web.Features.Changes;

/// <summary>
/// Family ties as a practitioner says them - "[someone] is the child of [person]" - and how each is stored: the
/// family kind, and whether that someone is the tie's start (see <see cref="FamilyKind"/>).
/// </summary>
public static class TieChoices
{
    public static readonly IReadOnlyList<(string Key, string Text, FamilyKind Kind, bool SomeoneIsFrom)> All =
    [
        ("child", "Child of", FamilyKind.Parent, false),
        ("parent", "Parent of", FamilyKind.Parent, true),
        ("sibling", "Sibling of", FamilyKind.Sibling, true),
        ("partner", "Partner of", FamilyKind.Partner, true),
        ("grandparent", "Grandparent of", FamilyKind.Grandparent, true),
        ("grandchild", "Grandchild of", FamilyKind.Grandparent, false),
        ("carer", "Carer of", FamilyKind.Carer, true),
        ("cared-for", "Cared for by", FamilyKind.Carer, false),
        ("other", "Other family of", FamilyKind.Other, true),
    ];

    public static (FamilyKind Kind, bool SomeoneIsFrom) Find(string key)
    {
        var (_, _, kind, someoneIsFrom) = All.First(t => t.Key == key);
        return (kind, someoneIsFrom);
    }
}
