namespace ModelRelease;

/// <summary>What a store migration copied (or, planned, would copy).</summary>
/// <param name="Source">The store copied from (never changed), as displayed: a path, or a connection without its password.</param>
/// <param name="Target">The store copied into.</param>
/// <param name="Tables">Every table, in copy order, with its row count and digest.</param>
/// <param name="RootId">
/// The root's new id, bound in the target store and written to the root's marker; null for a plan, and for a copy made
/// without a root (<see cref="StoreMigration.Run"/>).
/// </param>
public sealed record StoreMigrationResult(string Source, string Target, IReadOnlyList<StoreTableCopy> Tables, string? RootId)
{
    /// <summary>All rows of all tables.</summary>
    public long TotalRows => Tables.Sum(t => t.Rows);
}
