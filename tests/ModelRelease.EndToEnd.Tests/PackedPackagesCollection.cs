namespace ModelRelease.EndToEnd.Tests;

/// <summary>The tests that read the packed packages; they share one Pack run, one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PackedPackagesCollection : ICollectionFixture<PackedPackagesFixture>
{
    public const string Name = "Packed packages";
}
