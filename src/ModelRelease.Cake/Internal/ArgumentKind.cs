namespace ModelRelease.Cake.Internal;

/// <summary>
/// One type of argument value: how it is read, how a value is written back (in messages and help), and how a
/// wrong one is described ("give a whole number", "choose one of table, json").
/// </summary>
internal sealed class ArgumentKind<T>
{
    /// <summary>What to give, for "--x=y is not valid: give a whole number from 1 to 99".</summary>
    public required string Noun { get; init; }

    /// <summary>Said after the noun and its range, e.g. " (90s, 5m, 2h, or ISO 8601 such as PT1H30M)".</summary>
    public string Hint { get; init; } = string.Empty;

    /// <summary>Said in help before the range, e.g. "a duration"; null for numbers and text, whose meaning says enough.</summary>
    public string? HelpNoun { get; init; }

    /// <summary>The only values there are, spelled as the command line takes them; "choose one of" in messages.</summary>
    public IReadOnlyList<string>? Choices { get; init; }

    /// <summary>True when values have an order, so a range (<c>Between</c>, <c>AtLeast</c>) means something.</summary>
    public bool IsOrdered { get; init; }

    /// <summary>A switch: given bare, never takes the next word as its value.</summary>
    public bool IsFlag { get; init; }

    public required ArgumentParser<T> Parse { get; init; }

    public required Func<T, string> Format { get; init; }
}
