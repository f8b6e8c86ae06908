using ModelRelease.Samples.Sentiment.Internal;

// The CLI over SentimentTrainer and SentimentData; see README.md for the options.
return CommandLine.Run(args, Console.Out, Console.Error);
