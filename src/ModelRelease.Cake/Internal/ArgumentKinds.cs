using System.Globalization;
using System.Text;

namespace ModelRelease.Cake.Internal;

/// <summary>The value types an <see cref="Argument{T}"/> can have, each with how it reads and shows a value.</summary>
internal static class ArgumentKinds
{
    public static ArgumentKind<string?> Text { get; } = new()
    {
        Noun = "a value",
        Parse = (_, text, _) => ArgumentParse<string?>.Valid(text),
        Format = value => value ?? string.Empty,
    };

    /// <summary>A path resolved against the working directory; refused when a shell or quoting mistake shows.</summary>
    public static ArgumentKind<string?> Path { get; } = new()
    {
        Noun = "a path",
        Parse = (name, text, workingDirectory) => ArgumentValues.PathProblem($"--{name}", $"--{name}=", text) is { } problem
            ? ArgumentParse<string?>.Refused(problem)
            : ArgumentParse<string?>.Valid(System.IO.Path.GetFullPath(text, workingDirectory)),
        Format = value => value ?? string.Empty,
    };

    /// <summary>A path kept as given (a store may also be a connection string), checked as <see cref="Path"/> is.</summary>
    public static ArgumentKind<string?> Location { get; } = new()
    {
        Noun = "a path",
        Parse = (name, text, _) => ArgumentValues.PathProblem($"--{name}", $"--{name}=", text) is { } problem
            ? ArgumentParse<string?>.Refused(problem)
            : ArgumentParse<string?>.Valid(text),
        Format = value => value ?? string.Empty,
    };

    public static ArgumentKind<int> Int32 { get; } = new()
    {
        Noun = "a whole number",
        IsOrdered = true,
        Parse = (_, text, _) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? ArgumentParse<int>.Valid(value)
            : ArgumentParse<int>.Invalid,
        Format = value => value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A finite number; "NaN" and "Infinity" parse as doubles but compare with nothing.</summary>
    public static ArgumentKind<double> Double { get; } = new()
    {
        Noun = "a number",
        IsOrdered = true,
        Parse = (_, text, _) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? ArgumentParse<double>.Valid(value)
            : ArgumentParse<double>.Invalid,
        Format = value => value.ToString(CultureInfo.InvariantCulture),
    };

    public static ArgumentKind<TimeSpan> Duration { get; } = new()
    {
        Noun = "a duration",
        HelpNoun = "a duration",
        Hint = " (90s, 5m, 2h, 1d, or ISO 8601 such as PT1H30M)",
        IsOrdered = true,
        Parse = (_, text, _) => DurationText.Parse(text) is { } value ? ArgumentParse<TimeSpan>.Valid(value) : ArgumentParse<TimeSpan>.Invalid,
        Format = DurationText.Format,
    };

    /// <summary>A switch: bare or <c>=true</c> is on, <c>=false</c> off.</summary>
    public static ArgumentKind<bool> Flag { get; } = new()
    {
        Noun = "true or false",
        IsFlag = true,
        Parse = (name, text, _) => bool.TryParse(text, out var on)
            ? ArgumentParse<bool>.Valid(on)
            : ArgumentParse<bool>.Refused($"--{name}={ArgumentValues.Escape(text)} is not valid: --{name} is a switch; give --{name} or --{name}=false."),
        Format = value => value ? "true" : "false",
    };

    /// <summary>One of <paramref name="choices"/>, matched without regard to case and returned as declared.</summary>
    public static ArgumentKind<string?> Choice(IReadOnlyList<string> choices) => new()
    {
        Noun = "one of " + string.Join(", ", choices),
        Choices = choices,
        Parse = (_, text, _) => choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase)) is { } match
            ? ArgumentParse<string?>.Valid(match)
            : ArgumentParse<string?>.Invalid,
        Format = value => value ?? string.Empty,
    };

    /// <summary>
    /// A member of <typeparamref name="TEnum"/> by name, written in kebab case (<c>DryRun</c> is <c>dry-run</c>) or as
    /// declared, without regard to case. Numbers are refused: "--mode=3" names no member a reader can see.
    /// </summary>
    public static ArgumentKind<TEnum> Enum<TEnum>()
        where TEnum : struct, Enum
    {
        var members = System.Enum.GetNames<TEnum>().Select(n => (Name: n, Shown: KebabCase(n), Value: System.Enum.Parse<TEnum>(n))).ToList();
        return new ArgumentKind<TEnum>
        {
            Noun = "one of " + string.Join(", ", members.Select(m => m.Shown)),
            Choices = members.Select(m => m.Shown).ToList(),
            Parse = (_, text, _) => members.FirstOrDefault(m => string.Equals(m.Shown, text, StringComparison.OrdinalIgnoreCase) || string.Equals(m.Name, text, StringComparison.OrdinalIgnoreCase)) is { Name: not null } member
                ? ArgumentParse<TEnum>.Valid(member.Value)
                : ArgumentParse<TEnum>.Invalid,
            Format = value => members.FirstOrDefault(m => EqualityComparer<TEnum>.Default.Equals(m.Value, value)).Shown ?? value.ToString(),
        };
    }

    /// <summary>A value read by <paramref name="parse"/>, which returns null for one it cannot read.</summary>
    public static ArgumentKind<T?> Parsed<T>(Func<string, T?> parse, string expected)
        where T : struct => new()
    {
        Noun = expected,
        Parse = (_, text, _) => parse(text) is { } value ? ArgumentParse<T?>.Valid(value) : ArgumentParse<T?>.Invalid,
        Format = value => value is { } given ? Convert.ToString(given, CultureInfo.InvariantCulture) ?? string.Empty : string.Empty,
    };

    /// <summary>The same kind, whose value is null when the argument is absent and has no default.</summary>
    public static ArgumentKind<T?> Optional<T>(ArgumentKind<T> kind)
        where T : struct => new()
    {
        Noun = kind.Noun,
        Hint = kind.Hint,
        HelpNoun = kind.HelpNoun,
        Choices = kind.Choices,
        IsOrdered = kind.IsOrdered,
        IsFlag = kind.IsFlag,
        Parse = (name, text, workingDirectory) =>
        {
            var parse = kind.Parse(name, text, workingDirectory);
            return parse.IsValid ? ArgumentParse<T?>.Valid(parse.Value) : new ArgumentParse<T?>(false, null, parse.Refusal);
        },
        Format = value => value is { } given ? kind.Format(given) : string.Empty,
    };

    /// <summary>"DryRun" → "dry-run": how command-line values are spelled.</summary>
    private static string KebabCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])))
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}
