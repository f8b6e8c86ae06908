using Cake.Core;
using ModelRelease.Cake.Internal;

namespace ModelRelease.Cake;

/// <summary>
/// A <c>--name=value</c> argument declared once: its name, meaning, type, range and example. Declare shared ones
/// in a static class (<c>ReleaseArguments.Weight</c>) and read them in the context; a task declares the arguments it
/// reads as static fields or properties of type <see cref="Argument{T}"/> on its class (inherited ones count), and
/// reads them with <see cref="PipelineContext.Get{T}(Argument{T})"/>. The host parses every argument the selected
/// tasks declare before any task runs (exit 2 on a bad value), refuses one no selected task declares, and lists
/// each under the tasks that declare it in <c>--help</c>.
/// </summary>
/// <example>
/// <code>
/// public static readonly Argument&lt;double&gt; Threshold =
///     Argument.Double("threshold", "least share of smoke requests that must succeed", 0.99).Between(0, 1);
/// </code>
/// </example>
public abstract class Argument
{
    private protected Argument()
    {
    }

    /// <summary>The name, without dashes, as the command line spells it (matched without regard to case).</summary>
    public abstract string Name { get; }

    /// <summary>What the argument means, for <c>--help</c>, <c>--description</c> and error messages.</summary>
    public abstract string Description { get; }

    /// <summary>A right value for error messages, e.g. "sentiment"; null when there is none to show.</summary>
    public abstract string? Example { get; }

    /// <summary>True when a task that declares it cannot run without it: the host refuses the run before any task starts.</summary>
    public abstract bool IsRequired { get; }

    /// <summary>True for a switch (<c>--skip-validation</c>): given bare, it never takes the next word as its value.</summary>
    public abstract bool IsFlag { get; }

    /// <summary>The description with what help shows of the type: range, choices, default.</summary>
    internal abstract string HelpText { get; }

    /// <summary>Reads (and caches) the value in <paramref name="context"/>, so a bad one stops the run before any task.</summary>
    internal abstract void ReadInto(PipelineContext context);

    /// <summary>Free text, or null when absent.</summary>
    /// <param name="name">The name without dashes, e.g. <c>reason</c>.</param>
    /// <param name="description">What it means, e.g. "free text recorded in the audit log".</param>
    public static Argument<string?> Text(string name, string description) => new(name, description, ArgumentKinds.Text);

    /// <summary>Free text, or <paramref name="defaultValue"/> when absent.</summary>
    /// <param name="name">The name without dashes.</param>
    /// <param name="description">What it means.</param>
    /// <param name="defaultValue">The value when the argument is absent.</param>
    public static Argument<string> Text(string name, string description, string defaultValue) =>
        new(name, description, ArgumentKinds.Text!, defaultValue);

    /// <summary>A whole number, or null when absent; narrow it with <see cref="Argument{T}.Between"/> or <see cref="Argument{T}.AtLeast"/>.</summary>
    /// <param name="name">The name without dashes.</param>
    /// <param name="description">What it means.</param>
    public static Argument<int?> Int32(string name, string description) => new(name, description, ArgumentKinds.Optional(ArgumentKinds.Int32));

    /// <summary>A whole number, or <paramref name="defaultValue"/> when absent.</summary>
    /// <param name="name">The name without dashes, e.g. <c>weight</c>.</param>
    /// <param name="description">What it means, e.g. "canary traffic percentage".</param>
    /// <param name="defaultValue">The value when the argument is absent.</param>
    public static Argument<int> Int32(string name, string description, int defaultValue) =>
        new(name, description, ArgumentKinds.Int32, defaultValue);

    /// <summary>A finite number (<c>0.95</c>, <c>1e-3</c>), or null when absent.</summary>
    /// <param name="name">The name without dashes.</param>
    /// <param name="description">What it means.</param>
    public static Argument<double?> Double(string name, string description) => new(name, description, ArgumentKinds.Optional(ArgumentKinds.Double));

    /// <summary>A finite number, or <paramref name="defaultValue"/> when absent.</summary>
    /// <param name="name">The name without dashes, e.g. <c>threshold</c>.</param>
    /// <param name="description">What it means.</param>
    /// <param name="defaultValue">The value when the argument is absent.</param>
    public static Argument<double> Double(string name, string description, double defaultValue) =>
        new(name, description, ArgumentKinds.Double, defaultValue);

    /// <summary>A switch: true when given bare (<c>--repair</c>) or as <c>=true</c>, false when absent or <c>=false</c>.</summary>
    /// <param name="name">The name without dashes, e.g. <c>repair</c>.</param>
    /// <param name="description">What turning it on does.</param>
    public static Argument<bool> Flag(string name, string description) => new(name, description, ArgumentKinds.Flag, false);

    /// <summary>
    /// A member of <typeparamref name="TEnum"/>, or null when absent. Values are the member names in kebab case
    /// (<c>DryRun</c> is <c>--mode=dry-run</c>), or as declared, without regard to case; numbers are refused.
    /// </summary>
    /// <param name="name">The name without dashes.</param>
    /// <param name="description">What it means.</param>
    public static Argument<TEnum?> Enum<TEnum>(string name, string description)
        where TEnum : struct, System.Enum => new(name, description, ArgumentKinds.Optional(ArgumentKinds.Enum<TEnum>()));

    /// <summary>A member of <typeparamref name="TEnum"/>, or <paramref name="defaultValue"/> when absent.</summary>
    /// <param name="name">The name without dashes.</param>
    /// <param name="description">What it means.</param>
    /// <param name="defaultValue">The value when the argument is absent.</param>
    public static Argument<TEnum> Enum<TEnum>(string name, string description, TEnum defaultValue)
        where TEnum : struct, System.Enum => new(name, description, ArgumentKinds.Enum<TEnum>(), defaultValue);

    /// <summary>One of <paramref name="choices"/>, matched without regard to case and read as declared; null when absent.</summary>
    /// <param name="name">The name without dashes.</param>
    /// <param name="description">What it means.</param>
    /// <param name="choices">The values there are, e.g. <c>["table", "json"]</c>.</param>
    public static Argument<string?> Choice(string name, string description, IReadOnlyList<string> choices) =>
        new(name, description, ArgumentKinds.Choice(CheckChoices(choices)));

    /// <summary>One of <paramref name="choices"/>, or <paramref name="defaultValue"/> when absent.</summary>
    /// <param name="name">The name without dashes, e.g. <c>format</c>.</param>
    /// <param name="description">What it means.</param>
    /// <param name="choices">The values there are, e.g. <c>["table", "json"]</c>.</param>
    /// <param name="defaultValue">The value when the argument is absent; one of <paramref name="choices"/>.</param>
    public static Argument<string> Choice(string name, string description, IReadOnlyList<string> choices, string defaultValue)
    {
        if (!CheckChoices(choices).Contains(defaultValue, StringComparer.Ordinal))
        {
            throw new ArgumentException($"The default '{defaultValue}' of --{name} is not one of its choices ({string.Join(", ", choices)}).", nameof(defaultValue));
        }

        return new(name, description, ArgumentKinds.Choice(choices)!, defaultValue);
    }

    /// <summary>
    /// A path resolved against the working directory (absolute), or null when absent. A control character, a
    /// leading or trailing space, or a leading '~' the shell did not expand is refused: each would name a
    /// directory nobody meant.
    /// </summary>
    /// <param name="name">The name without dashes, e.g. <c>artifact</c>.</param>
    /// <param name="description">What it means.</param>
    public static Argument<string?> Path(string name, string description) => new(name, description, ArgumentKinds.Path);

    /// <summary>
    /// A location kept as given, not resolved (a store may be a path or a connection string), or null when absent;
    /// checked as <see cref="Path(string, string)"/> is.
    /// </summary>
    /// <param name="name">The name without dashes, e.g. <c>registry</c>.</param>
    /// <param name="description">What it means.</param>
    public static Argument<string?> Location(string name, string description) => new(name, description, ArgumentKinds.Location);

    /// <summary>
    /// A duration, or null when absent: <c>90s</c>, <c>5m</c>, <c>2h</c>, <c>7d</c>, <c>250ms</c>, a clock such as
    /// <c>1.12:00:00</c>, or ISO 8601 such as <c>PT1H30M</c>. Negative durations and bare numbers are refused.
    /// </summary>
    /// <param name="name">The name without dashes, e.g. <c>timeout</c>.</param>
    /// <param name="description">What it means.</param>
    public static Argument<TimeSpan?> Duration(string name, string description) =>
        new(name, description, ArgumentKinds.Optional(ArgumentKinds.Duration));

    /// <summary>A duration, or <paramref name="defaultValue"/> when absent.</summary>
    /// <param name="name">The name without dashes.</param>
    /// <param name="description">What it means.</param>
    /// <param name="defaultValue">The value when the argument is absent.</param>
    public static Argument<TimeSpan> Duration(string name, string description, TimeSpan defaultValue) =>
        new(name, description, ArgumentKinds.Duration, defaultValue);

    /// <summary>
    /// A value of your own type, read by <paramref name="parse"/> (which returns null for text it cannot read), or
    /// null when absent. A value it cannot read is refused with "give <paramref name="expected"/>".
    /// </summary>
    /// <param name="name">The name without dashes, e.g. <c>since</c>.</param>
    /// <param name="description">What it means.</param>
    /// <param name="parse">Reads the text given; null when it is not valid.</param>
    /// <param name="expected">What a right value is, e.g. "an ISO date (2026-11-28) or an age (12h, 7d)".</param>
    public static Argument<T?> Parsed<T>(string name, string description, Func<string, T?> parse, string expected)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentException.ThrowIfNullOrWhiteSpace(expected);
        return new(name, description, ArgumentKinds.Parsed(parse, expected));
    }

    /// <summary>Refuses a name the command line could not spell, when it is declared rather than when it is used.</summary>
    private protected static string CheckName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return IsValidName(name)
            ? name
            : throw new ArgumentException($"'{name}' is not an argument name: use letters, digits, '-' and '_', starting with a letter or digit, without the leading dashes.", nameof(name));
    }

    /// <summary>Reads the argument's one value from <paramref name="arguments"/>; null when absent.</summary>
    private protected static string? GivenText(ICakeArguments arguments, string name, bool isFlag)
    {
        if (!arguments.HasArgument(name))
        {
            return null;
        }

        var values = arguments.GetArguments(name);
        return isFlag ? ArgumentValues.SingleSwitch(name, values) : ArgumentValues.Single(name, values);
    }

    private static IReadOnlyList<string> CheckChoices(IReadOnlyList<string> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (choices.Count == 0 || choices.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Give at least one choice, none of them blank.", nameof(choices));
        }

        return choices;
    }

    /// <summary>
    /// A letter or digit, then letters, digits, '-' and '_' (ASCII). A loop rather than a regex: every declared
    /// argument is checked at start-up, and the first regex match would load and JIT the regex engine for it.
    /// </summary>
    private static bool IsValidName(string name)
    {
        if (name.Length == 0 || !char.IsAsciiLetterOrDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
