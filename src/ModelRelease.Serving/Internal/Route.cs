namespace ModelRelease.Serving.Internal;

/// <summary>One label's share of a model's traffic in routing.json.</summary>
internal sealed record Route(string Label, string Version, long Number, int Weight);
