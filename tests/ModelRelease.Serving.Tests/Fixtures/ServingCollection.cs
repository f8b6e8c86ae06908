using ModelRelease.Testing;

namespace ModelRelease.Serving.Tests.Fixtures;

/// <summary>The serving tests share the trained models and run one class at a time (they load real servers on a small machine).</summary>
[CollectionDefinition(Name)]
public sealed class ServingCollection : ICollectionFixture<TrainedSentiment>
{
    public const string Name = "Serving";
}
