using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ModelRelease.Internal;

/// <summary>
/// Reads the md5 DVC recorded for an output, from a <c>.dvc</c> file (<c>dvc add</c>) or a <c>dvc.lock</c>
/// (<c>dvc repro</c>). Only outputs count: a path listed under <c>deps</c> is something a stage read, and its md5
/// says nothing about what the dataset was after the stage ran.
/// </summary>
internal static partial class DvcRecords
{
    private const string Fix = "Fix or regenerate it (dvc commit), or pass --dataset-version=<version>.";

    /// <summary><c>md5:&lt;hash&gt;</c> for the output at <paramref name="target"/> in a <c>.dvc</c> file, or null when it lists none.</summary>
    public static string? FromDvcFile(string dvcFile, string target)
    {
        if (Load(dvcFile) is not { } root)
        {
            return null;
        }

        // Pre-2.0 stage files may move the base of their paths with wdir.
        var baseDirectory = Path.GetDirectoryName(dvcFile)!;
        if (Child(root, "wdir") is { } wdir)
        {
            baseDirectory = Path.Combine(baseDirectory, Scalar(dvcFile, wdir, "wdir"));
        }

        return FindOut(dvcFile, baseDirectory, Child(root, "outs"), target);
    }

    /// <summary><c>md5:&lt;hash&gt;</c> for the output at <paramref name="target"/> in any stage of a <c>dvc.lock</c>, or null when none lists it.</summary>
    public static string? FromLockFile(string lockFile, string target)
    {
        if (Load(lockFile) is not { } root || Child(root, "stages") is not { } stages || IsEmpty(stages))
        {
            return null;
        }

        if (stages is not YamlMappingNode stageMap)
        {
            throw Malformed(lockFile, stages, "'stages' is not a mapping of stage names");
        }

        var baseDirectory = Path.GetDirectoryName(lockFile)!;
        foreach (var (name, stage) in stageMap.Children)
        {
            if (stage is not YamlMappingNode stageNode)
            {
                throw Malformed(lockFile, stage, $"stage '{name}' is not a mapping");
            }

            if (FindOut(lockFile, baseDirectory, Child(stageNode, "outs"), target) is { } md5)
            {
                return md5;
            }
        }

        return null;
    }

    private static string? FindOut(string file, string baseDirectory, YamlNode? outs, string target)
    {
        if (outs is null || IsEmpty(outs))
        {
            return null;
        }

        if (outs is not YamlSequenceNode list)
        {
            throw Malformed(file, outs, "'outs' is not a list");
        }

        foreach (var item in list)
        {
            if (item is not YamlMappingNode output)
            {
                throw Malformed(file, item, "an entry of 'outs' is not a mapping");
            }

            var path = Child(output, "path") is { } pathNode
                ? Scalar(file, pathNode, "path")
                : throw Malformed(file, output, "an entry of 'outs' has no 'path'");

            // DVC writes '/' on every platform; "./data" and "data/" are the same output as "data".
            var full = FullPaths.Normalize(Path.Combine(baseDirectory, path.Replace('\\', '/')));
            if (!FullPaths.Comparer.Equals(full, target))
            {
                continue;
            }

            // An output without md5 (cloud-versioned, say) identifies nothing we can record; the caller fingerprints.
            if (Child(output, "md5") is not { } md5Node)
            {
                return null;
            }

            var md5 = Scalar(file, md5Node, "md5");
            return Md5Pattern().IsMatch(md5)
                ? "md5:" + md5.ToLowerInvariant()
                : throw Malformed(file, md5Node, $"md5 '{md5}' of '{path}' is not 32 hex digits (optionally followed by .dir)");
        }

        return null;
    }

    private static YamlMappingNode? Load(string file)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(file);
            stream.Load(reader);
        }
        catch (Exception exception) when (exception is YamlException or ArgumentException or InvalidOperationException)
        {
            // YamlDotNet's scanner fails on some truncated input (an unclosed flow mapping at the end of the file)
            // with a bare InvalidOperationException, and on a duplicate key with an ArgumentException.
            var problem = exception is YamlException yaml
                ? $"{yaml.Message.TrimEnd('.')} (line {yaml.Start.Line})"
                : "the YAML parser could not read it (an unclosed bracket or quote?)";
            throw new RegistryException($"DVC file '{file}' is not valid YAML: {problem}. {Fix}", exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new RegistryException($"could not read DVC file '{file}': {exception.Message.TrimEnd('.')}. {Fix}", exception);
        }

        if (stream.Documents.Count == 0 || IsEmpty(stream.Documents[0].RootNode))
        {
            return null;
        }

        return stream.Documents[0].RootNode as YamlMappingNode
            ?? throw Malformed(file, stream.Documents[0].RootNode, "the top level is not a mapping");
    }

    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>"outs:" with nothing after it is YAML's empty value; DVC means "none", not a malformed file.</summary>
    private static bool IsEmpty(YamlNode node) => node is YamlScalarNode { Value: null or "" };

    private static string Scalar(string file, YamlNode node, string key) =>
        node is YamlScalarNode { Value: { Length: > 0 } value }
            ? value
            : throw Malformed(file, node, $"'{key}' is not a non-empty text value");

    private static RegistryException Malformed(string file, YamlNode node, string problem) =>
        new($"DVC file '{file}' is not valid: {problem} (line {node.Start.Line}). {Fix}");

    [GeneratedRegex("^[0-9a-fA-F]{32}(\\.dir)?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Md5Pattern();
}
