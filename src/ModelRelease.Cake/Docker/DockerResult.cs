using System.Text.RegularExpressions;

namespace ModelRelease.Cake.Docker;

/// <summary>What a docker command printed, and the image digest when it printed one.</summary>
/// <param name="Command">The command that ran.</param>
/// <param name="Output">Its standard output, line by line.</param>
/// <param name="Error">Its standard error, line by line.</param>
/// <param name="MetadataDigest">The digest buildx wrote to its metadata file, when it wrote one.</param>
public sealed partial record DockerResult(DockerCommand Command, IReadOnlyList<string> Output, IReadOnlyList<string> Error, string? MetadataDigest = null)
{
    /// <summary>
    /// The pushed manifest's digest: buildx's metadata file's <c>containerimage.digest</c>, else the last
    /// <c>… digest: sha256:… size: …</c> line <c>docker push</c> printed; null when there is neither.
    /// </summary>
    public string? Digest => MetadataDigest ?? Output.Concat(Error).Select(line => DigestLine().Match(line)).LastOrDefault(m => m.Success)?.Groups[1].Value;

    [GeneratedRegex(@"digest: (sha256:[0-9a-f]{64})", RegexOptions.CultureInvariant)]
    private static partial Regex DigestLine();
}
