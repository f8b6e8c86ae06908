using Cake.Common.Tools.DotNet;
using Cake.Common.Tools.DotNet.Build;
using ModelRelease;
using ModelRelease.Cake;

namespace Build.Tasks;

[TaskName("Compile")]
[TaskDescription("Build every project of the solution")]
public sealed class CompileTask : PipelineTask<BuildContext>
{
    public static readonly Argument<string> Configuration = BuildArguments.Configuration;

    public override void Run(BuildContext context) =>
        context.DotNetBuild(context.Solution, new DotNetBuildSettings
        {
            Configuration = context.BuildConfiguration,
            NoLogo = true,
        });

    public override void Plan(BuildContext context, ChangePlan plan) =>
        plan.Run($"dotnet build {context.Solution} --configuration {context.BuildConfiguration}");
}
