using YamlDotNet.Serialization;

namespace ModelRelease.Internal;

/// <summary>
/// Renders a model's router files from its stable and canary labels: a KServe <c>InferenceService</c> whose predictor
/// is the newest revision (the canary while one runs, with <c>canaryTrafficPercent</c>; else stable, with no canary
/// field) and an Istio <c>VirtualService</c> whose weighted routes send the same shares to the stable and canary
/// endpoints. YAML is emitted by YamlDotNet from plain maps, so quoting is never hand-made.
/// </summary>
internal static class RouterConfig
{
    // Quoted where a plain scalar would read as another type: a version named 1.0 or true stays a string, as
    // Kubernetes wants annotation values.
    private static readonly ISerializer Yaml = new SerializerBuilder().DisableAliases().WithQuotingNecessaryStrings().Build();

    /// <summary>
    /// What brings <paramref name="model"/>'s router files in line with its labels: each asked-for file rendered (written
    /// when it differs), and removed when the model serves nothing or the policy no longer asks for it.
    /// </summary>
    public static IEnumerable<SyncAction> Plan(ServingLayout layout, string model, RouterOutputs settings, IReadOnlyList<LabelAssignment> labels, Func<LabelAssignment, ArtifactFormat> formatOf)
    {
        foreach (var kind in RouterKindValues.All)
        {
            var path = layout.RouterPath(kind, model);
            var current = Posix.KindOf(path) == FileKind.Regular ? File.ReadAllText(path) : null;
            var content = settings.Kinds.Contains(kind) ? Render(kind, model, settings, labels, formatOf) : null;
            if (content is not null && content != current)
            {
                yield return new SyncAction(SyncActionKind.WriteConfig, path, current is null ? "missing" : "it disagrees with the registry", content);
            }
            else if (content is null && current is not null)
            {
                yield return new SyncAction(SyncActionKind.DeleteConfig, path, settings.Kinds.Contains(kind) ? $"{model} serves no version" : $"{model}'s policy no longer asks for it");
            }
        }
    }

    /// <summary>The file of <paramref name="kind"/> for <paramref name="model"/>, or null when it serves nothing (no stable and no canary).</summary>
    public static string? Render(RouterKind kind, string model, RouterOutputs settings, IReadOnlyList<LabelAssignment> labels, Func<LabelAssignment, ArtifactFormat> formatOf)
    {
        var stable = labels.FirstOrDefault(l => l.Model == model && l.Label == LabelNames.Stable);
        var canary = labels.FirstOrDefault(l => l.Model == model && l.Label == LabelNames.Canary);
        if (stable is null && canary is null)
        {
            return null;
        }

        var document = kind == RouterKind.KServe ? InferenceService(model, settings, stable, canary, formatOf) : VirtualService(model, settings, stable, canary);
        return "# Written by ModelRelease from the registry's labels; edits are overwritten on the next label move.\n" + Yaml.Serialize(document);
    }

    private static Dictionary<string, object> InferenceService(string model, RouterOutputs settings, LabelAssignment? stable, LabelAssignment? canary, Func<LabelAssignment, ArtifactFormat> formatOf)
    {
        // KServe routes canaryTrafficPercent to the predictor as written and the rest to the last ready revision,
        // which is stable's: so the predictor names the canary while one runs.
        var latest = stable is not null && canary is not null ? canary : stable ?? canary!;
        var predictor = new Dictionary<string, object>();
        if (stable is not null && canary is not null)
        {
            predictor["canaryTrafficPercent"] = canary.Weight ?? 0;
        }

        predictor["model"] = new Dictionary<string, object>
        {
            ["modelFormat"] = new Dictionary<string, object> { ["name"] = formatOf(latest) == ArtifactFormat.Onnx ? ServingConfig.OnnxPlatform : ServingConfig.TensorFlowPlatform },
            ["storageUri"] = settings.StorageUri!.TrimEnd('/') + "/" + latest.Version,
        };
        return new Dictionary<string, object>
        {
            ["apiVersion"] = "serving.kserve.io/v1beta1",
            ["kind"] = "InferenceService",
            ["metadata"] = Metadata(model, settings, stable, canary),
            ["spec"] = new Dictionary<string, object> { ["predictor"] = predictor },
        };
    }

    private static Dictionary<string, object> VirtualService(string model, RouterOutputs settings, LabelAssignment? stable, LabelAssignment? canary)
    {
        var canaryWeight = canary is null ? 0 : stable is null ? 100 : canary.Weight ?? 0;
        var routes = new List<object>();
        if (stable is not null)
        {
            routes.Add(Route(settings.StableHost ?? $"{model}-stable", 100 - canaryWeight));
        }

        if (canary is not null)
        {
            routes.Add(Route(settings.CanaryHost ?? $"{model}-canary", canaryWeight));
        }

        return new Dictionary<string, object>
        {
            ["apiVersion"] = "networking.istio.io/v1",
            ["kind"] = "VirtualService",
            ["metadata"] = Metadata(model, settings, stable, canary),
            ["spec"] = new Dictionary<string, object>
            {
                ["hosts"] = new List<object> { settings.Host ?? $"{model}.{settings.Namespace}.svc.cluster.local" },
                ["http"] = new List<object> { new Dictionary<string, object> { ["name"] = model, ["route"] = routes } },
            },
        };
    }

    private static Dictionary<string, object> Route(string host, int weight) => new()
    {
        ["destination"] = new Dictionary<string, object> { ["host"] = host },
        ["weight"] = weight,
    };

    private static Dictionary<string, object> Metadata(string model, RouterOutputs settings, LabelAssignment? stable, LabelAssignment? canary)
    {
        // Which versions the weights mean, for whoever reads the resource in the cluster.
        var annotations = new Dictionary<string, object>();
        if (stable is not null)
        {
            annotations["modelrelease.io/stable"] = stable.Version;
        }

        if (canary is not null)
        {
            annotations["modelrelease.io/canary"] = canary.Version;
        }

        return new Dictionary<string, object>
        {
            ["name"] = model,
            ["namespace"] = settings.Namespace,
            ["labels"] = new Dictionary<string, object> { ["app.kubernetes.io/managed-by"] = "modelrelease" },
            ["annotations"] = annotations,
        };
    }
}
