namespace ModelRelease.Cake;

/// <summary>A task as a host runs it: what <see cref="PipelineHost.DescribeTasks"/> gives tooling that checks command lines (a CI workflow's <c>./build.sh</c> calls).</summary>
/// <param name="Name">The task's name, as <c>--target</c> takes it.</param>
/// <param name="Description">What the task does.</param>
/// <param name="Dependencies">The tasks it runs first (unless <c>--exclusive</c>), by name.</param>
/// <param name="Arguments">The arguments it reads: its own and the context's.</param>
public sealed record PipelineTaskInfo(string Name, string Description, IReadOnlyList<string> Dependencies, IReadOnlyList<Argument> Arguments);
