namespace ModelRelease.Serving.Internal;

/// <summary>
/// Picks the version a request without a version goes to: stable or canary with routing.json's weights (canary
/// with probability weight/100), among the routed versions that are loaded. A routed version not loaded yet gets
/// no traffic until it is, its share going to the others.
/// </summary>
internal sealed class WeightedRouter
{
    private readonly object _gate = new();
    private readonly Random _random;

    public WeightedRouter(int? seed) => _random = seed is { } s ? new Random(s) : new Random();

    public ServedVersion? Pick(ModelView model)
    {
        var live = model.Routes
            .Where(r => r.Weight > 0)
            .Select(r => (Route: r, Version: model.Versions.GetValueOrDefault(r.Number)))
            .Where(r => r.Version is { IsAvailable: true })
            .ToList();
        if (live.Count == 0)
        {
            return model.Fallback();
        }

        var total = live.Sum(r => r.Route.Weight);
        int draw;
        lock (_gate)
        {
            draw = _random.Next(total);
        }

        foreach (var (route, version) in live)
        {
            if (draw < route.Weight)
            {
                return version;
            }

            draw -= route.Weight;
        }

        return live[^1].Version;
    }
}
