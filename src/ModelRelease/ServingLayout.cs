namespace ModelRelease;

/// <summary>
/// Where everything lives under a serving root:
/// <c>&lt;root&gt;/&lt;model&gt;/versions/&lt;name&gt;/</c> (immutable copies),
/// <c>&lt;root&gt;/&lt;model&gt;/&lt;label&gt; → versions/&lt;name&gt;</c>,
/// <c>&lt;root&gt;/&lt;model&gt;/serving/&lt;number&gt; → ../versions/&lt;name&gt;</c> (TF Serving loads integer directories),
/// and <c>models.config</c>, <c>routing.json</c> and the default <c>registry.db</c> at the root.
/// </summary>
public sealed class ServingLayout
{
    /// <summary>The directory name of a model's immutable version copies.</summary>
    public const string VersionsDirectoryName = "versions";

    /// <summary>The directory name of a model's numeric view.</summary>
    public const string ServingDirectoryName = "serving";

    /// <summary>Temporary entries start with this, so a half-written copy or link is never taken for a version or label.</summary>
    public const string TemporaryPrefix = ".";

    /// <summary>Lays out the root <paramref name="root"/> (made absolute).</summary>
    public ServingLayout(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The serving root, absolute.</summary>
    public string Root { get; }

    /// <summary>TF Serving's ModelServerConfig for every model.</summary>
    public string ModelsConfigPath => Path.Combine(Root, "models.config");

    /// <summary>Traffic weights per model.</summary>
    public string RoutingPath => Path.Combine(Root, "routing.json");

    /// <summary>The router file of <paramref name="model"/> for <paramref name="kind"/>: <c>kserve/&lt;model&gt;.yaml</c> or <c>istio/&lt;model&gt;.yaml</c>.</summary>
    public string RouterPath(RouterKind kind, string model) => Path.Combine(RouterDirectory(kind), model + ".yaml");

    /// <summary>The directory of <paramref name="kind"/>'s router files, beside routing.json.</summary>
    public string RouterDirectory(RouterKind kind) => Path.Combine(Root, kind == RouterKind.KServe ? "kserve" : "istio");

    /// <summary>The default SQLite store.</summary>
    public string DefaultRegistryPath => Path.Combine(Root, "registry.db");

    /// <summary>The directory name of the root's own state: its identity, the step journal, the quarantine.</summary>
    public const string StateDirectoryName = ".modelrelease";

    /// <summary>The root's own state: <c>&lt;root&gt;/.modelrelease</c>.</summary>
    public string StateDirectory => Path.Combine(Root, StateDirectoryName);

    /// <summary>The root's identity (its id, also recorded in its store): what makes a directory a ModelRelease root.</summary>
    public string RootMarkerPath => Path.Combine(StateDirectory, "root.json");

    /// <summary>Write-ahead intents of the steps in progress: what each will create and remove.</summary>
    public string JournalDirectory => Path.Combine(StateDirectory, "journal");

    /// <summary>Where directories the store does not know are moved, never deleted.</summary>
    public string QuarantineDirectory => Path.Combine(StateDirectory, "quarantine");

    /// <summary><paramref name="path"/> relative to the root, with forward slashes (as the journal records paths).</summary>
    public string Relative(string path) => Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>The absolute path of <paramref name="relative"/>, a path the journal recorded relative to the root.</summary>
    public string Absolute(string relative) => Path.GetFullPath(Path.Combine(Root, relative));

    /// <summary>The directory of <paramref name="model"/>.</summary>
    public string ModelDirectory(string model) => Path.Combine(Root, model);

    /// <summary>Where <paramref name="model"/>'s version copies live.</summary>
    public string VersionsDirectory(string model) => Path.Combine(Root, model, VersionsDirectoryName);

    /// <summary>The immutable copy of one version.</summary>
    public string VersionDirectory(string model, string version) => Path.Combine(Root, model, VersionsDirectoryName, version);

    /// <summary>The numeric view TF Serving's base_path points at.</summary>
    public string ServingDirectory(string model) => Path.Combine(Root, model, ServingDirectoryName);

    /// <summary>The numeric link of one version.</summary>
    public string ServingPath(string model, long number) => Path.Combine(Root, model, ServingDirectoryName, number.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The link of one label.</summary>
    public string LabelPath(string model, string label) => Path.Combine(Root, model, label);

    /// <summary>A label link's target, relative to the model directory.</summary>
    public static string LabelTarget(string version) => $"{VersionsDirectoryName}/{version}";

    /// <summary>A numeric link's target, relative to the serving directory.</summary>
    public static string ServingTarget(string version) => $"../{VersionsDirectoryName}/{version}";
}
