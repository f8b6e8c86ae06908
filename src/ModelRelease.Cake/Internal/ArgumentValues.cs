namespace ModelRelease.Cake.Internal;

/// <summary>
/// The rules a task argument's value follows, in one place: the validator applies them to the whole command line
/// before anything runs (with the declared example in its messages), and the context's readers to what they read.
/// A value that is empty, or given twice with different values, has no single meaning; reading it as "absent" or as
/// "the last one" quietly picked the default (<c>Promote --version=</c> promoted the canary) or a 90 % canary.
/// </summary>
internal static class ArgumentValues
{
    /// <summary>True for a value that says nothing: empty or blank, most often an unset shell variable.</summary>
    public static bool IsEmpty(string value) => string.IsNullOrWhiteSpace(value);

    /// <summary>The refusal of <c>--name=</c> for an argument that takes a value.</summary>
    public static string EmptyMessage(string name, string? example)
    {
        var sample = example is null ? string.Empty : $", e.g. --{name}={example}";
        return $"--{name} was given an empty value (an unset shell variable?). Give it a value{sample}, or leave --{name} out for its default.";
    }

    /// <summary>The refusal of one argument given with different values.</summary>
    public static string ConflictMessage(string name, IEnumerable<string> values) =>
        $"--{name} is given more than once, with different values ({string.Join(" and ", values.Select(v => "'" + Escape(v) + "'"))}). Give it once.";

    /// <summary>The different values among <paramref name="values"/>; a value repeated as it was is one value.</summary>
    public static IReadOnlyList<string> Distinct(IEnumerable<string> values) => values.Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The one value given for <c>--name</c>, refusing an empty one and different ones.</summary>
    /// <exception cref="PipelineUsageException">The value is empty, or the argument was given with different values.</exception>
    public static string Single(string name, IEnumerable<string> values)
    {
        var distinct = Distinct(values);
        if (distinct.Count > 1)
        {
            throw new PipelineUsageException(ConflictMessage(name, distinct));
        }

        var value = distinct.Single();
        return IsEmpty(value) ? throw new PipelineUsageException(EmptyMessage(name, example: null)) : value;
    }

    /// <summary>
    /// Why a path (or store) value cannot be meant as written, or null. <paramref name="source"/> names where it came
    /// from (<c>--root</c>, <c>MODELRELEASE_ROOT</c>) and <paramref name="assignment"/> how to write a right one
    /// (<c>--root=</c>, <c>MODELRELEASE_ROOT=</c>).
    /// </summary>
    public static string? PathProblem(string source, string assignment, string value)
    {
        var at = value.TakeWhile(c => !char.IsControl(c)).Count();
        if (at < value.Length)
        {
            // The value itself is not shown: a newline or an escape in it would garble the message.
            return $"{source} holds a control character (U+{(int)value[at]:X4}) at position {at + 1}: a path with a line break or an escape in it is " +
                   $"nearly always a quoting mistake. Give the path without it, e.g. {assignment}/srv/models.";
        }

        if (value != value.Trim())
        {
            return $"{source} is '{value}', which starts or ends with a space: it would name a directory nobody meant (a quoting mistake, as in \"$DIR \"). " +
                   $"Give the path without it, e.g. {assignment}{value.Trim()}.";
        }

        if (value.StartsWith('~'))
        {
            // A shell expands '~' only at the start of a word, unquoted: not after "--root=", and not inside quotes.
            var home = value == "~" || value.StartsWith("~/", StringComparison.Ordinal) ? "$HOME" + value[1..] : null;
            var fix = home is null ? "an absolute path" : $"{assignment}{home} (or an absolute path)";
            return $"{source} is '{value}', which starts with '~': the shell did not expand it (it does not after '=' or inside quotes), so it would be " +
                   $"a directory named '~'. Write {fix}.";
        }

        return null;
    }

    /// <summary>The one value given for the switch <c>--name</c>: bare means true; "--x" and "--x=True" say the same thing.</summary>
    /// <exception cref="PipelineUsageException">The switch was given both on and off.</exception>
    public static string SingleSwitch(string name, IEnumerable<string> values)
    {
        var distinct = Distinct(values.Select(SwitchValue));
        return distinct.Count > 1 ? throw new PipelineUsageException(ConflictMessage(name, distinct)) : distinct.Single();
    }

    /// <summary>"--clear" and "--clear=True" say the same thing, so giving both is not a conflict.</summary>
    public static string SwitchValue(string value) => value.Length == 0 ? "true" : value.ToLowerInvariant();

    /// <summary>Control characters shown escaped: a value holding an escape sequence must not restyle the terminal.</summary>
    public static string Escape(string value) =>
        string.Concat(value.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
