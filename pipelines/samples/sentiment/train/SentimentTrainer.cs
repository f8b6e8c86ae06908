using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using ModelRelease.Samples.Sentiment.Internal;

namespace ModelRelease.Samples.Sentiment;

/// <summary>
/// Trains the sample sentiment classifier with ML.NET (word unigrams, SDCA logistic regression) on
/// <see cref="SentimentData"/> rows and exports it as ONNX: one string input named <see cref="TrainingOptions.InputName"/>
/// (shape [-1, 1], one row per call), outputs <c>PredictedLabel.output</c>, <c>Score.output</c> and <c>Probability.output</c>.
/// </summary>
public static class SentimentTrainer
{
    /// <summary>The model file <see cref="Train"/> writes in its output directory.</summary>
    public const string ModelFileName = "model.onnx";

    /// <summary>The hyperparameters file <see cref="Train"/> writes beside the model: a flat JSON object of strings.</summary>
    public const string HyperparametersFileName = "hyperparameters.json";

    /// <summary>The fewest training rows accepted: fewer could miss a label altogether.</summary>
    public const int MinimumExamples = 10;

    /// <summary>The ONNX output holding the probability of a positive review.</summary>
    public const string ProbabilityOutput = "Probability.output";

    /// <summary>The ONNX output holding the predicted label (true for positive).</summary>
    public const string PredictedLabelOutput = "PredictedLabel.output";

    /// <summary>The ONNX output holding the raw score.</summary>
    public const string ScoreOutput = "Score.output";

    // Words become word-unigram counts. ML.NET's FeaturizeText does not export to ONNX (its text normaliser has no
    // ONNX form); tokenize → key → n-grams does, and unknown words at inference simply add nothing.
    private const string Tokens = "Tokens";
    private const string Features = "Features";

    // Converged is converged: a loose tolerance would stop every run after a few passes and make Epochs meaningless.
    private const float ConvergenceTolerance = 1e-4f;

    /// <summary>
    /// Trains one model and writes <c>model.onnx</c> and <c>hyperparameters.json</c> into
    /// <paramref name="outputDirectory"/> (created if missing; files there are replaced). The same options give the
    /// same model.
    /// </summary>
    /// <param name="options">What to train.</param>
    /// <param name="outputDirectory">Where to write the model.</param>
    /// <exception cref="ArgumentException">An option is out of range; the message names it and a right value.</exception>
    public static TrainingResult Train(TrainingOptions options, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        if (OptionsCheck.Problem(options, static property => $"TrainingOptions.{property}") is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        var clock = Stopwatch.StartNew();
        var rows = TrainingRows(options);
        var ml = new MLContext(seed: options.Seed);
        var data = ml.Data.LoadFromEnumerable(rows, Schema<TrainingRow>(options.InputName));
        var pipeline = ml.Transforms.Text.TokenizeIntoWords(Tokens, options.InputName)
            .Append(ml.Transforms.Conversion.MapValueToKey(Tokens))
            .Append(ml.Transforms.Text.ProduceNgrams(Features, Tokens, ngramLength: 1, useAllLengths: false))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = nameof(TrainingRow.Label),
                FeatureColumnName = Features,
                MaximumNumberOfIterations = options.Epochs,
                ConvergenceTolerance = ConvergenceTolerance,
                // One thread: SDCA's multi-threaded updates race, and the same options must give the same model.
                NumberOfThreads = 1,
            }));
        var model = pipeline.Fit(data);

        var directory = Path.GetFullPath(outputDirectory);
        var modelPath = Path.Combine(directory, ModelFileName);
        var textOnly = ml.Data.LoadFromEnumerable(Array.Empty<TextRow>(), Schema<TextRow>(options.InputName));
        FileOutput.WriteAtomically(modelPath, stream =>
            ml.Model.ConvertToOnnx(model, textOnly, stream, "PredictedLabel", "Score", "Probability"));

        var hyperparameters = Hyperparameters(options);
        FileOutput.WriteAtomically(Path.Combine(directory, HyperparametersFileName), stream =>
        {
            JsonSerializer.Serialize(stream, hyperparameters, new JsonSerializerOptions { WriteIndented = true });
            stream.WriteByte((byte)'\n');
        });

        return new TrainingResult(modelPath, hyperparameters, DatasetVersion(options.Dataset, rows), rows.Count, clock.Elapsed);
    }

    private static List<TrainingRow> TrainingRows(TrainingOptions options)
    {
        var rows = SentimentData.Generate(options.Dataset, options.Examples, options.Seed)
            .Select(review => new TrainingRow { Text = review.Text, Label = review.Positive })
            .ToList();
        if (options.ShuffleLabels)
        {
            // Permuting (not redrawing) keeps the class balance, so only the link between words and labels is lost.
            var labels = rows.Select(row => row.Label).ToList();
            new SplitMix64(SplitMix64.SeedFor("shuffle-labels", options.Seed)).Shuffle(labels);
            for (var i = 0; i < rows.Count; i++)
            {
                rows[i].Label = labels[i];
            }
        }

        return rows;
    }

    private static SchemaDefinition Schema<T>(string inputName)
    {
        // The ONNX input takes the name of the column it came from.
        var schema = SchemaDefinition.Create(typeof(T));
        schema[nameof(TextRow.Text)].ColumnName = inputName;
        return schema;
    }

    private static SortedDictionary<string, string> Hyperparameters(TrainingOptions options) => new(StringComparer.Ordinal)
    {
        ["trainer"] = "SdcaLogisticRegression",
        ["features"] = "word-unigrams",
        ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
        ["examples"] = options.Examples.ToString(CultureInfo.InvariantCulture),
        ["dataset"] = options.Dataset,
        ["epochs"] = options.Epochs.ToString(CultureInfo.InvariantCulture),
        ["convergence_tolerance"] = ConvergenceTolerance.ToString("R", CultureInfo.InvariantCulture),
        ["shuffle_labels"] = options.ShuffleLabels ? "true" : "false",
        ["input_name"] = options.InputName,
    };

    /// <summary>The dataset's name and a fingerprint of exactly what was trained on, labels included.</summary>
    private static string DatasetVersion(string dataset, IReadOnlyList<TrainingRow> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.Append(row.Label ? '1' : '0').Append('\t').Append(row.Text).Append('\n');
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        return $"{dataset}@{hash[..12]}";
    }
}
