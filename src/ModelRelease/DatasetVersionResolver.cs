using ModelRelease.Internal;

namespace ModelRelease;

/// <summary>Establishes which data a version was trained on: as given, as DVC recorded it, or by fingerprinting it.</summary>
public static class DatasetVersionResolver
{
    /// <summary>The longest dataset version that may be given.</summary>
    public const int MaxVersionLength = 128;

    /// <summary>
    /// Resolves the dataset version, first match wins:
    /// <list type="number">
    /// <item><paramref name="givenVersion"/>, trimmed: non-blank, at most <see cref="MaxVersionLength"/> characters, no control characters.</item>
    /// <item>DVC's md5 for <paramref name="datasetPath"/> from <c>&lt;dataset&gt;.dvc</c> beside it.</item>
    /// <item>
    /// DVC's md5 for it from the nearest <c>dvc.lock</c> that lists it among a stage's outputs, looking in the
    /// dataset's parent directory and up to the git repository root (the first directory holding <c>.git</c>) or the
    /// filesystem root.
    /// </item>
    /// <item>
    /// A fingerprint: the <see cref="VersionManifest.Digest"/> of every file's relative path, size and SHA-256
    /// (symbolic links followed; only a <c>.dvc</c> folder left out; empty directories add nothing). For a single
    /// file, the one entry is named after it.
    /// </item>
    /// </list>
    /// DVC values read <c>md5:&lt;hash&gt;</c>, keeping DVC's <c>.dir</c> suffix for directories; they are what DVC
    /// recorded, not checked against the files (<c>dvc status</c> does that). With neither argument the result is
    /// <see cref="DatasetVersion.Unknown"/>.
    /// </summary>
    /// <param name="givenVersion">The <c>--dataset-version</c> argument, or null.</param>
    /// <param name="datasetPath">The <c>--dataset</c> argument (file or directory), or null.</param>
    /// <exception cref="RegistryException">
    /// The given version breaks a rule; the dataset does not exist, is empty, or holds something that cannot be
    /// fingerprinted (a symbolic link loop, a broken link, an unreadable file, a FIFO, device or socket); or a DVC
    /// file is malformed.
    /// </exception>
    public static DatasetVersion Resolve(string? givenVersion, string? datasetPath)
    {
        if (givenVersion is not null)
        {
            return new DatasetVersion(CheckGiven(givenVersion), DatasetVersionSource.Given);
        }

        if (datasetPath is null)
        {
            return DatasetVersion.Unknown;
        }

        if (string.IsNullOrWhiteSpace(datasetPath))
        {
            throw new RegistryException("the dataset path is blank; pass --dataset=<dir> or --dataset-version=<version>.");
        }

        var dataset = FullPaths.Normalize(datasetPath);
        // Through any links: a dangling link is a dataset that does not exist, though File.Exists says it does.
        if (RealPaths.Resolve(dataset) is null)
        {
            throw new RegistryException($"dataset '{datasetPath}' does not exist; pass --dataset=<dir> or --dataset-version=<version>.");
        }

        if (FromDvc(dataset) is { } md5)
        {
            return new DatasetVersion(md5, DatasetVersionSource.Dvc);
        }

        var entries = DatasetWalker.Walk(dataset, datasetPath);
        if (entries.Count == 0)
        {
            throw new RegistryException($"dataset '{datasetPath}' is empty; point --dataset at the data, or pass --dataset-version=<version>.");
        }

        return new DatasetVersion(VersionManifest.FromEntries(entries).Digest, DatasetVersionSource.Fingerprint);
    }

    private static string CheckGiven(string given)
    {
        // Checked before trimming: a newline or tab is a sign of a pasted or templated value gone wrong.
        foreach (var c in given)
        {
            if (char.IsControl(c))
            {
                throw new RegistryException(
                    $"dataset version holds a control character (\\u{(int)c:x4}); use printable text, e.g. --dataset-version=imagenet-2026.01.");
            }
        }

        var trimmed = given.Trim();
        if (trimmed.Length == 0)
        {
            throw new RegistryException(
                "dataset version is blank; pass a version, e.g. --dataset-version=imagenet-2026.01, or leave it out to use --dataset.");
        }

        if (trimmed.Length > MaxVersionLength)
        {
            throw new RegistryException(
                $"dataset version is {trimmed.Length} characters long; the limit is {MaxVersionLength}.");
        }

        return trimmed;
    }

    private static string? FromDvc(string dataset)
    {
        var dvcFile = dataset + ".dvc";
        if (File.Exists(dvcFile) && DvcRecords.FromDvcFile(dvcFile, dataset) is { } md5)
        {
            return md5;
        }

        for (var directory = Path.GetDirectoryName(dataset); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            var lockFile = Path.Combine(directory, "dvc.lock");
            if (File.Exists(lockFile) && DvcRecords.FromLockFile(lockFile, dataset) is { } locked)
            {
                return locked;
            }

            // DVC projects live in git repositories; a dvc.lock above the repository belongs to something else.
            var dotGit = Path.Combine(directory, ".git");
            if (Directory.Exists(dotGit) || File.Exists(dotGit))
            {
                break;
            }
        }

        return null;
    }
}
