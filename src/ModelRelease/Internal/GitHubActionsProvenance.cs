namespace ModelRelease.Internal;

/// <summary>
/// Provenance from the variables GitHub Actions sets, for jobs that build without a checkout (a downloaded
/// artifact, a container without <c>.git</c>). See the "Default environment variables" page of the Actions docs.
/// </summary>
internal static class GitHubActionsProvenance
{
    /// <summary>The provenance GitHub's variables describe, or null when <c>GITHUB_SHA</c> is not set.</summary>
    public static GitProvenance? Read(Func<string, string?> environment)
    {
        var sha = Value(environment, "GITHUB_SHA");
        if (sha is null)
        {
            return null;
        }

        // A SHA-1 or SHA-256 object name; anything else would be recorded as if it were a commit.
        if (sha.Length is not (40 or 64) || !sha.All(char.IsAsciiHexDigit))
        {
            throw new RegistryException(
                $"GITHUB_SHA '{sha}' is not a commit SHA (40 or 64 hex digits). Unset it, or set it to the commit being built.");
        }

        var refName = Value(environment, "GITHUB_REF_NAME");
        var refType = Value(environment, "GITHUB_REF_TYPE");

        // In a pull request GITHUB_REF_NAME is "<n>/merge"; the branch that was pushed is GITHUB_HEAD_REF.
        var branch = Value(environment, "GITHUB_HEAD_REF") ?? (refType == "branch" ? refName : null);
        var tag = refType == "tag" ? refName : null;

        var server = Value(environment, "GITHUB_SERVER_URL");
        var repository = Value(environment, "GITHUB_REPOSITORY");
        var remote = server is not null && repository is not null
            ? RemoteUrls.StripCredentials($"{server.TrimEnd('/')}/{repository}.git")
            : null;

        return new GitProvenance(
            sha.ToLowerInvariant(),
            branch,
            IsDetached: branch is null,
            IsDirty: null,
            remote,
            tag,
            GitProvenanceSource.GitHubEnvironment);
    }

    private static string? Value(Func<string, string?> environment, string name)
    {
        var value = environment(name)?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
