namespace Build;

/// <summary>
/// Where this repository's files are: found from the host's own location first (it runs from &lt;repo&gt;/.build/), so
/// ./build.sh of one checkout never builds another checkout it was called from; then from the working directory.
/// </summary>
internal static class RepositoryPaths
{
    public const string SolutionFile = "ModelRelease.slnx";

    public static string FindRoot(string workingDirectory)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, workingDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            $"No {SolutionFile} found above {workingDirectory}: run the repository's own tasks (Compile, Test, Bench) with a ModelRelease checkout's ./build.sh.");
    }
}
