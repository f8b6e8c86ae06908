namespace ModelRelease;

/// <summary>A version a task run read or wrote.</summary>
/// <param name="Version">Version name.</param>
/// <param name="Role">Read or written.</param>
public sealed record ExecutionLink(string Version, ExecutionRole Role);
