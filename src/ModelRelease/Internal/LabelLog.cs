namespace ModelRelease.Internal;

/// <summary>Answers about labels that only the audit log knows, read through whichever reader or writer the caller holds.</summary>
internal static class LabelLog
{
    /// <summary>
    /// What stable pointed to before its last move: the last stable event's origin. Read from the log, not from
    /// version numbers, because after a rollback the previous stable is the newer version rolled away from.
    /// </summary>
    public static ModelVersion? PreviousStable(IMetadataReader reader, string model)
    {
        var lastMove = reader.Events(new EventQuery(model, LabelNames.Stable, Newest: 1)).SingleOrDefault();
        return lastMove?.FromVersion is { } previous ? reader.FindVersion(model, previous) : null;
    }
}
