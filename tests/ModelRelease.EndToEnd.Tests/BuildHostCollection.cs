namespace ModelRelease.EndToEnd.Tests;

/// <summary>The tests that share one repository copy; they run one after another, never in parallel.</summary>
[CollectionDefinition(Name)]
public sealed class BuildHostCollection : ICollectionFixture<BuildHostFixture>
{
    public const string Name = "Shared build host copy";
}
