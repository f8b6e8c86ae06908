using Cake.Core;
using Cake.Core.Annotations;

namespace ModelRelease.Cake.Docker;

/// <summary>
/// docker as Cake aliases, for a team's own tasks: build, buildx build, tag, push and login with typed settings.
/// Each runs through <see cref="DockerRunner"/>; a login reads its password from an environment variable into
/// docker's standard input, so no secret reaches a command line or a log.
/// </summary>
[CakeAliasCategory("Docker")]
public static class DockerAliases
{
    /// <summary>Builds an image: <c>docker build [options] path</c>.</summary>
    [CakeMethodAlias]
    public static DockerResult DockerBuild(this ICakeContext context, string path, DockerBuildSettings? settings = null) =>
        DockerRunner.For(context).Run(DockerCommand.Build(path, settings));

    /// <summary>Builds (and, with <see cref="DockerBuildxBuildSettings.Push"/>, pushes) an image: <c>docker buildx build [options] path</c>.</summary>
    /// <returns>What buildx printed; <see cref="DockerResult.Digest"/> reads <see cref="DockerBuildxBuildSettings.MetadataFile"/> when set.</returns>
    [CakeMethodAlias]
    public static DockerResult DockerBuildxBuild(this ICakeContext context, string path, DockerBuildxBuildSettings? settings = null) =>
        DockerRunner.For(context).Run(DockerCommand.BuildxBuild(path, settings));

    /// <summary>Tags an image: <c>docker tag source target</c>.</summary>
    [CakeMethodAlias]
    public static DockerResult DockerTag(this ICakeContext context, string source, string target, DockerTagSettings? settings = null) =>
        DockerRunner.For(context).Run(DockerCommand.Tag(source, target, settings));

    /// <summary>Pushes an image: <c>docker push [options] reference</c>.</summary>
    /// <returns>What docker printed; <see cref="DockerResult.Digest"/> is the pushed manifest's digest.</returns>
    [CakeMethodAlias]
    public static DockerResult DockerPush(this ICakeContext context, string reference, DockerPushSettings? settings = null) =>
        DockerRunner.For(context).Run(DockerCommand.Push(reference, settings));

    /// <summary>Logs in to a registry: <c>docker login --username user --password-stdin [server]</c>, the password from <see cref="DockerLoginSettings.PasswordVariable"/>.</summary>
    [CakeMethodAlias]
    public static DockerResult DockerLogin(this ICakeContext context, DockerLoginSettings settings) =>
        DockerRunner.For(context).Run(DockerCommand.Login(settings));
}
