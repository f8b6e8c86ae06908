using Cake.Common.Tools.DotNet;
using Cake.Common.Tools.DotNet.MSBuild;
using Cake.Common.Tools.DotNet.Pack;
using Cake.Core.Diagnostics;
using ModelRelease;
using ModelRelease.Cake;

namespace Build.Tasks;

[TaskName("Pack")]
[TaskDescription("Pack ModelRelease, ModelRelease.Cake, ModelRelease.Pipelines and the dotnet new template into .build/packages")]
public sealed class PackTask : PipelineTask<BuildContext>
{
    public static readonly Argument<string?> PackageVersion = BuildArguments.PackageVersion;

    public override void Run(BuildContext context)
    {
        foreach (var project in context.PackableProjects)
        {
            context.DotNetPack(project, Settings(context));
        }

        context.Log.Information("Packages in {0}: {1}", context.PackagesDirectory, string.Join(", ",
            Directory.EnumerateFiles(context.PackagesDirectory, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal)));
    }

    public override void Plan(BuildContext context, ChangePlan plan)
    {
        var version = context.PackageVersion is null ? string.Empty : $" -p:Version={context.PackageVersion}";
        foreach (var project in context.PackableProjects)
        {
            plan.Run($"dotnet pack {project} --configuration Release --output {context.PackagesDirectory}{version} -p:ContinuousIntegrationBuild=true");
        }
    }

    private static DotNetPackSettings Settings(BuildContext context)
    {
        // ContinuousIntegrationBuild: deterministic source paths and SourceLink, so a package built here matches one
        // built in CI from the same commit.
        var msbuild = new DotNetMSBuildSettings().WithProperty("ContinuousIntegrationBuild", "true");
        if (context.PackageVersion is { } version)
        {
            msbuild = msbuild.WithProperty("Version", version);
        }

        return new DotNetPackSettings
        {
            Configuration = "Release",
            OutputDirectory = context.PackagesDirectory,
            NoLogo = true,
            MSBuildSettings = msbuild,
        };
    }
}
