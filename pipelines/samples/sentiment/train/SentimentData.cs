using System.Text.Json;
using ModelRelease.Samples.Sentiment.Internal;

namespace ModelRelease.Samples.Sentiment;

/// <summary>
/// Synthetic movie and product reviews, generated deterministically: the same arguments give the same rows on every
/// machine. Each review mixes words that carry its sentiment with neutral words of its slice, plus noise (some words of
/// the opposite sentiment, a few wrong labels), so a good model is accurate but not perfect.
/// </summary>
public static class SentimentData
{
    /// <summary>The dataset <see cref="WriteEvaluationSet"/> draws from; no training call uses it by default.</summary>
    public const string HoldoutDataset = "reviews-holdout";

    /// <summary>The dataset <see cref="WriteRequests"/> draws from, so warm-up traffic is not the evaluation set.</summary>
    public const string RequestsDataset = "reviews-traffic";

    /// <summary>The input name the evaluation set and the requests use: <see cref="TrainingOptions.InputName"/>'s default.</summary>
    public const string InputName = "text";

    // A sentiment word has this chance of being of the opposite sentiment: reviews with one or two such words are
    // ambiguous, which keeps a good model's accuracy below 1.
    private const double OppositeWordRate = 0.1;

    // This share of labels is simply wrong, as in any hand-labelled set.
    private const double LabelNoiseRate = 0.04;

    // Of the neutral words, this share is common filler; the rest are the slice's own words.
    private const double CommonWordRate = 0.3;

    /// <summary>Generates <paramref name="count"/> reviews of <paramref name="dataset"/> with <paramref name="seed"/>.</summary>
    /// <param name="dataset">The dataset's name: another name gives unrelated rows.</param>
    /// <param name="count">How many rows, 0 or more.</param>
    /// <param name="seed">The sampling seed: another seed gives other rows of the same kind.</param>
    public static IReadOnlyList<Review> Generate(string dataset, int count, int seed)
    {
        if (string.IsNullOrWhiteSpace(dataset))
        {
            throw new ArgumentException("The dataset name is empty. Give a name such as 'reviews-2026-09'.", nameof(dataset));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new SplitMix64(SplitMix64.SeedFor(dataset, seed));
        var rows = new List<Review>(count);
        for (var i = 0; i < count; i++)
        {
            rows.Add(NextReview(random));
        }

        return rows;
    }

    /// <summary>
    /// Writes an evaluation set of <see cref="HoldoutDataset"/> as JSON Lines, one object a line:
    /// <c>{"instance":{"text":"…"},"label":1,"slice":"movies"}</c> (label 1 positive, 0 negative).
    /// </summary>
    /// <param name="path">The file to write (its directory is created; an existing file is replaced).</param>
    /// <param name="count">How many rows, 0 or more.</param>
    /// <param name="seed">The sampling seed.</param>
    public static void WriteEvaluationSet(string path, int count, int seed = 99) =>
        WriteLines(path, Generate(HoldoutDataset, count, seed), static (writer, review) =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("instance");
            writer.WriteString(InputName, review.Text);
            writer.WriteEndObject();
            writer.WriteNumber("label", review.Positive ? 1 : 0);
            writer.WriteString("slice", review.Slice);
            writer.WriteEndObject();
        });

    /// <summary>
    /// Writes warm-up requests of <see cref="RequestsDataset"/> as JSON Lines, each a TF Serving predict body with one
    /// instance: <c>{"instances":[{"text":"…"}]}</c>.
    /// </summary>
    /// <param name="path">The file to write (its directory is created; an existing file is replaced).</param>
    /// <param name="count">How many requests, 0 or more.</param>
    /// <param name="seed">The sampling seed.</param>
    public static void WriteRequests(string path, int count, int seed = 7) =>
        WriteLines(path, Generate(RequestsDataset, count, seed), static (writer, review) =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("instances");
            writer.WriteStartObject();
            writer.WriteString(InputName, review.Text);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    private static Review NextReview(SplitMix64 random)
    {
        var slice = random.Next(2) == 0 ? Vocabulary.Movies : Vocabulary.Products;
        var positive = random.Next(2) == 0;
        var length = 4 + random.Next(13);
        var sentimentWords = 1 + random.Next(Math.Max(1, length / 4));
        var words = new List<string>(length);
        for (var i = 0; i < sentimentWords; i++)
        {
            var agrees = random.NextDouble() >= OppositeWordRate;
            words.Add(random.Pick(agrees == positive ? Vocabulary.Positive : Vocabulary.Negative));
        }

        var neutral = Vocabulary.NeutralFor(slice);
        while (words.Count < length)
        {
            words.Add(random.Pick(random.NextDouble() < CommonWordRate ? Vocabulary.Common : neutral));
        }

        random.Shuffle(words);
        var label = random.NextDouble() < LabelNoiseRate ? !positive : positive;
        return new Review(string.Join(' ', words), label, slice);
    }

    private static void WriteLines(string path, IReadOnlyList<Review> reviews, Action<Utf8JsonWriter, Review> write) =>
        FileOutput.WriteAtomically(path, stream =>
        {
            foreach (var review in reviews)
            {
                // One writer per line: JSON Lines wants each object compact and on its own line.
                using (var writer = new Utf8JsonWriter(stream))
                {
                    write(writer, review);
                }

                stream.WriteByte((byte)'\n');
            }
        });
}
