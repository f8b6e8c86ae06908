namespace ModelRelease.Samples.Sentiment.Internal;

/// <summary>A bad command line: the message names the option and a right value; the program exits 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
