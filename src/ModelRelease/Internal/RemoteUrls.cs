namespace ModelRelease.Internal;

/// <summary>Makes a remote URL safe to record: CI checkouts often carry a token in it.</summary>
internal static class RemoteUrls
{
    /// <summary>
    /// Removes credentials from a URL-style remote. For http(s) the whole user part goes, because tokens are often
    /// passed as the user name alone (<c>https://ghp_x@github.com/…</c>); for other schemes (ssh, git) the user name
    /// says which account to log in as and carries no secret, so only a password after ':' goes. scp-style remotes
    /// (<c>git@host:o/r.git</c>) and local paths cannot hold a password and are returned unchanged.
    /// </summary>
    public static string StripCredentials(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return url;
        }

        var authorityStart = schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = url.Length;
        }

        // The last '@' ends the user part: a password may itself hold an unescaped '@'.
        var at = authorityEnd > authorityStart ? url.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart) : -1;
        if (at < 0)
        {
            return url;
        }

        var scheme = url[..schemeEnd];
        var userInfo = url[authorityStart..at];
        var isHttp = scheme.Equals("http", StringComparison.OrdinalIgnoreCase) || scheme.Equals("https", StringComparison.OrdinalIgnoreCase);
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        var kept = isHttp || colon == 0 ? string.Empty : (colon < 0 ? userInfo : userInfo[..colon]) + "@";
        return url[..authorityStart] + kept + url[(at + 1)..];
    }
}
