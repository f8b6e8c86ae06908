using System.Globalization;
using ModelRelease.Internal;

namespace ModelRelease;

/// <summary>How release output spells commits, numbers and times, the same in tables, plans and JSON-free messages.</summary>
public static class ReleaseText
{
    /// <summary>The first 12 characters of the commit, with "+dirty" when the tree had uncommitted changes.</summary>
    public static string ShortCommit(GitProvenance git)
    {
        ArgumentNullException.ThrowIfNull(git);
        var commit = git.Commit.Length > 12 ? git.Commit[..12] : git.Commit;
        return git.IsDirty == true ? commit + "+dirty" : commit;
    }

    /// <summary>A metric value, compact and culture-independent (0.912, 118.5, 1.2E-05).</summary>
    public static string Number(double value) => NumberText.Format(value);

    /// <summary>A UTC time to the second, ISO 8601.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
