namespace ModelRelease.Samples.Sentiment;

/// <summary>One generated review.</summary>
/// <param name="Text">Lower-case words separated by single spaces.</param>
/// <param name="Positive">Its label: <see langword="true"/> for a positive review.</param>
/// <param name="Slice">What it reviews: <c>movies</c> or <c>products</c>.</param>
public sealed record Review(string Text, bool Positive, string Slice);
