namespace ModelRelease.Internal;

/// <summary>
/// The hidden directory a push copies into before the lock (and a prune moves a copy to before deleting it):
/// <c>versions/.incoming-&lt;pid&gt;-&lt;guid&gt;-&lt;host&gt;</c>. The leading dot keeps it out of listings and TF Serving's
/// view; the step's journal entry, written before the directory exists, is what makes it ModelRelease's to delete.
/// </summary>
internal static class IncomingCopies
{
    /// <summary>A fresh name for this process's next copy.</summary>
    public static string NewName() =>
        $"{ServingLayout.TemporaryPrefix}incoming-{Environment.ProcessId}-{Guid.NewGuid():N}-{Environment.MachineName}";
}
