namespace ModelRelease;

/// <summary>The well-known labels and the rule for custom ones.</summary>
public static class LabelNames
{
    /// <summary>The version serving most traffic.</summary>
    public const string Stable = "stable";

    /// <summary>The version under trial, with a traffic weight.</summary>
    public const string Canary = "canary";

    /// <summary>A known-good version kept as a safe rollback target.</summary>
    public const string Golden = "golden";

    /// <summary>The longest label name.</summary>
    public const int MaxLength = 32;

    /// <summary>Names a label cannot take, because the serving layout uses them for directories.</summary>
    public static IReadOnlyList<string> Reserved { get; } = ["versions", "serving"];

    /// <summary>Why <paramref name="label"/> is not a valid label name, or null when it is.</summary>
    public static string? Problem(string? label)
    {
        if (string.IsNullOrEmpty(label))
        {
            return "a label name is required, e.g. golden";
        }

        if (label.Length > MaxLength)
        {
            return $"label name '{DisplayText.Escape(label[..MaxLength])}…' is {label.Length} characters long; the limit is {MaxLength}: use a shorter one";
        }

        if (Reserved.Contains(label))
        {
            return $"'{label}' cannot be a label: the serving layout uses it for a directory. Pick another name, e.g. golden or champion";
        }

        return IsLabelShaped(label)
            ? null
            : $"label name '{DisplayText.Escape(label)}' is not valid: use lower-case letters, digits, '_' and '-', starting with a letter (e.g. golden or shadow-eu)";
    }

    /// <summary>
    /// A lower-case ASCII letter, then lower-case letters, digits, '_' and '-'. A loop rather than a regex: each label
    /// move checks the entries of the model's directory, and the first generated regex of an assembly builds the
    /// search tables of all of them.
    /// </summary>
    private static bool IsLabelShaped(string label)
    {
        for (var i = 0; i < label.Length; i++)
        {
            var c = label[i];
            var allowed = c is >= 'a' and <= 'z' || (i > 0 && c is (>= '0' and <= '9') or '_' or '-');
            if (!allowed)
            {
                return false;
            }
        }

        return label.Length > 0;
    }
}
