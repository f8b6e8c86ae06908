namespace ModelRelease.Tests.Fixtures;

/// <summary>Paths shared by the artifact scanner tests.</summary>
internal static class ArtifactFixture
{
    /// <summary>The artifact directory the tests build: 'artifact' inside the temp directory.</summary>
    public static string Artifact(TempDirectory temp) => temp.Combine("artifact");

    /// <summary>Messages show where a link really leads, which is below the temp directory's real path.</summary>
    public static string RealTemp(TempDirectory temp, string relative) => Path.Combine(temp.RealPath, relative);
}
