using System.Text;

namespace ModelRelease.Internal;

/// <summary>
/// Serving links as pointer files: a one-line text file holding the '/'-separated relative target, replaced
/// atomically through <see cref="AtomicFile"/>. For Windows, where creating a symlink needs a privilege most CI
/// agents lack; it works everywhere, so it is tested everywhere.
/// </summary>
internal sealed class PointerFileServingLinks : ServingLinks
{
    /// <summary>A pointer is a short path; anything bigger is someone's data, which is never overwritten.</summary>
    private const int MaxPointerBytes = 4096;

    /// <inheritdoc />
    public override void Point(string linkPath, string relativeTarget)
    {
        RequireRelativeTarget(relativeTarget);
        var link = FullPath(linkPath);
        RequirePointerOrMissing(link);
        AtomicFile.WriteAllTextIfChanged(link, relativeTarget.Replace('\\', '/') + "\n");
    }

    /// <inheritdoc />
    public override string? TargetOf(string linkPath) => RequirePointerOrMissing(FullPath(linkPath));

    /// <inheritdoc />
    public override void Remove(string linkPath)
    {
        var link = FullPath(linkPath);
        if (RequirePointerOrMissing(link) is null)
        {
            return;
        }

        File.Delete(link);
        Posix.FsyncDirectory(Path.GetDirectoryName(link)!);
    }

    /// <summary>The target a pointer file holds, or null when there is none; throws for anything else.</summary>
    private static string? RequirePointerOrMissing(string link)
    {
        var kind = Posix.KindOf(link);
        if (kind == FileKind.Missing)
        {
            return null;
        }

        if (kind != FileKind.Regular)
        {
            throw NotALink(link, Describe(kind));
        }

        return ReadPointer(link) ?? throw NotALink(link, "a file that is not a pointer file (one line naming a version directory)");
    }

    private static string? ReadPointer(string link)
    {
        if (new FileInfo(link).Length > MaxPointerBytes)
        {
            return null;
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(link));
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var target = text.EndsWith('\n') ? text[..^1] : text;
        var valid = target.Length > 0 && !target.Any(char.IsControl) && !Path.IsPathRooted(target) && !target.StartsWith('/');
        return valid ? target : null;
    }

}
