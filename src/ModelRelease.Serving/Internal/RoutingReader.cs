using System.Text.Json;

namespace ModelRelease.Serving.Internal;

/// <summary>
/// Reads routing.json (<c>{"models":{"m":{"stable":{"version":…,"number":…,"weight":…},"canary":{…}}}}</c>) into
/// each model's routes. A malformed file throws <see cref="FormatException"/> saying what is wrong.
/// </summary>
internal static class RoutingReader
{
    public static IReadOnlyDictionary<string, IReadOnlyList<Route>> Parse(string json)
    {
        var routes = new Dictionary<string, IReadOnlyList<Route>>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("models", out var models)
                || models.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("routing.json should be an object with a \"models\" object");
            }

            foreach (var model in models.EnumerateObject())
            {
                if (model.Value.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException($"model '{model.Name}' should map labels to routes");
                }

                routes[model.Name] = model.Value.EnumerateObject().Select(label => Parse(model.Name, label)).ToList();
            }
        }
        catch (JsonException e)
        {
            throw new FormatException($"routing.json is not valid JSON: {e.Message}", e);
        }

        return routes;
    }

    private static Route Parse(string model, JsonProperty label)
    {
        var route = label.Value;
        if (route.ValueKind != JsonValueKind.Object
            || !route.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.String
            || !route.TryGetProperty("number", out var number) || !number.TryGetInt64(out var n)
            || !route.TryGetProperty("weight", out var weight) || !weight.TryGetInt32(out var w) || w < 0 || w > 100)
        {
            throw new FormatException($"the {label.Name} route of model '{model}' needs \"version\" (a name), \"number\" (an integer) and \"weight\" (0–100)");
        }

        return new Route(label.Name, version.GetString()!, n, w);
    }
}
