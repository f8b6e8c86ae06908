namespace ModelRelease.Cake;

/// <summary>
/// Declares an untyped <c>--name=value</c> argument (text, or a switch) that a task reads. On a context class it
/// declares an argument every task may read. The host rejects an argument that no selected task reads (a typo such
/// as <c>--modle</c>), and a required one that is missing, before anything runs. For a number, a path, a duration,
/// choices or a range, declare an <see cref="Argument{T}"/> instead: one declaration gives the name, meaning, type
/// and range, and the task reads it typed.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class TaskArgumentAttribute(string name, string description) : Attribute
{
    /// <summary>The argument name, without dashes.</summary>
    public string Name { get; } = name;

    /// <summary>What the argument means, for <c>--help</c> and <c>--description</c>.</summary>
    public string Description { get; } = description;

    /// <summary>The task cannot run without it.</summary>
    public bool Required { get; init; }

    /// <summary>A switch that takes no value (<c>--skip-validation</c>); it never swallows the next word.</summary>
    public bool IsFlag { get; init; }

    /// <summary>A sample value for error messages, e.g. "mnist".</summary>
    public string? Example { get; init; }

    /// <summary>The declaration this attribute stands for: text, or a switch.</summary>
    internal Argument ToArgument()
    {
        if (IsFlag)
        {
            var flag = Argument.Flag(Name, Description);
            flag = Required ? flag.Required() : flag;
            return Example is null ? flag : flag.WithExample(Example);
        }

        var text = Argument.Text(Name, Description);
        text = Required ? text.Required() : text;
        return Example is null ? text : text.WithExample(Example);
    }
}
