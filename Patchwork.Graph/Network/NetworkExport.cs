using Patchwork.Graph.Access;
using Patchwork.Graph.Model;

namespace Patchwork.Graph.Network;

/// <summary>
/// What to export: a network as the screen shows it (focus, date, depth and the steps out taken), for an
/// audience, and in words for the audit trail what is made of it ("diagram as SVG").
/// </summary>
public sealed record NetworkExportRequest(string PersonId, DateOnly AsOf, int Depth, IReadOnlyList<NodeRef> Steps, Audience Audience, string What);

/// <summary>One step out taken again for an export: the node and what stepping out from it shows.</summary>
public sealed record ExportedStep(NodeRef Node, GraphNetwork Result, IReadOnlyList<PersonStatus> Statuses);

/// <summary>A network ready to be drawn into a file, with the marking the file must carry.</summary>
public sealed record NetworkExport(NetworkPicture Picture, IReadOnlyList<ExportedStep> Steps, ExportMarking Marking);

/// <summary>
/// What every exported picture says about itself: who exported it and when, the date it shows, and its
/// Government Security Classification, so a copy found on a printer still says what it is.
/// </summary>
public sealed record ExportMarking(string ExportedBy, DateTimeOffset ExportedAt, DateOnly AsOf, Audience Audience)
{
    public const string Classification = "OFFICIAL-SENSITIVE";
}
