namespace ModelRelease;

/// <summary>What Adopt did (or, planned, would do).</summary>
/// <param name="RootId">The id the root and the store share afterwards.</param>
/// <param name="WroteMarker">True when the root's marker is (re)written: it had none, a damaged one, or gets a new id.</param>
/// <param name="BoundStore">True when the store records the root anew; false when they already belonged together.</param>
/// <param name="Unknown">Directories under the root the store does not know: the next change moves them to the quarantine.</param>
/// <param name="Registered">What an empty store gets registered from the root's files: versions and labels, one line each.</param>
/// <param name="Why">What the root and the store were, in a sentence, e.g. "the store records no root (an older ModelRelease wrote it)".</param>
public sealed record AdoptResult(string RootId, bool WroteMarker, bool BoundStore, IReadOnlyList<string> Unknown, IReadOnlyList<string> Registered, string Why)
{
    /// <summary>True when the root's marker is damaged: it is moved to the quarantine (kept, never deleted) before the new one is written.</summary>
    public bool SetsAsideDamagedMarker { get; init; }

    /// <summary>What the importer found, carried from the decision to the write.</summary>
    internal (IReadOnlyList<Internal.RootImporter.Found> Versions, IReadOnlyList<Internal.RootImporter.FoundLabel> Labels)? Import { get; init; }
}
