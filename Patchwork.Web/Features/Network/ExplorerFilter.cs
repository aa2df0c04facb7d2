using Patchwork.Graph.Model;

namespace Patchwork.Web.Features.Network;

/// <summary>What the user chose to hide. Hiding never changes what was loaded, only what is drawn.</summary>
public sealed class ExplorerFilter
{
    public HashSet<RelationshipType> HiddenTypes { get; } = [];

    public HashSet<string> HiddenAgencyKinds { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Show relationships that ended in the 30 days before the date shown, drawn faded.</summary>
    public bool ShowEnded { get; set; } = true;

    public bool IsDefault => HiddenTypes.Count == 0 && HiddenAgencyKinds.Count == 0 && ShowEnded;
}
