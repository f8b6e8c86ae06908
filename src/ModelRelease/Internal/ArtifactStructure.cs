namespace ModelRelease.Internal;

/// <summary>
/// The artifact row of a validation report: does the candidate directory have the layout the policy demands? Only
/// the structure is looked at; whether the files are safe to copy is the push's job.
/// </summary>
internal static class ArtifactStructure
{
    private const string Graph = "saved_model.pb";
    private const string TextGraph = "saved_model.pbtxt";
    private const string Variables = "variables";
    private const string OnnxExtension = ".onnx";
    private const int Shown = 5;

    public static ValidationCheck Check(ArtifactFormat format, string directory)
    {
        var (name, expected) = format switch
        {
            ArtifactFormat.TensorFlowSavedModel => ("artifact (TensorFlow SavedModel)", $"{Graph} or {TextGraph}, and {Variables}/"),
            ArtifactFormat.Onnx => ("artifact (ONNX)", "a *.onnx file at the top level"),
            _ => ("artifact (any format)", "a non-empty directory"),
        };

        var full = Path.GetFullPath(directory);
        if (!Directory.Exists(full))
        {
            return File.Exists(full)
                ? new ValidationCheck(name, "a file, not a directory", expected, false)
                {
                    Note = $"the artifact {full} is a file: point --artifact at the directory that holds the model, e.g. --artifact={Path.GetDirectoryName(full)}",
                }
                : new ValidationCheck(name, "missing", expected, false)
                {
                    Note = $"there is no artifact directory at {full}: check --artifact, or run the export first",
                };
        }

        List<FileSystemInfo> entries;
        try
        {
            entries = [.. new DirectoryInfo(full).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ValidationCheck(name, "unreadable", expected, false)
            {
                Note = $"the artifact directory {full} could not be read ({e.Message}): check its permissions",
            };
        }

        return format switch
        {
            ArtifactFormat.TensorFlowSavedModel => SavedModel(name, expected, full, entries),
            ArtifactFormat.Onnx => Onnx(name, expected, full, entries),
            _ => NonEmpty(name, expected, full, entries),
        };
    }

    /// <summary>
    /// The format a pushed version's manifest shows at its top level, for the serving config: a SavedModel graph,
    /// else an <c>.onnx</c> file, else <see cref="ArtifactFormat.Any"/>.
    /// </summary>
    public static ArtifactFormat FormatOf(VersionManifest manifest)
    {
        var top = manifest.Entries.Where(e => !e.IsDirectory && !e.Path.Contains('/', StringComparison.Ordinal)).Select(e => e.Path).ToList();
        return top.Any(name => name is Graph or TextGraph) ? ArtifactFormat.TensorFlowSavedModel
            : top.Any(name => name.EndsWith(OnnxExtension, StringComparison.OrdinalIgnoreCase)) ? ArtifactFormat.Onnx
            : ArtifactFormat.Any;
    }

    private static ValidationCheck SavedModel(string name, string expected, string directory, List<FileSystemInfo> entries)
    {
        var hasGraph = IsSavedModelGraph(directory);
        var hasVariables = Directory.Exists(Path.Combine(directory, Variables));
        var actual = Listing(entries);
        if (hasGraph && hasVariables)
        {
            return new ValidationCheck(name, actual, expected, true);
        }

        var problem = hasGraph
            ? $"{directory} has no {Variables}/ directory beside its graph: export with tf.saved_model.save, which writes both"
            : $"{directory} has no {Graph} or {TextGraph} at the top";
        return new ValidationCheck(name, actual, expected, false) { Note = problem + OtherLayoutHint(directory, entries, ArtifactFormat.TensorFlowSavedModel) };
    }

    private static ValidationCheck Onnx(string name, string expected, string directory, List<FileSystemInfo> entries)
    {
        var models = entries.OfType<FileInfo>().Where(IsOnnx).ToList();
        if (models.Count > 0)
        {
            return new ValidationCheck(name, Listing(models), expected, true);
        }

        return new ValidationCheck(name, "no .onnx file; found " + Listing(entries), expected, false)
        {
            Note = $"{directory} has no *.onnx file at the top" + OtherLayoutHint(directory, entries, ArtifactFormat.Onnx),
        };
    }

    private static ValidationCheck NonEmpty(string name, string expected, string directory, List<FileSystemInfo> entries) =>
        entries.Count > 0
            ? new ValidationCheck(name, Listing(entries), expected, true)
            : new ValidationCheck(name, "empty", expected, false) { Note = $"the artifact directory {directory} is empty: point --artifact at the exported model" };

    /// <summary>
    /// The usual ways a right model ends up in the wrong place: TF exports into a numbered subdirectory
    /// (export/1/saved_model.pb), or the policy names one format and the team exported the other.
    /// </summary>
    private static string OtherLayoutHint(string directory, List<FileSystemInfo> entries, ArtifactFormat wanted)
    {
        foreach (var child in entries.OfType<DirectoryInfo>())
        {
            var found = wanted == ArtifactFormat.TensorFlowSavedModel
                ? IsSavedModelGraph(child.FullName)
                : SafeFiles(child).Any(IsOnnx);
            if (found)
            {
                return $"; there is one in {child.Name}/, so pass --artifact={Path.Combine(directory, child.Name)}";
            }
        }

        if (wanted == ArtifactFormat.TensorFlowSavedModel && entries.OfType<FileInfo>().Any(IsOnnx))
        {
            return "; it looks like an ONNX model: set the policy's artifact to onnx, or export a SavedModel";
        }

        if (wanted == ArtifactFormat.Onnx && IsSavedModelGraph(directory))
        {
            return "; it looks like a TensorFlow SavedModel: set the policy's artifact to tensorflow-saved-model, or export to ONNX";
        }

        return entries.Count == 0 ? "; the directory is empty" : "";
    }

    private static bool IsSavedModelGraph(string directory) =>
        File.Exists(Path.Combine(directory, Graph)) || File.Exists(Path.Combine(directory, TextGraph));

    private static bool IsOnnx(FileInfo file) => file.Extension.Equals(OnnxExtension, StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<FileInfo> SafeFiles(DirectoryInfo directory)
    {
        try
        {
            return [.. directory.EnumerateFiles()];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>The first few names, directories marked with '/', so the row shows what was actually there.</summary>
    private static string Listing(IReadOnlyCollection<FileSystemInfo> entries)
    {
        if (entries.Count == 0)
        {
            return "nothing";
        }

        var names = entries.Take(Shown).Select(e => e is DirectoryInfo ? e.Name + "/" : e.Name);
        var more = entries.Count > Shown ? $", … ({entries.Count - Shown} more)" : "";
        return DisplayText.Escape(string.Join(", ", names)) + more;
    }
}
