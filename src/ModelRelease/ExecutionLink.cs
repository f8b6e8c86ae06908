namespace ModelRelease;

/// <summary>A version a task run read or wrote.</summary>
/// <param name="Model">The version's model: a run may touch more than one.</param>
/// <param name="Version">Version name.</param>
/// <param name="Role">Read or written.</param>
public sealed record ExecutionLink(string Model, string Version, ExecutionRole Role);
