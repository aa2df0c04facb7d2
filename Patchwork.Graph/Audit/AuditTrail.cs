using System.Text;

namespace Patchwork.Graph.Audit;

/// <summary>What was done, in the words the audit pages and exports use.</summary>
public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignOut = "sign-out";
    public const string EndSessions = "end-sessions";
    public const string Search = "search";
    public const string ViewNetwork = "view-network";
    public const string MeetingView = "meeting-view";
    public const string StepOut = "step-out";
    public const string BreakGlass = "break-glass";
    public const string Review = "review-break-glass";
    public const string Change = "change";

    /// <summary>A change that was recorded before it was applied (on Neo4j) and then failed.</summary>
    public const string ChangeFailed = "change-failed";
    public const string Export = "export";
    public const string Refused = "refused";

    /// <summary>A call by another system to /fhir or /api/v1; its actor is the client.</summary>
    public const string ApiCall = "api-call";

    /// <summary>A feed message naming an NHS number nobody has was held for a coordinator to match.</summary>
    public const string FeedHeld = "feed-held";

    /// <summary>A coordinator matched a held feed message to a person, or rejected it.</summary>
    public const string FeedDecision = "feed-decision";
}

/// <summary>One thing someone did: who, what, to whom, and why when they had to say.</summary>
public sealed record AuditEntry(
    string Actor,
    string ActorName,
    string Action,
    string? Target,
    IReadOnlyList<string> PersonIds,
    string? Reason = null,
    string? Details = null);

/// <summary>
/// An entry as recorded: numbered, time-stamped and chained - its hash covers its own fields and the previous
/// record's hash, so editing or deleting any record breaks every hash after it.
/// </summary>
public sealed record AuditRecord(long Sequence, DateTimeOffset At, AuditEntry Entry, string PreviousHash, string Hash)
{
    public const string FirstPreviousHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string ComputeHash(long sequence, DateTimeOffset at, AuditEntry entry, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(previousHash);
        var batch = new AuditBatch(1);
        batch.Begin(sequence, at.ToUnixTimeMilliseconds());
        foreach (var field in new[] { entry.Actor, entry.ActorName, entry.Action, entry.Target, string.Join('\u001f', entry.PersonIds), entry.Reason, entry.Details, previousHash, "" })
        {
            batch.Text(field);
        }

        batch.End();
        Span<byte> hex = stackalloc byte[AuditCanonical.HashLength];
        batch.ComputeHash(0, new byte[batch.CanonicalLength(0)], hex);
        return Encoding.ASCII.GetString(hex);
    }

    public bool HashIsValid => Hash == ComputeHash(Sequence, At, Entry, PreviousHash);
}

/// <summary>
/// The outcome of checking the whole trail: the chain, the signed checkpoints outside the store, and the per-person
/// index. Each problem is said plainly; the trail is intact only when there are none.
/// </summary>
public sealed record AuditVerification(long RecordsChecked, long? FirstBrokenSequence, IReadOnlyList<string> Problems)
{
    public bool IsIntact => Problems.Count == 0;

    /// <summary>Every problem in one sentence, or null when there is none.</summary>
    public string? Problem => Problems.Count == 0 ? null : string.Join("; ", Problems);
}

/// <summary>The append-only audit trail: nothing in Patchwork updates or deletes a record.</summary>
public interface IAuditTrail
{
    Task<AuditRecord> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Who has looked at or changed anything about a person, newest first.</summary>
    Task<IReadOnlyList<AuditRecord>> ForPersonAsync(string personId, int take = 500, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AuditRecord>> RecentAsync(int take = 200, CancellationToken cancellationToken = default);

    /// <summary>
    /// Walks the chain from the first record, compares it with the signed checkpoints kept outside the store (so a
    /// removed tail or a rewritten chain shows) and rebuilds the per-person index from the records to compare it
    /// with the stored one.
    /// </summary>
    Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default);
}
