namespace ModelRelease.Pipelines.Demo;

/// <summary>What a training run reports: the hyperparameters to record, and the exact data it trained on.</summary>
/// <param name="Hyperparameters">The hyperparameters, recorded with the version.</param>
/// <param name="DatasetVersion">The dataset version, e.g. <c>reviews-2026-10@65e3b44dece4</c>.</param>
/// <param name="Took">How long training took.</param>
public sealed record SampleTraining(IReadOnlyDictionary<string, string> Hyperparameters, string DatasetVersion, TimeSpan Took);
