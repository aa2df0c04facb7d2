namespace Patchwork.Graph.Audit;

/// <summary>
/// Appends records that are already chained, a batch per transaction, with their checkpoints written after each
/// commit: how <c>patchwork audit generate</c> makes a trail of millions of records to measure. The batch must
/// follow the trail's newest record, checked inside the transaction, so a batch never forks the chain.
/// </summary>
internal interface IAuditBulkAppend
{
    /// <summary>The newest record's sequence and hash; null for an empty trail.</summary>
    Task<(long Sequence, string Hash)?> NewestAsync(CancellationToken cancellationToken = default);

    Task AppendChainedAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default);
}

/// <summary>Why a chained batch cannot be appended: it does not follow the trail's newest record.</summary>
internal static class AuditBulkChecks
{
    public static void Follows(IReadOnlyList<AuditRecord> records, long? newestSequence, string? newestHash)
    {
        if (records.Count == 0)
        {
            return;
        }

        var first = records[0];
        if (first.Sequence != (newestSequence ?? 0) + 1 || first.PreviousHash != (newestHash ?? AuditRecord.FirstPreviousHash))
        {
            throw new InvalidOperationException($"The records to append start at {first.Sequence:N0} but the trail ends at {newestSequence ?? 0:N0} with another hash: something else appended meanwhile, so nothing was appended.");
        }
    }
}
