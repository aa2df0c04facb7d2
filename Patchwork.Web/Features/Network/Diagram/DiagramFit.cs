namespace Patchwork.Web.Features.Network.Diagram;

/// <summary>Where a diagram is read: on a desk's screen, or on a shared screen from across a meeting room.</summary>
public enum DiagramSetting
{
    Desk,
    Room,
}

/// <summary>A zoom and the offset of the diagram's origin on the canvas, in CSS pixels.</summary>
public readonly record struct DiagramView(double Zoom, double PanX, double PanY);

/// <summary>
/// How large the diagram is drawn: fitted to the canvas, but never so small that its words fall below what can be
/// read where it is read. A network too big for that is panned (at a desk) or grouped (in a meeting, see
/// RoomGrouping) rather than shrunk.
/// </summary>
public static class DiagramFit
{
    /// <summary>Space left round the network, in diagram units.</summary>
    public const double Margin = 24;

    /// <summary>The largest zoom a fit uses: a small network is drawn large, not huge.</summary>
    public const double Largest = 2;

    /// <summary>The smallest font size of a name on the canvas at a desk (app.css), and what it must be drawn at.</summary>
    public const double DeskNameFont = 15;
    public const double DeskNameTarget = 13.5;

    /// <summary>
    /// In a room, the smallest font sizes of a name and a second line (MeetingPage.razor.css), and what they must be
    /// drawn at per pixel of the screen's height: the larger the screen, the further away its readers sit, so the
    /// words grow with it (a 1080-pixel-high screen draws names at 21 pixels and second lines at 18, a 720-pixel
    /// one at 14 and 12).
    /// </summary>
    public const double RoomNameFont = 18;
    public const double RoomDetailFont = 15.5;
    public const double RoomNamePerPixel = 0.0196;
    public const double RoomDetailPerPixel = 0.0168;

    /// <summary>The smallest zoom at which the words are still large enough to read on a screen this high (CSS pixels).</summary>
    public static double Floor(DiagramSetting setting, double screenHeight) => setting switch
    {
        DiagramSetting.Desk => DeskNameTarget / DeskNameFont,
        DiagramSetting.Room => Math.Max(RoomNamePerPixel * screenHeight / RoomNameFont, RoomDetailPerPixel * screenHeight / RoomDetailFont),
    };

    /// <summary>The zoom that fits the content's box (diagram units) into the canvas (CSS pixels), with the margin.</summary>
    public static double FitZoom(double contentWidth, double contentHeight, double canvasWidth, double canvasHeight) =>
        Math.Min(canvasWidth / (contentWidth + (2 * Margin)), canvasHeight / (contentHeight + (2 * Margin)));

    /// <summary>Whether the content fits the canvas with its words at least as large as <see cref="Floor"/>.</summary>
    public static bool Fits(DiagramSetting setting, double contentWidth, double contentHeight, double canvasWidth, double canvasHeight, double screenHeight) =>
        FitZoom(contentWidth, contentHeight, canvasWidth, canvasHeight) >= Floor(setting, screenHeight);

    /// <summary>
    /// The view of content whose box starts at (<paramref name="left"/>, <paramref name="top"/>): fitted, no smaller
    /// than the floor and no larger than <see cref="Largest"/>, centred on the canvas. Content larger than the
    /// canvas at the floor is centred too, so the focus (in the middle of the layout) is on screen.
    /// </summary>
    public static DiagramView View(DiagramSetting setting, double left, double top, double contentWidth, double contentHeight, double canvasWidth, double canvasHeight, double screenHeight)
    {
        var floor = Floor(setting, screenHeight);
        var zoom = Math.Clamp(FitZoom(contentWidth, contentHeight, canvasWidth, canvasHeight), Math.Min(floor, Largest), Largest);
        var panX = ((canvasWidth - (contentWidth * zoom)) / 2) - (left * zoom);
        var panY = ((canvasHeight - (contentHeight * zoom)) / 2) - (top * zoom);
        return new DiagramView(zoom, panX, panY);
    }
}
