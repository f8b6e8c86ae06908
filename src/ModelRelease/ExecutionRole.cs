namespace ModelRelease;

/// <summary>How a task run touched a version, as ML Metadata's input and output events do.</summary>
public enum ExecutionRole
{
    /// <summary>The run read the version: validated against it, labelled it, rolled back to it.</summary>
    Input,

    /// <summary>The run made or changed the version's files: pushed or pruned it.</summary>
    Output,
}
