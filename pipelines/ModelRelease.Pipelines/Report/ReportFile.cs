using System.Text;

namespace ModelRelease.Pipelines.Report;

/// <summary>Reads the store and writes the HTML report: what the Report task and the Demo do.</summary>
public static class ReportFile
{
    /// <summary>The report's file name in the working directory when no <c>--out</c> is given.</summary>
    public const string DefaultName = "modelrelease-report.html";

    /// <summary>The page's generator mark: an existing file is replaced only when it carries it (an earlier report).</summary>
    public const string Generator = "ModelRelease report";

    /// <summary>
    /// Writes the report of <paramref name="reports"/> to <paramref name="path"/>, replacing it whole (a reader never
    /// sees half a page). Refuses a path inside <paramref name="root"/>, which holds only ModelRelease's own files.
    /// </summary>
    public static void Write(string path, string root, IReadOnlyList<ModelReport> reports, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(root);
        RequireAllowed(path, root);
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

    /// <summary>
    /// Refuses <paramref name="path"/> when it lies inside the serving <paramref name="root"/> (its versions, links,
    /// configs and store are ModelRelease's own), is the <paramref name="store"/> file, or is a directory.
    /// </summary>
    public static void RequireAllowed(string path, string root, string? store = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(root);
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Path.GetFullPath(root), full);
        var inside = relative == "." || !(relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative));
        if (inside || (store is not null && Path.IsPathRooted(store) && Path.GetFullPath(store) == full))
        {
            throw new RegistryException(
                $"--out={path} lies inside the serving root {root} or is its store, which only ModelRelease's own steps write. Write the report elsewhere, e.g. --out=./{DefaultName}.");
        }

        if (Directory.Exists(full))
        {
            throw new RegistryException($"--out={path} is a directory. Give a file path, e.g. --out={Path.Combine(path, DefaultName)}.");
        }

        // A typo in --out (build.sh, README.md) must not replace a file the user never meant to lose: only an earlier
        // report is replaced.
        if (File.Exists(full) && !IsReport(full))
        {
            throw new RegistryException(
                $"--out={path} exists and is not a ModelRelease report, so it is left as it is. Choose another --out, or move the file away first.");
        }
    }

    private static bool IsReport(string path)
    {
        var head = new char[4096];
        using var reader = new StreamReader(path);
        var read = reader.ReadBlock(head, 0, head.Length);
        return new string(head, 0, read).Contains($"<meta name=\"generator\" content=\"{Generator}\">", StringComparison.Ordinal);
    }
}
