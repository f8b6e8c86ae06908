using ModelRelease.Internal;

namespace ModelRelease;

/// <summary>
/// A serving image of one version, planned but not built: the Dockerfile, the one-version serving root it copies
/// (<c>/models/models.config</c>, <c>/models/routing.json</c>, <c>/models/&lt;model&gt;/serving/&lt;number&gt;/</c>,
/// the layout a serving root has, so the same server reads it), its tags and its OCI labels. Made by
/// <see cref="ModelRegistry.PlanImage"/>; <see cref="WriteContext"/> writes the build context.
/// </summary>
public sealed class ServingImage
{
    /// <summary>The default base for a SavedModel: TF Serving, pinned, reading the copied models.config.</summary>
    public const string TensorFlowServingBase = "tensorflow/serving:2.18.0";

    /// <summary>
    /// The default base for ONNX: an image of this repository's own host whose entrypoint is the host, so the image's
    /// command <c>--target=Serve --root=/models</c> runs <see cref="ModelRelease"/>'s ONNX Runtime server. No such
    /// image is published: a team builds it once from its host (README, "Serving image") or passes its own base.
    /// </summary>
    public const string OnnxServingBase = "modelrelease-serve:local";

    /// <summary>Where the image holds its serving root.</summary>
    public const string ModelsDirectory = "/models";

    /// <summary>The name of the generated Dockerfile in the build context.</summary>
    public const string DockerfileName = "Dockerfile";

    internal ServingImage(ModelVersion version, ArtifactFormat format, string baseImage, string repository, IReadOnlyList<string> tags,
        IReadOnlyDictionary<string, string> labels, string servingView)
    {
        Version = version;
        Format = format;
        BaseImage = baseImage;
        Repository = repository;
        Tags = tags;
        Labels = labels;
        ServingView = servingView;
        var assignment = new[] { new LabelAssignment(version.Model, LabelNames.Stable, version.Name, version.Number, null, version.CreatedAt) };
        ModelsConfig = ServingConfig.ModelsConfig(assignment, ModelsDirectory, _ => format);
        Routing = ServingConfig.Routing(assignment);
        Dockerfile = ServingDockerfile.Render(this);
    }

    /// <summary>The version the image serves.</summary>
    public ModelVersion Version { get; }

    /// <summary>The version's artifact format, which picks the default base.</summary>
    public ArtifactFormat Format { get; }

    /// <summary>The serving base image (<c>FROM</c>).</summary>
    public string BaseImage { get; }

    /// <summary>The image repository, without a tag.</summary>
    public string Repository { get; }

    /// <summary>The tags: the version name, the serving number and, when the commit is known, the short commit.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>Each tag as a full reference, <c>repository:tag</c>, the first being the one built.</summary>
    public IReadOnlyList<string> References => Tags.Select(tag => $"{Repository}:{tag}").ToList();

    /// <summary>The OCI labels (<c>org.opencontainers.image.*</c>) and ModelRelease's own (<c>io.modelrelease.*</c>), by name.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>The numeric serving view on disk, <c>&lt;root&gt;/&lt;model&gt;/serving/&lt;number&gt;</c>, that the image copies.</summary>
    public string ServingView { get; }

    /// <summary>The generated Dockerfile.</summary>
    public string Dockerfile { get; }

    /// <summary>The image's models.config: this one version, labelled stable.</summary>
    public string ModelsConfig { get; }

    /// <summary>The image's routing.json: all traffic to this version.</summary>
    public string Routing { get; }

    /// <summary>The serving view's path inside the build context and the image, <c>&lt;model&gt;/serving/&lt;number&gt;</c>.</summary>
    public string ViewPath => $"{Version.Model}/{ServingLayout.ServingDirectoryName}/{Version.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Writes the build context into <paramref name="directory"/>, which must be empty or absent: the Dockerfile, the
    /// configs and a copy of the serving view's files. The serving root itself is only read.
    /// </summary>
    /// <exception cref="RegistryException">The directory is not empty, or the serving view is missing (the version was pruned, or the root is not synced).</exception>
    public void WriteContext(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new RegistryException($"The image build context {directory} is not empty. Give an empty or new directory: the context holds only the image's files.");
        }

        if (!Directory.Exists(ServingView))
        {
            throw new RegistryException($"The serving view {ServingView} of {Version.Model} {Version.Name} is missing, so there is nothing to put in the image. Run --target=Verify --repair to rebuild the serving links, or pick a version that is not pruned.");
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, DockerfileName), Dockerfile);
        File.WriteAllText(Path.Combine(directory, "models.config"), ModelsConfig);
        File.WriteAllText(Path.Combine(directory, "routing.json"), Routing);
        CopyTree(ServingView, Path.Combine(directory, ViewPath));
    }

    // The view is a link to the version's immutable copy; its files are read through it, never changed.
    private static void CopyTree(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos())
        {
            var destination = Path.Combine(target, entry.Name);
            if (entry is DirectoryInfo child)
            {
                CopyTree(child.FullName, destination);
            }
            else
            {
                File.Copy(entry.FullName, destination);
            }
        }
    }
}
