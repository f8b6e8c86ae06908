using LibGit2Sharp;

namespace ModelRelease.Pipelines.Demo;

/// <summary>
/// The Demo's fresh directory: a throwaway git repository for the sample model (the "training repository": the
/// sample's policy and hyperparameters, the evaluation set and warm-up requests, and the trained model), and next to
/// it the serving root. Each training writes a new ONNX model and commits it, so every version has its own bytes and
/// its own commit, as a real training job would.
/// </summary>
public sealed class DemoWorkspace
{
    /// <summary>The file that marks a directory as made by the Demo, so a second run may replace it.</summary>
    public const string Marker = ".modelrelease-demo";

    private static readonly Signature Trainer = new("ModelRelease Demo", "demo@modelrelease.invalid", DateTimeOffset.UnixEpoch);

    private DemoWorkspace(string directory)
    {
        Directory = directory;
    }

    /// <summary>The demo directory.</summary>
    public string Directory { get; }

    /// <summary>The throwaway training repository.</summary>
    public string TrainingRepository => Path.Combine(Directory, "sentiment-training");

    /// <summary>The exported model inside the training repository: what Push copies.</summary>
    public string Artifact => Path.Combine(TrainingRepository, "model");

    /// <summary>The serving root the demo releases into.</summary>
    public string ServingRoot => Path.Combine(Directory, "serving_model");

    /// <summary>The HTML report the demo writes at its end, beside the serving root (never inside it).</summary>
    public string ReportPath => Path.Combine(Directory, Report.ReportFile.DefaultName);

    /// <summary>The live metrics the demo's canary analysis reads, standing in for Prometheus.</summary>
    public string LiveMetricsPath => Path.Combine(Directory, "live-metrics.json");

    /// <summary>
    /// True when <paramref name="directory"/> holds a previous demo run the next one replaces; false when it is
    /// missing or empty. Anything else there is refused, so the Demo never deletes files it did not make.
    /// </summary>
    public static bool HoldsPreviousRun(string directory)
    {
        if (File.Exists(directory))
        {
            throw new RegistryException($"{directory} is a file. Give the Demo a directory with --root=<dir>.");
        }

        if (!System.IO.Directory.Exists(directory) || !System.IO.Directory.EnumerateFileSystemEntries(directory).Any())
        {
            return false;
        }

        return File.Exists(Path.Combine(directory, Marker))
            ? true
            : throw new RegistryException($"{directory} is not empty and was not made by the Demo, so the Demo will not touch it. Pass --root=<a new directory>, or remove it.");
    }

    /// <summary>
    /// Makes <paramref name="directory"/> fresh: a previous demo there is removed; anything else there is refused,
    /// so the Demo never deletes files it did not make.
    /// </summary>
    public static DemoWorkspace Create(string directory)
    {
        if (HoldsPreviousRun(directory))
        {
            Delete(directory);
        }

        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, Marker), "Made by ./build.sh --target=Demo; the next Demo run replaces this directory.\n");
        var workspace = new DemoWorkspace(directory);
        SampleModel.Extract(workspace.TrainingRepository);
        // The repository trains its model for real: the sample's fixed SavedModel and typed-in metrics are not part of it.
        System.IO.Directory.Delete(workspace.Artifact, recursive: true);
        File.Delete(Path.Combine(workspace.TrainingRepository, "metrics.json"));
        Repository.Init(workspace.TrainingRepository);
        return workspace;
    }

    /// <summary>The labelled evaluation set Evaluate scores candidate and stable on, kept in the training repository.</summary>
    public string EvaluationSet => Path.Combine(TrainingRepository, "eval", "holdout.jsonl");

    /// <summary>The warm-up requests InfraValidate sends.</summary>
    public string Requests => Path.Combine(TrainingRepository, "eval", "requests.jsonl");

    /// <summary>Writes the evaluation set and the warm-up requests, the same for every version.</summary>
    public void WriteEvaluationData(ISampleTrainer trainer)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(EvaluationSet)!);
        trainer.WriteEvaluationSet(EvaluationSet);
        trainer.WriteRequests(Requests);
    }

    /// <summary>Trains a version into <see cref="Artifact"/> (replacing the previous one) and commits it. Returns the commit SHA and what training reported.</summary>
    public (string Commit, SampleTraining Training) Train(ISampleTrainer trainer, SampleRecipe recipe, string message)
    {
        if (System.IO.Directory.Exists(Artifact))
        {
            System.IO.Directory.Delete(Artifact, recursive: true);
        }

        var training = trainer.Train(recipe, Artifact);
        using var repository = new Repository(TrainingRepository);
        Commands.Stage(repository, "*");
        var when = new Signature(Trainer.Name, Trainer.Email, DateTimeOffset.UtcNow);
        return (repository.Commit(message, when, when).Sha, training);
    }

    private static void Delete(string directory)
    {
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            // Pushed versions are read-only; Windows refuses to delete read-only files.
            file.Attributes &= ~FileAttributes.ReadOnly;
        }

        System.IO.Directory.Delete(directory, recursive: true);
    }
}
