using System.Globalization;

namespace ModelRelease.Samples.Sentiment.Internal;

/// <summary>
/// The trainer's command line: train (<c>--out</c>), or write an evaluation set (<c>--write-eval</c>) or warm-up requests
/// (<c>--write-requests</c>). Options take <c>--name value</c> or <c>--name=value</c>. Exit codes: 0 done, 1 failed, 2 usage.
/// </summary>
internal static class CommandLine
{
    public const int Done = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    private const string UsageText =
        """
        Usage:
          train --out DIR [--seed N] [--examples N] [--dataset NAME] [--epochs N] [--shuffle-labels] [--input-name NAME]
          train --write-eval PATH [--count N] [--seed N]
          train --write-requests PATH [--count N] [--seed N]
        """;

    private static readonly string[] Flags = ["--shuffle-labels", "--help"];

    private static readonly string[] Valued =
        ["--out", "--seed", "--examples", "--dataset", "--epochs", "--input-name", "--write-eval", "--write-requests", "--count"];

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        Dictionary<string, string> given;
        try
        {
            given = Parse(args);
            if (given.ContainsKey("--help"))
            {
                output.WriteLine(UsageText);
                return Done;
            }

            var modes = new[] { "--out", "--write-eval", "--write-requests" }.Where(given.ContainsKey).ToList();
            if (modes.Count != 1)
            {
                throw new UsageException(modes.Count == 0
                    ? "Nothing to do: give --out DIR to train, or --write-eval PATH, or --write-requests PATH."
                    : $"{string.Join(" and ", modes)} were both given: give exactly one of --out, --write-eval, --write-requests.");
            }

            return modes[0] == "--out" ? Train(given, output) : Write(modes[0], given, output);
        }
        catch (UsageException e)
        {
            error.WriteLine(e.Message);
            error.WriteLine(UsageText);
            return Usage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"Failed: {e.Message}");
            return Failed;
        }
    }

    private static int Train(Dictionary<string, string> given, TextWriter output)
    {
        Allow(given, "--out", "--seed", "--examples", "--dataset", "--epochs", "--shuffle-labels", "--input-name");
        var defaults = new TrainingOptions();
        var options = new TrainingOptions
        {
            Seed = Number(given, "--seed", defaults.Seed),
            Examples = Number(given, "--examples", defaults.Examples),
            Dataset = given.GetValueOrDefault("--dataset", defaults.Dataset),
            Epochs = Number(given, "--epochs", defaults.Epochs),
            ShuffleLabels = given.ContainsKey("--shuffle-labels"),
            InputName = given.GetValueOrDefault("--input-name", defaults.InputName),
        };
        if (OptionsCheck.Problem(options, Flag) is { } problem)
        {
            throw new UsageException(problem);
        }

        var result = SentimentTrainer.Train(options, given["--out"]);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Trained {result.ModelPath}: {result.Examples} examples of {result.DatasetVersion}, took {result.Took.TotalSeconds:0.0} s"));
        return Done;
    }

    private static int Write(string mode, Dictionary<string, string> given, TextWriter output)
    {
        Allow(given, mode, "--count", "--seed");
        var count = Number(given, "--count", 200);
        if (count < 1)
        {
            throw new UsageException($"--count is {count}: give 1 or more rows, e.g. --count 200.");
        }

        var path = Path.GetFullPath(given[mode]);
        if (mode == "--write-eval")
        {
            SentimentData.WriteEvaluationSet(path, count, Number(given, "--seed", 99));
        }
        else
        {
            SentimentData.WriteRequests(path, count, Number(given, "--seed", 7));
        }

        output.WriteLine($"Wrote {count} {(mode == "--write-eval" ? "evaluation rows" : "requests")} to {path}");
        return Done;
    }

    private static Dictionary<string, string> Parse(string[] args)
    {
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var (name, inline) = args[i].IndexOf('=') is var equals and > 0 ? (args[i][..equals], args[i][(equals + 1)..]) : (args[i], null);
            if (Flags.Contains(name))
            {
                given[name] = inline is null ? "" : throw new UsageException($"{name} takes no value: give {name} alone.");
            }
            else if (Valued.Contains(name))
            {
                var value = inline ?? (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                    ? args[++i]
                    : throw new UsageException($"{name} needs a value: give {name} VALUE or {name}=VALUE."));
                if (!given.TryAdd(name, value))
                {
                    throw new UsageException($"{name} was given twice: give it once.");
                }
            }
            else
            {
                throw new UsageException($"Unknown option '{args[i]}'. Valid options: {string.Join(", ", Valued.Concat(Flags))}.");
            }
        }

        return given;
    }

    private static void Allow(Dictionary<string, string> given, string mode, params string[] allowed)
    {
        if (given.Keys.FirstOrDefault(name => name != mode && !allowed.Contains(name)) is { } stray)
        {
            throw new UsageException($"{stray} does not apply with {mode}: it takes {string.Join(", ", allowed.Where(a => a != mode))}.");
        }
    }

    private static int Number(Dictionary<string, string> given, string name, int fallback) =>
        !given.TryGetValue(name, out var text) ? fallback
        : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
        : throw new UsageException($"{name} '{text}' is not a whole number: give e.g. {name} {fallback}.");

    /// <summary>TrainingOptions.InputName → --input-name.</summary>
    private static string Flag(string property) =>
        "--" + string.Concat(property.Select((c, i) => char.IsUpper(c) ? (i == 0 ? "" : "-") + char.ToLowerInvariant(c) : c.ToString()));
}
