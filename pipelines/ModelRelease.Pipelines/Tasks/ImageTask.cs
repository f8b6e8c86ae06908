using System.Text.RegularExpressions;
using ModelRelease.Cake;
using ModelRelease.Cake.Docker;
using Spectre.Console;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>
/// Builds and pushes a serving image of a version: a Dockerfile from the serving base (TF Serving for a SavedModel,
/// this repository's ONNX host for ONNX) over a copy of the version's numeric serving view and a one-version
/// models.config, tagged with the version name, serving number and short commit, with OCI labels; then records the
/// pushed digest with the version. The build context is a temp directory, never inside the serving root. A login
/// (with <c>--registry-username</c>) reads the password from an environment variable into docker's standard input.
/// A dry run prints the exact docker command lines and changes nothing.
/// </summary>
[TaskName("Image")]
[TaskDescription("Build and push a serving image of a version (docker build, tag, push) and record its digest")]
public partial class ImageTask : ReleaseTask
{
    /// <summary><c>--model</c>, required.</summary>
    public static readonly Argument<string?> Model = ReleaseArguments.Model.Required();

    /// <summary><c>--version</c>: the version imaged; default the one Push made in this run, else stable.</summary>
    public static readonly Argument<string?> Version = ReleaseArguments.Version.WithDescription("the version to image (default: the one Push made in this run, else stable)");

    /// <summary><c>--image-repository</c>: where the image is pushed, without a tag.</summary>
    public static readonly Argument<string?> Repository = Argument.Text("image-repository", "image repository to push to, without a tag (tags: version name, serving number, short commit)")
        .WithExample("ghcr.io/acme/sentiment")
        .Check(ImageReferences.RepositoryProblem)
        .Required();

    /// <summary><c>--serving-base</c>: the base image; default by the version's format.</summary>
    public static readonly Argument<string?> ServingBase = Argument.Text("serving-base", $"serving base image (default {ServingImage.TensorFlowServingBase} for a SavedModel, {ServingImage.OnnxServingBase} for ONNX)")
        .WithExample(ServingImage.TensorFlowServingBase)
        .Check(ImageReferences.ImageProblem);

    /// <summary><c>--registry-username</c>: log in first, as this user.</summary>
    public static readonly Argument<string?> Username = Argument.Text("registry-username", "log in to the image registry first, as this user (password from --registry-password-env)")
        .WithExample("ci-bot");

    /// <summary><c>--registry-password-env</c>: the variable the login password is read from.</summary>
    public static readonly Argument<string> PasswordVariable = Argument.Text("registry-password-env", "environment variable holding the registry password or token, sent to docker login on standard input", DockerLoginSettings.DefaultPasswordVariable)
        .WithExample("GHCR_TOKEN")
        .Check(name => VariableName().IsMatch(name) ? null : $"'{DisplayText.Escape(name)}' is not an environment variable name. Give a name such as GHCR_TOKEN (letters, digits and '_', not starting with a digit), not the password itself");

    /// <inheritdoc />
    protected override void Release(ReleaseContext context)
    {
        var image = Plan(context, out var login);
        var contextDirectory = ContextDirectory(context, image);
        try
        {
            image.WriteContext(contextDirectory);
            var docker = DockerRunner.For(context);
            var digests = new List<string>();
            foreach (var command in Commands(image, contextDirectory, login))
            {
                PrintExact(context, command);
                var result = docker.Run(command);
                if (command.Verb == "push")
                {
                    digests.Add(result.Digest ?? throw new RegistryException($"{command.Render()} succeeded but printed no digest line ('<tag>: digest: sha256:… size: …'), so the image cannot be recorded. Check the docker client, or push again."));
                }
            }

            if (digests.Distinct(StringComparer.Ordinal).Count() != 1)
            {
                throw new RegistryException($"The tags of one image were pushed with different digests ({string.Join(", ", digests)}): another job pushed to {image.Repository} at the same time. Run Image again.");
            }

            var recorded = context.ModelRegistry.RecordImage(image.Version.Model, image.Version.Name, image.Repository, image.Tags, digests[0]);
            context.Console.MarkupLineInterpolated($"Pushed [bold]{DisplayText.Escape(recorded.Reference)}[/] ({DisplayText.Escape(string.Join(", ", image.Tags))}) for {DisplayText.Escape(image.Version.Model)} {DisplayText.Escape(image.Version.Name)}; recorded with the version.");
        }
        finally
        {
            if (Directory.Exists(contextDirectory))
            {
                Directory.Delete(contextDirectory, recursive: true);
            }
        }
    }

    /// <inheritdoc />
    protected override void PlanRelease(ReleaseContext context, ChangePlan plan)
    {
        var image = Plan(context, out var login);
        var contextDirectory = ContextDirectory(context, image);
        plan.Write(contextDirectory, $"the image build context: the Dockerfile (FROM {image.BaseImage}), models.config, routing.json and a copy of {image.ServingView}; deleted after the build");
        var commands = Commands(image, contextDirectory, login);
        foreach (var command in commands)
        {
            PrintExact(context, command);
        }

        plan.Run($"{commands.Count} docker commands ({string.Join(", ", commands.Select(c => c.Verb))}), each printed above exactly as it would run");

        plan.Record($"the pushed image digest of {image.Version.Model} {image.Version.Name} ({image.Repository})");
    }

    /// <summary>The image and, with <c>--registry-username</c>, the login; a login without its password is refused before anything runs.</summary>
    private ServingImage Plan(ReleaseContext context, out DockerLoginSettings? login)
    {
        var model = context.RequireModel();
        var repository = context.Get(Repository)!;
        var version = context.Version ?? context.Pushed?.Version.Name ?? StableOf(context, model);
        var image = context.ModelRegistry.PlanImage(new ImageRequest(model, version, repository) { BaseImage = context.Get(ServingBase) });
        login = null;
        if (context.Get(Username) is { } username)
        {
            var variable = context.Get(PasswordVariable);
            if (string.IsNullOrEmpty(context.Environment.GetEnvironmentVariable(variable)))
            {
                throw new RegistryException($"--registry-username={username} needs the registry password in the environment variable {variable}, which is not set or empty. Set it (in CI, from a secret), or name the variable that holds it with --registry-password-env.");
            }

            login = new DockerLoginSettings { Server = ImageReferences.RegistryOf(repository), Username = username, PasswordVariable = variable };
        }

        return image;
    }

    private static string StableOf(ReleaseContext context, string model) =>
        context.ModelRegistry.Labels(model).FirstOrDefault(l => l.Label == LabelNames.Stable)?.Version
        ?? throw new PipelineUsageException($"Image needs a version: {model} has no stable version and no Push ran before it. Give --version=<name> (--target=Status lists them).");

    /// <summary>Login (when asked), build under the first tag, tag the others, push each tag.</summary>
    internal static IReadOnlyList<DockerCommand> Commands(ServingImage image, string contextDirectory, DockerLoginSettings? login)
    {
        var commands = new List<DockerCommand>();
        if (login is not null)
        {
            commands.Add(DockerCommand.Login(login));
        }

        var references = image.References;
        var build = new DockerBuildSettings { File = Path.Combine(contextDirectory, ServingImage.DockerfileName) };
        build.Tags.Add(references[0]);
        foreach (var (name, value) in image.Labels)
        {
            build.Labels[name] = value;
        }

        commands.Add(DockerCommand.Build(contextDirectory, build));
        commands.AddRange(references.Skip(1).Select(reference => DockerCommand.Tag(references[0], reference)));
        commands.AddRange(references.Select(reference => DockerCommand.Push(reference)));
        return commands;
    }

    // Past Spectre, which would wrap a long build line at the console width: a command line is copied, not read.
    private static void PrintExact(ReleaseContext context, DockerCommand command) =>
        context.Console.Profile.Out.Writer.WriteLine("  " + DisplayText.Escape(command.Render()));

    // In the system temp directory, so the serving root (which ModelRelease keeps clean) never holds a build context.
    private static string ContextDirectory(ReleaseContext context, ServingImage image)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"modelrelease-image-{image.Version.Model}-{image.Version.Number}-{Guid.NewGuid():N}"[..^24]);
        var root = Path.GetFullPath(context.Root) + Path.DirectorySeparatorChar;
        return Path.GetFullPath(directory).StartsWith(root, StringComparison.Ordinal)
            ? throw new RegistryException($"The temp directory {Path.GetTempPath()} is inside the serving root {context.Root}, and an image build context must never be. Set TMPDIR to a directory outside the root.")
            : directory;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex VariableName();
}
