namespace ModelRelease.Internal;

/// <summary>The registry's input checks, each a <see cref="RegistryException"/> that names the problem and the fix.</summary>
internal static class RegistryRules
{
    public static void RequireModelName(string model)
    {
        if (Names.ModelProblem(model) is { } problem)
        {
            throw new RegistryException(Sentence(problem));
        }
    }

    public static void RequireVersionName(string version)
    {
        if (Names.VersionProblem(version) is { } problem)
        {
            throw new RegistryException(Sentence(problem));
        }
    }

    /// <summary>A name for a version about to be created: also refuses the words --to and --label give meaning to.</summary>
    public static void RequireNewVersionName(string version)
    {
        if (Names.NewVersionProblem(version) is { } problem)
        {
            throw new RegistryException(Sentence(problem));
        }
    }

    public static ModelVersion RequireVersion(IMetadataReader reader, string model, string version)
    {
        RequireVersionName(version);
        return reader.FindVersion(model, version) ?? throw new RegistryException(UnknownVersion(reader, model, version));
    }

    /// <summary>A model the store has no version of is a typo or the wrong registry, never an empty model worth acting on.</summary>
    public static void RequireModel(IMetadataReader reader, string model)
    {
        if (reader.CountVersions(model).Total > 0)
        {
            return;
        }

        var models = reader.Models();
        throw new RegistryException(models.Count == 0
            ? $"Model '{model}' has no versions, and the registry is empty. Push one first, or point --registry at the right store."
            : $"Model '{model}' is not in this registry. Models in this registry: {string.Join(", ", models)}. Check --model.");
    }

    public static void RequireKeep(int keep)
    {
        if (keep < 0)
        {
            throw new RegistryException($"--keep is {keep}; it counts the newest versions kept besides protected ones, so it must be 0 or more, e.g. --keep=5.");
        }
    }

    public static string LiveVersionList(IMetadataReader reader, string model) =>
        string.Join(", ", reader.Versions(model, VersionQuery.Live with { Newest = 10 }).Reverse().Select(v => v.Name));

    public static void RequireLabelName(string label)
    {
        if (LabelNames.Problem(label) is { } problem)
        {
            throw new RegistryException(Sentence(problem));
        }
    }

    public static void RequireWeight(string label, int? weight)
    {
        if (label == LabelNames.Canary && weight is not (>= 1 and <= 99))
        {
            throw new RegistryException($"The canary label needs a traffic weight from 1 to 99 (got {(weight is null ? "none" : weight)}), e.g. --weight=10.");
        }

        if (label != LabelNames.Canary && weight is not null)
        {
            throw new RegistryException($"Only the canary label carries a traffic weight; '{label}' serves by label alone. Drop --weight.");
        }
    }

    public static void RequireKind(EventKind kind, params EventKind[] allowed)
    {
        if (!allowed.Contains(kind))
        {
            throw new ArgumentException($"A label change is recorded as one of {string.Join(", ", allowed)}, not {kind}.", nameof(kind));
        }
    }

    /// <summary>The name rules phrase a problem as a clause ("model name 'X' is …"); an error message is a sentence.</summary>
    public static string Sentence(string problem) =>
        problem.Length == 0 ? problem : char.ToUpperInvariant(problem[0]) + problem[1..] + (problem.EndsWith('.') ? "" : ".");

    /// <summary>Why <paramref name="version"/> cannot be found: the model's newest names, or that it has none.</summary>
    public static string UnknownVersion(IMetadataReader reader, string model, string version)
    {
        var versions = reader.Versions(model, new VersionQuery(Newest: 11));
        if (versions.Count == 0)
        {
            var models = reader.Models();
            return models.Count == 0
                ? $"Model '{model}' has no versions, and the registry is empty. Push one first."
                : $"Model '{model}' has no versions. Models in this registry: {string.Join(", ", models)}.";
        }

        return $"Model '{model}' has no version '{version}'. Known versions, newest first: {string.Join(", ", versions.Reverse().Take(10).Select(v => v.Name))}{(versions.Count > 10 ? ", …" : "")}.";
    }
}
