namespace ModelRelease.Cake.Internal;

/// <summary>One row of the run report.</summary>
internal sealed record TaskOutcome(string Name, TaskStatus Status, TimeSpan Duration, string? Note = null);
