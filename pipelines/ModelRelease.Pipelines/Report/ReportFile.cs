using System.Text;

namespace ModelRelease.Pipelines.Report;

/// <summary>Reads the store and writes the HTML report: what the Report task and the Demo do.</summary>
public static class ReportFile
{
    /// <summary>The report's file name in the working directory when no <c>--out</c> is given.</summary>
    public const string DefaultName = "modelrelease-report.html";

    /// <summary>
    /// Writes the report of <paramref name="reports"/> to <paramref name="path"/>, replacing it whole (a reader never
    /// sees half a page). Refuses a path inside a version directory of <paramref name="root"/>: versions are immutable.
    /// </summary>
    public static void Write(string path, string root, IReadOnlyList<ModelReport> reports, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(root);
        RequireOutside(path, root);
        var html = HtmlReport.Render(reports, generatedAt);
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Refuses <paramref name="path"/> when it lies in a version directory or the bookkeeping of <paramref name="root"/>.</summary>
    public static void RequireOutside(string path, string root)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(root), Path.GetFullPath(path));
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            return;
        }

        var parts = relative.Split(Path.DirectorySeparatorChar);
        if (parts[0] == ".modelrelease" || (parts.Length > 2 && parts[1] is "versions" or "serving") || parts.Length > 1 && parts[1] is "stable" or "canary" or "golden")
        {
            throw new RegistryException(
                $"--out={path} lies inside the serving root's versions or bookkeeping, which only ModelRelease's own steps write. Write the report elsewhere, e.g. --out=./{DefaultName}.");
        }
    }
}
