using System.Diagnostics;

namespace ModelRelease.Internal;

/// <summary>
/// Lists every file of a dataset with its size and SHA-256, for a fingerprint when DVC has no record of it.
/// Symbolic links are followed wherever they lead, because DVC checks data out as links into its cache and the
/// content is what counts. A link that leads back into a directory being walked, that cannot be resolved, or that
/// ends at a FIFO, device or socket is refused rather than skipped: skipping would fingerprint less than the
/// dataset and nobody would notice.
/// </summary>
internal static class DatasetWalker
{
    /// <summary>DVC's metadata and cache folder: DVC's own bookkeeping, not the data.</summary>
    private const string DvcFolder = ".dvc";

    /// <summary>
    /// The entries of the file or directory at <paramref name="dataset"/> (a normalized full path that exists).
    /// A directory's entries are relative to it, so the folder's own name and location do not count; a single
    /// file is one entry named after the file. Only a <c>.dvc</c> folder (DVC's metadata and cache) is left out.
    /// Empty directories add nothing, as in git.
    /// </summary>
    /// <param name="dataset">The dataset's full path.</param>
    /// <param name="displayName">How the user named it, for messages.</param>
    /// <exception cref="RegistryException">Something in the dataset cannot be fingerprinted; the message says what.</exception>
    public static IReadOnlyList<ManifestEntry> Walk(string dataset, string displayName)
    {
        var real = RealPaths.Resolve(dataset)
            ?? throw Refuse(displayName, ".", "is a symbolic link that cannot be resolved (a loop or a missing target); fix it");
        var kind = Posix.KindOf(real);
        if (kind == FileKind.Directory)
        {
            var rules = new TreeWalkRules
            {
                LinksMayLeaveRoot = true,
                SkippedDirectoryName = DvcFolder,
                Refuse = refusal => Refuse(displayName, real, refusal),
            };

            // Hashed as the walk goes, so each file is opened right after it was seen to be a regular file.
            return TreeWalker.Walk(real, rules).Select(entry => Hash(displayName, entry.RealPath, entry.RelativePath)).ToList();
        }

        var name = Path.GetFileName(dataset);
        if (kind != FileKind.Regular)
        {
            var viaLink = Posix.KindOf(dataset) == FileKind.Symlink;
            throw Refuse(displayName, name, NotPlain(kind, viaLink));
        }

        return [Hash(displayName, real, name)];
    }

    /// <summary>The dataset's wording of each problem the walk meets.</summary>
    private static RegistryException Refuse(string displayName, string realRoot, TreeWalkRefusal refusal)
    {
        var relative = refusal.RelativePath.Length == 0 ? "." : refusal.RelativePath;
        var problem = refusal.Problem switch
        {
            TreeWalkProblem.ControlCharacter => "has a control character in its name; rename it",
            TreeWalkProblem.LinkLoop or TreeWalkProblem.DanglingLink =>
                "is a symbolic link that cannot be resolved (a loop or a missing target); fix or remove it",
            TreeWalkProblem.LoopsBack =>
                $"is a symbolic link loop: it leads back into {(FullPaths.Comparer.Equals(refusal.RealPath, realRoot) ? "the dataset root" : $"'{refusal.RealPath}'")}, which contains it; remove the link",
            TreeWalkProblem.NotPlain => NotPlain(refusal.Kind, refusal.ViaLink),
            TreeWalkProblem.Vanished => "disappeared while the dataset was read; try again when nothing is writing to it",
            TreeWalkProblem.Unlistable => $"could not be listed ({refusal.Cause!.Message.TrimEnd('.')}); make it readable",
            _ => throw new UnreachableException($"The dataset walk follows links anywhere, so it never meets {refusal.Problem}."),
        };

        return Refuse(displayName, relative, problem, refusal.Cause);
    }

    /// <summary>Why a FIFO, device or socket is refused: its content is not a fixed set of bytes, and reading a FIFO may block forever.</summary>
    private static string NotPlain(FileKind kind, bool viaLink) =>
        $"is {(viaLink ? "a symbolic link to " : string.Empty)}a {FileKindNames.Describe(kind)}, not a regular file or directory, so it has no content to fingerprint; remove it";

    private static ManifestEntry Hash(string displayName, string path, string relative)
    {
        try
        {
            return FileHashing.HashFile(path, relative);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw Refuse(displayName, relative, $"could not be read ({exception.Message.TrimEnd('.')}); make it readable", exception);
        }
    }

    private static RegistryException Refuse(string displayName, string relative, string problem, Exception? inner = null)
    {
        var message = $"dataset '{displayName}': '{relative}' {problem}, or pass --dataset-version=<version>.";
        return inner is null ? new RegistryException(message) : new RegistryException(message, inner);
    }
}
