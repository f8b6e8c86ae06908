namespace ModelRelease;

/// <summary>The serving root a metadata store belongs to, as the store records it.</summary>
/// <param name="RootId">The root's id, the same as in its <c>.modelrelease/root.json</c>.</param>
/// <param name="RootPath">The root's absolute path when it was bound (for messages: a root may move since).</param>
/// <param name="BoundAt">When the store was bound to it, UTC.</param>
public sealed record RootBinding(string RootId, string RootPath, DateTimeOffset BoundAt)
{
    /// <summary>How many changes the store has committed to the root; the root's marker keeps the newest it saw, so an older store (a restored backup) is told apart.</summary>
    public long Generation { get; init; }
}
