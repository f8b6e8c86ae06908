using System.Text;
using System.Text.Json;
using ModelRelease.Internal;

namespace ModelRelease;

/// <summary>
/// What a serving root keeps about itself in <c>&lt;root&gt;/.modelrelease/settings.json</c>, so every job that
/// releases into the root, on any machine, renders it the same way:
/// <code>{ "servingPath": "/models" }</code>
/// <c>servingPath</c> is the root as the model server sees it, an absolute POSIX path (where a container mounts it);
/// models.config's <c>base_path</c>s are written under it. Without it they are under the root's absolute path on
/// the machine that wrote them. Reading is strict: an unknown key, a key given twice or a value of the wrong type
/// is an error naming the file and the key. A missing file is the defaults.
/// </summary>
public sealed record RootSettings
{
    /// <summary>The directory under the root that holds what ModelRelease keeps about the root.</summary>
    public const string DirectoryName = ServingLayout.StateDirectoryName;

    /// <summary>The settings file's name in <see cref="DirectoryName"/>.</summary>
    public const string FileName = "settings.json";

    /// <summary>The key of <see cref="ServingPath"/>.</summary>
    public const string ServingPathKey = "servingPath";

    private const int MaxServingPathLength = 1024;
    private const string Example = "settings look like {\"servingPath\": \"/models\"}";

    /// <summary>The root as the model server sees it (e.g. <c>/models</c>), or null for the root's own path.</summary>
    public string? ServingPath { get; init; }

    /// <summary>Where <paramref name="root"/> keeps its settings.</summary>
    public static string PathIn(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        return Path.Combine(Path.GetFullPath(root), DirectoryName, FileName);
    }

    /// <summary>Reads the settings of <paramref name="root"/>; the defaults when it has none.</summary>
    /// <exception cref="RegistryException">The file cannot be read, or what it says is not valid.</exception>
    public static RootSettings Load(string root)
    {
        var path = PathIn(root);
        if (Posix.KindOf(path) == FileKind.Missing)
        {
            return new RootSettings();
        }

        var json = JsonInput.ReadFile(path, "Root settings file", $"Fix it, or remove it to use the defaults ({Example}).");
        return Parse(json, path);
    }

    /// <summary>Reads settings from JSON text; <paramref name="source"/> names where it came from in error messages.</summary>
    /// <exception cref="RegistryException">The JSON is malformed, has a key this version does not know, or a value that is not valid.</exception>
    public static RootSettings Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        using var document = JsonInput.Parse(json, source, Example);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new RegistryException($"{source}: the settings must be a JSON object, not {JsonInput.Describe(root)}; {Example}.");
        }

        var settings = new RootSettings();
        foreach (var property in JsonInput.Properties(root, source, "at the top level"))
        {
            if (property.Name != ServingPathKey)
            {
                throw new RegistryException($"{source}: unknown key '{DisplayText.Escape(property.Name)}'. The keys are: {ServingPathKey}; {Example}.");
            }

            if (property.Value.ValueKind != JsonValueKind.String)
            {
                throw new RegistryException($"{source}: \"{ServingPathKey}\" must be a string, not {JsonInput.Describe(property.Value)}; {Example}.");
            }

            var value = property.Value.GetString()!;
            if (ServingPathProblem(value) is { } problem)
            {
                throw new RegistryException($"{source}: \"{ServingPathKey}\" {problem}.");
            }

            settings = settings with { ServingPath = value };
        }

        return settings;
    }

    /// <summary>
    /// Why <paramref name="path"/> cannot be a serving path, or null when it can: it must be an absolute POSIX path
    /// (it is written into a config a Linux server reads), with no empty, <c>.</c> or <c>..</c> segment, no trailing
    /// '/', and no control character or backslash.
    /// </summary>
    public static string? ServingPathProblem(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "is empty; give the root's path as the server sees it, e.g. /models";
        }

        var shown = DisplayText.Escape(path);
        if (path.Length > MaxServingPathLength)
        {
            return $"is {path.Length} characters long; a serving path has at most {MaxServingPathLength}";
        }

        if (!path.StartsWith('/'))
        {
            return $"'{shown}' is not an absolute POSIX path; give the root's path as the server sees it, starting with '/', e.g. /models";
        }

        if (path.Any(c => char.IsControl(c) || c == '\\'))
        {
            return $"'{shown}' holds a control character or a backslash; write the path as the server sees it, e.g. /models";
        }

        if (path != "/" && path[1..].Split('/').Any(segment => segment is "" or "." or ".."))
        {
            return $"'{shown}' has an empty, '.' or '..' segment or ends with '/'; write it plainly, e.g. /models";
        }

        return null;
    }

    /// <summary>Refuses a root that does not exist: settings never create one, so a typo in --root makes no directory that looks like a root.</summary>
    /// <exception cref="RegistryException"><paramref name="root"/> is not an existing directory.</exception>
    public static void RequireRoot(string root)
    {
        var full = Path.GetFullPath(root);
        if (!Directory.Exists(full))
        {
            throw new RegistryException($"The serving root {full} does not exist. Check --root, or push a first version there before configuring it.");
        }
    }

    /// <summary>The settings as the file holds them: indented JSON, only what is set, ending with a newline.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonInput.Writer(indented: true)))
        {
            json.WriteStartObject();
            if (ServingPath is { } servingPath)
            {
                json.WriteString(ServingPathKey, servingPath);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>
    /// Writes the settings into the existing root <paramref name="root"/> atomically (readers see the old file or the
    /// new one). Returns false, writing nothing, when the file already says exactly this.
    /// </summary>
    /// <exception cref="RegistryException">The root does not exist, or a setting is not valid.</exception>
    public bool Save(string root)
    {
        if (ServingPath is { } servingPath && ServingPathProblem(servingPath) is { } problem)
        {
            throw new RegistryException($"The serving path {problem}.");
        }

        var path = PathIn(root);
        RequireRoot(root);
        var directory = Path.GetDirectoryName(path)!;
        Directories.Create(directory);
        return AtomicFile.WriteAllTextIfChanged(path, ToJson());
    }
}
