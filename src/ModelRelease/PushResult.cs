namespace ModelRelease;

/// <summary>What a push produced.</summary>
/// <param name="Version">The version now in the registry.</param>
/// <param name="Created">False when an identical artifact was already there and that version was returned.</param>
public sealed record PushResult(ModelVersion Version, bool Created);
