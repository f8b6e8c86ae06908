namespace ModelRelease.Internal;

/// <summary>How a serving root and its store stand once <see cref="RootGuard.Check"/> has accepted them.</summary>
/// <param name="RootId">The id they share; null for a new root (its first change makes one).</param>
/// <param name="NeedsBinding">True for a new root and a new store: the first change writes the marker and binds the store in its transaction.</param>
internal sealed record RootState(string? RootId, bool NeedsBinding);
