using System.Globalization;
using ModelRelease.Internal;

namespace ModelRelease;

/// <summary>Serving images: planning one for a version, and recording the digest of one pushed.</summary>
public sealed partial class ModelRegistry
{
    /// <summary>
    /// Plans the serving image of a live version: its base (by the version's format unless given), the tags (version
    /// name, serving number, short commit) and the OCI labels (revision, source, created, and the dataset version,
    /// model, version and serving number). Reads only.
    /// </summary>
    /// <exception cref="RegistryException">
    /// The repository or base image is not a valid reference, the version is unknown or pruned, or its name cannot be
    /// an image tag; each message names the value and the fix.
    /// </exception>
    public ServingImage PlanImage(ImageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireModelName(request.Model);
        if (ImageReferences.RepositoryProblem(request.Repository) is { } repositoryProblem)
        {
            throw new RegistryException($"Cannot build an image: {repositoryProblem}.");
        }

        if (request.BaseImage is not null && ImageReferences.ImageProblem(request.BaseImage) is { } baseProblem)
        {
            throw new RegistryException($"Cannot build an image: {baseProblem}. Give a base such as {ServingImage.TensorFlowServingBase}.");
        }

        using var reader = OpenRead();
        var version = RegistryRules.RequireVersion(reader, request.Model, request.Version);
        if (version.IsPruned)
        {
            throw new RegistryException($"{request.Model} {version.Name} was pruned: its files are gone, so it has no image to build. Pick a live version (--target=Status lists them).");
        }

        var format = reader.Manifest(request.Model, version.Name) is { } manifest ? ArtifactStructure.FormatOf(manifest) : ArtifactFormat.Any;
        var baseImage = request.BaseImage ?? (format == ArtifactFormat.Onnx ? ServingImage.OnnxServingBase : ServingImage.TensorFlowServingBase);
        return new ServingImage(version, format, baseImage, request.Repository, ImageTags(version), ImageLabels(version, baseImage, request.Source), Layout.ServingPath(version.Model, version.Number));
    }

    /// <summary>
    /// Records that an image of <paramref name="version"/> was pushed with <paramref name="digest"/>, with an
    /// <see cref="EventKind.Image"/> event in the audit log, linked to the tracked task run.
    /// </summary>
    /// <exception cref="RegistryException">The version is unknown, or the digest is not <c>sha256:</c> and 64 hex digits.</exception>
    public VersionImage RecordImage(string model, string version, string repository, IReadOnlyList<string> tags, string digest)
    {
        RequireModelName(model);
        ArgumentNullException.ThrowIfNull(tags);
        if (ImageReferences.RepositoryProblem(repository) is { } problem)
        {
            throw new RegistryException($"Cannot record the image: {problem}.");
        }

        if (!IsDigest(digest))
        {
            throw new RegistryException($"Cannot record the image of {model} {version}: '{DisplayText.Escape(digest)}' is not an image digest (sha256: and 64 lowercase hex digits). Record the digest docker push printed.");
        }

        return Change(model, reader => RegistryRules.RequireVersion(reader, model, version), writer =>
        {
            RegistryRules.RequireVersion(writer, model, version);
            var image = new VersionImage(model, version, repository, [.. tags], digest, Now(), CurrentExecutionId);
            writer.AddImage(image);
            Link(writer, model, version, ExecutionRole.Input);
            var evidence = EvidenceJson.Serialize(new { repository, tags, digest, reference = image.Reference });
            writer.AppendEvent(Event(model, EventKind.Image, null, null, version, image.Reference, evidence, image.PushedAt));
            return image;
        });
    }

    /// <summary>The images pushed for <paramref name="model"/>, or for one of its versions, oldest first.</summary>
    public IReadOnlyList<VersionImage> Images(string model, string? version = null)
    {
        RequireModelName(model);
        using var reader = OpenRead();
        return reader.Images(model, version);
    }

    /// <summary>True when <paramref name="digest"/> is an image digest: <c>sha256:</c> and 64 lowercase hex digits.</summary>
    public static bool IsDigest(string? digest) =>
        digest is { Length: 71 } && digest.StartsWith("sha256:", StringComparison.Ordinal) && digest[7..].All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static List<string> ImageTags(ModelVersion version)
    {
        if (ImageReferences.TagProblem(version.Name) is { } problem)
        {
            throw new RegistryException($"Version name {problem}, so it cannot tag the image of {version.Model}. Push the model under a name of letters, digits, '_', '.' and '-'.");
        }

        var tags = new List<string> { version.Name, version.Number.ToString(CultureInfo.InvariantCulture) };
        if (version.Git.Commit != GitProvenance.UnknownCommit && ImageReferences.TagProblem(version.Git.Commit) is null)
        {
            // A dirty tree's commit does not describe the bytes; the tag says so rather than pass for the commit.
            var commit = version.Git.Commit.Length > 12 ? version.Git.Commit[..12] : version.Git.Commit;
            tags.Add(version.Git.IsDirty == true ? commit + "-dirty" : commit);
        }

        return tags.Distinct(StringComparer.Ordinal).ToList();
    }

    private static Dictionary<string, string> ImageLabels(ModelVersion version, string baseImage, string? source)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["org.opencontainers.image.title"] = version.Model,
            ["org.opencontainers.image.version"] = version.Name,
            ["org.opencontainers.image.revision"] = version.Git.Commit,
            ["org.opencontainers.image.created"] = version.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["org.opencontainers.image.base.name"] = baseImage,
            ["io.modelrelease.model"] = version.Model,
            ["io.modelrelease.version"] = version.Name,
            ["io.modelrelease.serving-number"] = version.Number.ToString(CultureInfo.InvariantCulture),
            ["io.modelrelease.dataset-version"] = version.Dataset.Value,
            ["io.modelrelease.content-digest"] = version.Digest,
        };
        if ((source ?? version.Git.RemoteUrl) is { Length: > 0 } remote)
        {
            labels["org.opencontainers.image.source"] = RemoteUrls.StripCredentials(remote);
        }

        return labels;
    }
}
