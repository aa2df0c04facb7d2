namespace Patchwork.Graph.Access;

/// <summary>
/// Who will see what a screen or a file shows. A meeting's shared screen is seen by everyone in the room, whatever
/// the presenter is entitled to, so it never shows a sensitive service, an NHS number, or - until the presenter
/// reveals them - phone numbers, emails and addresses.
/// </summary>
public enum Audience
{
    /// <summary>The signed-in professional alone: everything their access allows.</summary>
    Viewer,

    /// <summary>A meeting on a shared screen, contact details and addresses hidden.</summary>
    Meeting,

    /// <summary>A meeting on a shared screen, with the contact details and addresses the presenter may see revealed.</summary>
    MeetingWithContacts,
}

public static class AudienceText
{
    public static bool IsMeeting(this Audience audience) => audience is Audience.Meeting or Audience.MeetingWithContacts;

    /// <summary>How the audit trail records who a view was for.</summary>
    public static string Describe(this Audience audience) => audience switch
    {
        Audience.Meeting => "meeting view, contact details hidden",
        Audience.MeetingWithContacts => "meeting view, contact details shown",
        _ => "own view",
    };
}
