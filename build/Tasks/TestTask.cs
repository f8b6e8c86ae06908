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
public sealed class TestTask : PipelineTask<BuildContext>
{
    public static readonly Argument<string?> Filter = BuildArguments.Filter;

    public static readonly Argument<string> Configuration = BuildArguments.Configuration;

    public override void Run(BuildContext context)
    {
        // A folder per run: a second Test run at the same time must not delete or count this run's results.
        var results = Path.Combine(context.RepositoryRoot, ".build", "test-results", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}");
        Directory.CreateDirectory(results);

        // PowerShell (pinned in dotnet-tools.json) lets the end-to-end tests run build.ps1 as well as build.sh.
        context.RunInRepository("dotnet", "tool restore", "the end-to-end tests need the tools in dotnet-tools.json.");

        // One dotnet test per project, each with its own .trx: in one solution-wide call the trx logger names
        // files by the second, and two projects finishing together would overwrite each other's counts.
        var failures = new List<string>();
        foreach (var project in context.TestProjects)
        {
            var name = Path.GetFileNameWithoutExtension(project);
            try
            {
                context.DotNetTest(project, new DotNetTestSettings
                {
                    Configuration = context.BuildConfiguration,
                    NoBuild = true,
                    NoLogo = true,
                    Filter = context.TestFilter,
                    ResultsDirectory = results,
                    Loggers = [$"trx;LogFileName={name}.trx", "console;verbosity=normal"],
                });
            }
            catch (CakeException)
            {
                // dotnet test exits non-zero on a failed test; run the other projects, then fail with all the counts.
                failures.Add(name);
            }
        }

        var counts = TestResultCounts.Read(results);
        var failed = FailedTests.Read(results);
        if (failed.Count > 0)
        {
            // Repeated here, after every project's output, because a CI log is often cut to its last lines. Each line
            // goes in as a format argument: test names and messages may hold braces.
            context.Log.Information("Failed tests:");
            foreach (var line in failed)
            {
                context.Log.Information("{0}", line);
            }
        }

        context.Log.Information(counts.ToString());
        if (failures.Count > 0 || counts.Failed > 0)
        {
            var where = failures.Count == 0 ? string.Empty : $" in {string.Join(", ", failures)}";
            throw new CakeException($"Tests failed{where}: {counts}. See the output above, or the .trx files in {results}.");
        }

        if (counts.Passed == 0)
        {
            throw new CakeException($"No test ran (filter: {context.TestFilter ?? "none"}): a green run must execute tests.");
        }
    }

    public override void Plan(BuildContext context, ChangePlan plan)
    {
        plan.Run("dotnet tool restore");
        foreach (var project in context.TestProjects)
        {
            plan.Run($"dotnet test {project} --no-build --configuration {context.BuildConfiguration}");
        }
    }
}
