namespace Build;

/// <summary>Where this repository's files are, found from the working directory so ./build.sh works from any subfolder.</summary>
internal static class RepositoryPaths
{
    public const string SolutionFile = "ModelRelease.slnx";

    public static string FindRoot(string workingDirectory)
    {
        foreach (var start in new[] { workingDirectory, AppContext.BaseDirectory })
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
            $"No {SolutionFile} found above {workingDirectory}: run the repository's own tasks (Compile, Test, Bench) from inside a ModelRelease checkout.");
    }
}
