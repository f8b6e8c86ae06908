namespace ModelRelease.Pipelines.Report.Internal;

/// <summary>The web page of a version's commit, when its remote is an https GitHub or GitLab repository.</summary>
internal static class CommitLink
{
    /// <summary>The commit's URL, or null when the remote is unknown, not https, or not a host whose URL scheme is known.</summary>
    public static string? Of(GitProvenance git)
    {
        if (git.RemoteUrl is not { } remote || git.Commit == GitProvenance.UnknownCommit || !IsHex(git.Commit)
            || !Uri.TryCreate(remote, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps
            || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return null;
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        path = path.EndsWith(".git", StringComparison.OrdinalIgnoreCase) ? path[..^4] : path;
        if (path.Count(c => c == '/') < 2)
        {
            return null;
        }

        var host = uri.Host.ToLowerInvariant();
        var repository = $"https://{uri.Authority}{path}";
        return host == "github.com" || host.EndsWith(".github.com", StringComparison.Ordinal) ? $"{repository}/commit/{git.Commit}"
            : host == "gitlab.com" || host.StartsWith("gitlab.", StringComparison.Ordinal) ? $"{repository}/-/commit/{git.Commit}"
            : null;
    }

    private static bool IsHex(string commit) => commit.Length is >= 7 and <= 64 && commit.All(Uri.IsHexDigit);
}
