using System.Text.RegularExpressions;

namespace ModelRelease.Samples.Sentiment.Internal;

/// <summary>
/// Checks <see cref="TrainingOptions"/> before any work. The caller names the options its own way (the API by property,
/// the CLI by flag), so each message tells its reader what to change.
/// </summary>
internal static partial class OptionsCheck
{
    /// <summary>Column names the pipeline itself uses, which the input cannot take.</summary>
    private static readonly string[] Reserved = ["Label", "Tokens", "Features", "Score", "Probability", "PredictedLabel"];

    /// <summary>The first problem with <paramref name="options"/>, or null; <paramref name="name"/> maps a property name to what the reader typed.</summary>
    public static string? Problem(TrainingOptions options, Func<string, string> name)
    {
        if (options.Examples < SentimentTrainer.MinimumExamples)
        {
            return $"{name(nameof(TrainingOptions.Examples))} is {options.Examples}: give at least {SentimentTrainer.MinimumExamples} (so both labels are present), e.g. 2000.";
        }

        if (options.Epochs < 1)
        {
            return $"{name(nameof(TrainingOptions.Epochs))} is {options.Epochs}: give 1 or more passes, e.g. 20.";
        }

        if (string.IsNullOrWhiteSpace(options.Dataset))
        {
            return $"{name(nameof(TrainingOptions.Dataset))} is empty: give a dataset name, e.g. reviews-2026-09.";
        }

        if (options.InputName is null || !InputNamePattern().IsMatch(options.InputName))
        {
            return $"{name(nameof(TrainingOptions.InputName))} '{options.InputName}' is not a valid input name: give a letter or '_' then letters, digits or '_', e.g. text.";
        }

        if (Reserved.Contains(options.InputName, StringComparer.OrdinalIgnoreCase))
        {
            return $"{name(nameof(TrainingOptions.InputName))} '{options.InputName}' is a column the model uses itself ({string.Join(", ", Reserved)}): give another, e.g. text.";
        }

        return null;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex InputNamePattern();
}
