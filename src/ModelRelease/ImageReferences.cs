using System.Text.RegularExpressions;

namespace ModelRelease;

/// <summary>
/// Checks container image names the way a registry reads them (the distribution reference grammar), so a bad
/// <c>--image-repository</c> or a version name that cannot be a tag is refused before docker runs at all.
/// </summary>
public static partial class ImageReferences
{
    /// <summary>Docker's limit on a repository name.</summary>
    public const int MaxRepositoryLength = 255;

    /// <summary>Docker's limit on a tag.</summary>
    public const int MaxTagLength = 128;

    /// <summary>
    /// Why <paramref name="repository"/> is not an image repository (<c>[registry[:port]/]path</c>, lowercase path
    /// components, no tag or digest), with the fix; null when it is one.
    /// </summary>
    public static string? RepositoryProblem(string? repository)
    {
        if (string.IsNullOrEmpty(repository))
        {
            return "the image repository is empty. Give one such as ghcr.io/acme/sentiment";
        }

        var shown = DisplayText.Escape(repository);
        if (repository.Contains('@', StringComparison.Ordinal))
        {
            return $"image repository '{shown}' has a digest. Give the repository alone, e.g. ghcr.io/acme/sentiment: the digest is what the push returns";
        }

        if (repository.Length > MaxRepositoryLength)
        {
            return $"image repository '{shown}' is {repository.Length} characters; registries accept at most {MaxRepositoryLength}";
        }

        var (domain, path) = Split(repository);
        if (domain is not null && !DomainPattern().IsMatch(domain))
        {
            return $"image repository '{shown}' has registry host '{DisplayText.Escape(domain)}', which is not a host name with an optional port. Write it as host[:port]/path, e.g. ghcr.io/acme/sentiment";
        }

        if (path.Split('/').LastOrDefault() is { } last && last.Contains(':', StringComparison.Ordinal))
        {
            return $"image repository '{shown}' has a tag. Give the repository without ':tag', e.g. {DisplayText.Escape(repository[..repository.LastIndexOf(':')])}: the tags are the version name, serving number and commit";
        }

        return path.Split('/').All(component => PathComponentPattern().IsMatch(component))
            ? null
            : $"image repository '{shown}' is not a valid name: each path component is lowercase letters and digits, separated by '.', '_', '__' or '-' (e.g. ghcr.io/acme/sentiment)";
    }

    /// <summary>Why <paramref name="tag"/> is not an image tag (<c>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}</c>), with the fix; null when it is one.</summary>
    public static string? TagProblem(string? tag) => tag is not null && TagPattern().IsMatch(tag)
        ? null
        : $"'{DisplayText.Escape(tag)}' cannot be an image tag: a tag is 1 to {MaxTagLength} letters, digits, '_', '.' or '-' and does not start with '.' or '-'";

    /// <summary>
    /// Why <paramref name="image"/> is not a pullable image reference (<c>repository[:tag][@sha256:…]</c>), with the
    /// fix; null when it is one. A base image is written into a Dockerfile, so anything else is refused.
    /// </summary>
    public static string? ImageProblem(string? image)
    {
        if (string.IsNullOrEmpty(image))
        {
            return "the base image is empty. Give one such as tensorflow/serving:2.18.0";
        }

        var name = image;
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            if (!DigestPattern().IsMatch(name[(at + 1)..]))
            {
                return $"image '{DisplayText.Escape(image)}' has a digest that is not sha256: and 64 lowercase hex digits";
            }

            name = name[..at];
        }

        var colon = name.LastIndexOf(':');
        if (colon > name.LastIndexOf('/'))
        {
            if (TagProblem(name[(colon + 1)..]) is { } tagProblem)
            {
                return $"image '{DisplayText.Escape(image)}': {tagProblem}";
            }

            name = name[..colon];
        }

        return RepositoryProblem(name) is { } problem ? $"base {problem}" : null;
    }

    /// <summary>The registry host of <paramref name="repository"/> (<c>ghcr.io</c>, <c>localhost:5000</c>), or null for Docker Hub.</summary>
    public static string? RegistryOf(string repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return Split(repository).Domain;
    }

    // As docker does: the first component names a registry only when it looks like a host (a dot, a port, or localhost).
    private static (string? Domain, string Path) Split(string repository)
    {
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return (null, repository);
        }

        var first = repository[..slash];
        return first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost"
            ? (first, repository[(slash + 1)..])
            : (null, repository);
    }

    [GeneratedRegex(@"^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*(:[0-9]{1,5})?$", RegexOptions.CultureInvariant)]
    private static partial Regex DomainPattern();

    [GeneratedRegex(@"^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex PathComponentPattern();

    [GeneratedRegex(@"^sha256:[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex DigestPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();
}
