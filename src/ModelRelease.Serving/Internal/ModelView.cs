namespace ModelRelease.Serving.Internal;

/// <summary>
/// What one model serves in one routing snapshot: the versions models.config asks for (loaded or failed), its
/// version labels, and routing.json's weights. Immutable: a reload publishes a new one.
/// </summary>
internal sealed record ModelView(string Name, IReadOnlyDictionary<long, ServedVersion> Versions, IReadOnlyDictionary<string, long> Labels, IReadOnlyList<Route> Routes)
{
    /// <summary>The version a request without a version goes to when no route is live: stable if loaded, else the newest loaded.</summary>
    public ServedVersion? Fallback() =>
        Labels.TryGetValue("stable", out var stable) && Versions.TryGetValue(stable, out var version) && version.IsAvailable
            ? version
            : Versions.Values.Where(v => v.IsAvailable).MaxBy(v => v.Number);
}
