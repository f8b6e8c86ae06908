namespace ModelRelease.Serving.Internal;

/// <summary>One model's entry in models.config: the versions to load and the labels on them.</summary>
internal sealed record ServedModelConfig(string Name, string BasePath, IReadOnlyList<long> Versions, IReadOnlyDictionary<string, long> Labels);
