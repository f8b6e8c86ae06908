using Cake.Common.Tools.DotNet;
using Cake.Common.Tools.DotNet.Test;
using Cake.Core;
using Cake.Core.Diagnostics;
using ModelRelease;
using ModelRelease.Cake;

namespace Build.Tasks;

[TaskName("Test")]
[IsDependentOn(typeof(CompileTask))]
[TaskDescription("Run every test project and print one closing line of counts")]
[TaskArgument("filter", "dotnet test filter, e.g. FullyQualifiedName~Parser", Example = "FullyQualifiedName~Parser")]
[TaskArgument("configuration", "build configuration, Debug or Release (default Debug)", Example = "Release")]
public sealed class TestTask : PipelineTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var results = Path.Combine(context.RepositoryRoot, ".build", "test-results");
        if (Directory.Exists(results))
        {
            Directory.Delete(results, recursive: true);
        }

        Exception? failure = null;
        try
        {
            context.DotNetTest(context.Solution, new DotNetTestSettings
            {
                Configuration = context.BuildConfiguration,
                NoBuild = true,
                NoLogo = true,
                Filter = context.TestFilter,
                ResultsDirectory = results,
                Loggers = ["trx", "console;verbosity=normal"],
            });
        }
        catch (CakeException exception)
        {
            // dotnet test exits non-zero on a failed test; count first, then fail with the counts.
            failure = exception;
        }

        var counts = TestResultCounts.Read(results);
        context.Log.Information(counts.ToString());
        if (failure is not null || counts.Failed > 0)
        {
            throw new CakeException($"Tests failed: {counts}. See the output above, or the .trx files in {results}.");
        }

        if (counts.Passed == 0)
        {
            throw new CakeException($"No test ran (filter: {context.TestFilter ?? "none"}): a green run must execute tests.");
        }
    }

    public override void Plan(BuildContext context, ChangePlan plan) =>
        plan.Run($"dotnet test {context.Solution} --no-build --configuration {context.BuildConfiguration}");
}
