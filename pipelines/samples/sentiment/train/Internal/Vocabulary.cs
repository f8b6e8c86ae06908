namespace ModelRelease.Samples.Sentiment.Internal;

/// <summary>The words reviews are made of: what carries sentiment, and the neutral filler of each slice.</summary>
internal static class Vocabulary
{
    public const string Movies = "movies";
    public const string Products = "products";

    public static readonly string[] Positive =
    [
        "great", "excellent", "wonderful", "loved", "amazing", "brilliant", "superb", "delightful", "fantastic",
        "enjoyable", "charming", "solid", "impressive", "perfect", "beautiful", "recommended", "fun", "reliable",
        "sturdy", "gripping", "moving", "favourite", "pleasant", "happy", "best",
    ];

    public static readonly string[] Negative =
    [
        "terrible", "awful", "boring", "hated", "poor", "disappointing", "broken", "waste", "dull", "horrible",
        "useless", "annoying", "flimsy", "slow", "mess", "worst", "bad", "cheap", "confusing", "unwatchable",
        "refund", "faulty", "predictable", "tedious", "weak",
    ];

    /// <summary>Filler shared by both slices.</summary>
    public static readonly string[] Common =
    [
        "the", "a", "it", "this", "was", "is", "and", "but", "very", "quite", "really", "i", "we", "my", "overall",
        "after", "week", "time", "again", "so",
    ];

    public static readonly string[] MovieWords =
    [
        "film", "movie", "plot", "actor", "actress", "scene", "director", "cast", "ending", "sequel", "screen",
        "cinema", "story", "soundtrack", "script", "character", "trailer", "camera", "comedy", "drama",
    ];

    public static readonly string[] ProductWords =
    [
        "product", "battery", "price", "delivery", "package", "screen", "charger", "box", "seller", "warranty",
        "order", "size", "colour", "cable", "device", "material", "shipping", "button", "manual", "kitchen",
    ];

    public static IReadOnlyList<string> NeutralFor(string slice) => slice == Movies ? MovieWords : ProductWords;
}
