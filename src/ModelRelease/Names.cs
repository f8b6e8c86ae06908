namespace ModelRelease;

/// <summary>
/// The rules for model and version names. Names become directory names under the serving root, so anything
/// that could escape it (separators, "..", control characters) is refused, with a message that says the rule.
/// </summary>
public static class Names
{
    /// <summary>The longest model or version name.</summary>
    public const int MaxLength = 64;

    /// <summary>Names a model cannot take, because the serving root keeps these files beside the model directories.</summary>
    public static IReadOnlyList<string> ReservedModelNames { get; } =
        ["models.config", "routing.json", "registry.db", "registry.db-wal", "registry.db-shm", "registry.db-journal"];

    /// <summary>Why <paramref name="name"/> is not a valid model name, or null when it is.</summary>
    public static string? ModelProblem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "a model name is required, e.g. --model=mnist";
        }

        if (name.Length > MaxLength)
        {
            return $"model name '{Shorten(name)}' is {name.Length} characters long; the limit is {MaxLength}: use a shorter one";
        }

        if (ReservedModelNames.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return $"model name '{name}' is reserved: the serving root keeps {string.Join(", ", ReservedModelNames.Take(3))} next to the model directories. Pick another name, e.g. mnist";
        }

        return IsNameShaped(name, upperCase: false)
            ? null
            : $"model name '{DisplayText.Escape(name)}' is not valid: use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit (e.g. mnist or fraud-detector_2)";
    }

    /// <summary>
    /// Words a new version cannot be named, in any letter case: <c>--to</c> reads <c>previous</c> and <c>golden</c> as
    /// rollback targets and <c>--label</c> reads <c>stable</c>, <c>canary</c> and <c>golden</c> as labels, so a version
    /// named so could not be reached by its name (<c>--to=golden</c> means the golden label, never a version "golden").
    /// </summary>
    public static IReadOnlyList<string> ReservedVersionNames { get; } =
        [LabelNames.Stable, LabelNames.Canary, LabelNames.Golden, ReleaseManager.Previous];

    /// <summary>
    /// Why <paramref name="name"/> cannot name a new version, or null when it can: <see cref="VersionProblem"/>, and
    /// not one of <see cref="ReservedVersionNames"/>. A store may hold older versions named so; they stay readable.
    /// </summary>
    public static string? NewVersionProblem(string? name)
    {
        if (VersionProblem(name) is { } problem)
        {
            return problem;
        }

        return ReservedVersionNames.FirstOrDefault(word => string.Equals(word, name, StringComparison.OrdinalIgnoreCase)) is { } reserved
            ? $"version name '{name}' is reserved: --to and --label read '{reserved}' as {(reserved == ReleaseManager.Previous ? "a rollback target" : "a label")}, so a version named so could not be reached by its name. Pick another name, e.g. {reserved}-v2 or sentiment-v1.2.3"
            : null;
    }

    /// <summary>Why <paramref name="name"/> is not a valid version name, or null when it is.</summary>
    public static string? VersionProblem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "a version name is required, e.g. --version=v-20260101-120000";
        }

        if (name.Length > MaxLength)
        {
            return $"version name '{Shorten(name)}' is {name.Length} characters long; the limit is {MaxLength}: use a shorter one";
        }

        return IsNameShaped(name, upperCase: true) && !name.Contains("..", StringComparison.Ordinal)
            ? null
            : $"version name '{DisplayText.Escape(name)}' is not valid: use letters, digits, '.', '_' and '-', starting with a letter or digit, without '..' (e.g. segmentation-v1.2.3)";
    }

    private static string Shorten(string name) => DisplayText.Escape(name.Length > 20 ? name[..20] + "…" : name);

    /// <summary>
    /// A letter or digit, then letters, digits, '.', '_' and '-' (ASCII only; upper-case letters only where
    /// <paramref name="upperCase"/>). A loop rather than a regex: every release command checks its --model, and the
    /// first generated regex of an assembly builds the search tables of all of them (~9 ms of a rollback).
    /// </summary>
    private static bool IsNameShaped(string name, bool upperCase)
    {
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var allowed = c is (>= 'a' and <= 'z') or (>= '0' and <= '9')
                || (upperCase && c is >= 'A' and <= 'Z')
                || (i > 0 && c is '.' or '_' or '-');
            if (!allowed)
            {
                return false;
            }
        }

        return name.Length > 0;
    }
}
