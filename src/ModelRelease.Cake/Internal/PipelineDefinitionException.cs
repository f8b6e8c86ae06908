namespace ModelRelease.Cake.Internal;

/// <summary>The pipeline's own code is wrong (a cycle, a dependency on a non-task, a duplicate name): a bug to fix in the host, not in the command line.</summary>
internal sealed class PipelineDefinitionException(string message) : Exception(message)
{
}
