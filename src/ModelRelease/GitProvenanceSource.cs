namespace ModelRelease;

/// <summary>Where a version's git provenance came from.</summary>
public enum GitProvenanceSource
{
    /// <summary>A git repository found by walking up from the working directory.</summary>
    Repository,

    /// <summary>No repository, but GitHub Actions' <c>GITHUB_SHA</c> (and its companions) were set.</summary>
    GitHubEnvironment,

    /// <summary>Neither; the commit is recorded as <c>unknown</c>.</summary>
    Unknown,
}
