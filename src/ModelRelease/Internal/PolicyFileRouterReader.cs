using System.Text.Json;
using static ModelRelease.Internal.PolicyFileKeys;

namespace ModelRelease.Internal;

/// <summary>Reads a policy file's <c>"routers"</c> object as strictly as the rest of the file: unknown keys and routers are errors naming them.</summary>
internal sealed class PolicyFileRouterReader(string source)
{
    private const string Example = "{\"outputs\": [\"kserve\", \"istio\"], \"namespace\": \"ml\", \"storageUri\": \"s3://models/sentiment\"}";

    private readonly PolicyFileReader _values = new(source);

    public RouterOutputs Routers(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw _values.Error($"\"{PolicyFileKeys.Routers}\" must be an object, not {JsonInput.Describe(value)}, e.g. \"{PolicyFileKeys.Routers}\": {Example}.");
        }

        var properties = JsonInput.Properties(value, source, $"in \"{PolicyFileKeys.Routers}\"");
        var unknown = properties.FirstOrDefault(p => !RouterKeys.Contains(p.Name));
        if (unknown.Value.ValueKind != JsonValueKind.Undefined)
        {
            throw _values.UnknownKey(unknown.Name, $"in \"{PolicyFileKeys.Routers}\"", RouterKeys);
        }

        var outputs = properties.FirstOrDefault(p => p.Name == Outputs);
        if (outputs.Value.ValueKind != JsonValueKind.Array)
        {
            throw _values.Error($"\"{PolicyFileKeys.Routers}.{Outputs}\" must list the routers to write, e.g. \"{Outputs}\": [\"kserve\", \"istio\"].");
        }

        var routers = new RouterOutputs(outputs.Value.EnumerateArray().Select(Kind).ToList());
        foreach (var property in properties.Where(p => p.Name != Outputs))
        {
            var text = _values.Text(property.Value, $"{PolicyFileKeys.Routers}.{property.Name}", "\"ml\"");
            routers = property.Name switch
            {
                Namespace => routers with { Namespace = text },
                StorageUri => routers with { StorageUri = text },
                Host => routers with { Host = text },
                StableHost => routers with { StableHost = text },
                _ => routers with { CanaryHost = text },
            };
        }

        return routers;
    }

    private RouterKind Kind(JsonElement value)
    {
        var text = _values.Text(value, $"{PolicyFileKeys.Routers}.{Outputs}[]", "\"kserve\"");
        return RouterKinds.TryGetValue(text, out var kind)
            ? kind
            : throw _values.Error($"\"{PolicyFileKeys.Routers}.{Outputs}\" has \"{DisplayText.Escape(text)}\", which is not a router this tool writes. Use {string.Join(" or ", RouterKinds.Keys.Select(k => $"\"{k}\""))}.");
    }
}
