namespace ModelRelease.Internal;

/// <summary>How a serving root and its store stand once <see cref="RootGuard.Check"/> has accepted them.</summary>
/// <param name="RootId">The id they share, or the marker's id the store is about to record; null for a new root (the first change makes one).</param>
/// <param name="NeedsBinding">True when the store does not record the root yet: the first change writes the marker and binds the store in its transaction.</param>
internal sealed record RootState(string? RootId, bool NeedsBinding);
