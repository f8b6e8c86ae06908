namespace ModelRelease;

/// <summary>What Adopt did (or, planned, would do).</summary>
/// <param name="RootId">The id the root and the store share.</param>
/// <param name="WroteMarker">True when the root had no marker and got one.</param>
/// <param name="BoundStore">True when the store did not record the root and now does; false when they already belonged together.</param>
/// <param name="Unknown">Directories under the root the store does not know: the next change moves them to the quarantine.</param>
public sealed record AdoptResult(string RootId, bool WroteMarker, bool BoundStore, IReadOnlyList<string> Unknown);
