using System.Text.Json;

namespace ModelRelease.EndToEnd.Tests;

/// <summary>
/// A new team's route, as the README gives it: the packages from ./build.sh -t Pack, <c>dotnet new install</c>,
/// <c>dotnet new modelrelease-pipeline</c> in a fresh folder, then a real release of the sample through the new
/// repository's own build.sh, its host built against the packages only (no project reference, no checkout of ours).
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class TemplateConsumerTests(PackedPackagesFixture packages)
{
    private const string Model = "--model=sentiment";

    [Fact]
    public void Should_Release_The_Sample_From_A_New_Template_Repository_With_Its_Own_SmokeTest_And_Notify()
    {
        // Given the packed packages and a repository made from the template in a fresh folder, committed
        packages.EnsurePacked();
        using var team = ConsumerRepository.Create(packages.Version);
        Succeeded(team.InstallTemplate(packages.PathOf("ModelRelease.Templates")));
        Succeeded(team.NewFromTemplate(packages.Feed));
        Assert.Contains($"Include=\"ModelRelease.Pipelines\" Version=\"{packages.Version}\"", File.ReadAllText(team.PathOf("build/Build.csproj")));
        Assert.Contains(packages.Feed, File.ReadAllText(team.PathOf("nuget.config")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(team.PathOf("build.sh")).HasFlag(UnixFileMode.UserExecute), "dotnet new should leave build.sh executable.");
        }

        Succeeded(team.Git("init", "--quiet"));
        Succeeded(team.Git("add", "--all"));
        Succeeded(team.Git("commit", "--quiet", "-m", "Release pipeline from dotnet new modelrelease-pipeline"));
        const string Sample = "models/sentiment";
        var notifications = team.PathOf(".build/notifications.log");

        // When the first version is pushed and smoke-tested, then promoted and announced
        var first = team.Run("-t", "Push", "-t", "SmokeTest", Model, $"--artifact={Sample}/model", $"--metrics={Sample}/metrics.json",
            $"--hyperparameters={Sample}/hyperparameters.json", "--dataset-version=reviews-2026-11", "--version=sentiment-v1");
        var promoteFirst = team.Run("-t", "Promote", "-t", "Notify", Model, "--version=sentiment-v1", "--reason=first release");

        // Then the host was built from the packages, SmokeTest saw the pushed version, and Notify wrote its line
        Succeeded(first);
        Assert.Contains("Building the release host", first.StdErr);
        Assert.Contains("SmokeTest passed: sentiment sentiment-v1", first.StdOut);
        Succeeded(promoteFirst);
        Assert.Contains("Notify: sentiment: Promote:", promoteFirst.StdOut);
        Assert.Single(File.ReadAllLines(notifications));

        // When a retrained export goes through the whole chain, rehearsed first
        var retrained = team.Scratch("retrained");
        CopyDirectory(team.PathOf($"{Sample}/model"), retrained);
        File.AppendAllText(Path.Combine(retrained, "assets", "vocab.txt"), "retrained\n");
        string[] chain = ["-t", "Push", "-t", "SmokeTest", "-t", "Canary", "-t", "Promote", "-t", "Notify", Model, $"--artifact={retrained}",
            "--metrics={\"accuracy\": 0.92, \"f1\": 0.9, \"latency_p99_ms\": 40}", "--version=sentiment-v2", "--reason=weekly retrain"];
        var rehearsal = team.Run([.. chain, "--dryrun"]);

        // Then the rehearsal plans every step on the version Push would make, and changes nothing
        Succeeded(rehearsal);
        Assert.Contains("SmokeTest would check sentiment sentiment-v2", rehearsal.StdOut);
        Assert.Contains("would append to", rehearsal.StdOut);
        Assert.False(Directory.Exists(team.PathOf("serving_model/sentiment/versions/sentiment-v2")), $"A dry run must copy nothing.{Environment.NewLine}{rehearsal}");
        Assert.Single(File.ReadAllLines(notifications));

        // When it runs for real
        var outputs = team.Scratch("github-output.txt");
        var release = team.RunWith(new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_OUTPUT"] = outputs }, chain);

        // Then SmokeTest checked the pushed version, Notify announced the promotion, and stable is the new version
        Succeeded(release);
        Assert.Contains("SmokeTest passed: sentiment sentiment-v2", release.StdOut);
        // The workflow's later steps read these step outputs, which Push wrote (a canary only for a new version of a model with a stable one)
        var stepOutputs = File.ReadAllLines(outputs);
        Assert.Contains("version=sentiment-v2", stepOutputs);
        Assert.Contains("created=true", stepOutputs);
        Assert.Contains("stable=sentiment-v1", stepOutputs);
        var lines = File.ReadAllLines(notifications);
        Assert.Equal(2, lines.Length);
        Assert.Contains("sentiment: Promote:", lines[1]);
        Assert.Contains("sentiment-v2", lines[1]);

        // And the rehearsal had planned exactly that: the canary and the promotion of the version Push would make, and
        // the very line Notify then wrote (less its time stamp)
        var plan = Flat(rehearsal.StdOut);
        Assert.Contains("would set canary of sentiment to sentiment-v2", plan);
        Assert.Contains("would move stable of sentiment from sentiment-v1 to sentiment-v2", plan);
        Assert.Contains("Plan of the whole run", plan);
        Assert.Contains(Flat(lines[1][(lines[1].IndexOf(' ', StringComparison.Ordinal) + 1)..]), plan);

        var status = team.Run("-t", "Status", Model, "--format=json");
        Succeeded(status);
        using var json = JsonDocument.Parse(status.StdOut);
        var labels = json.RootElement.GetProperty("models").EnumerateArray().Single().GetProperty("labels");
        Assert.Equal("sentiment-v2", labels.GetProperty("stable").GetProperty("version").GetString());
        Assert.False(labels.TryGetProperty("canary", out var canary) && canary.ValueKind != JsonValueKind.Null, $"Promote should clear the canary.{Environment.NewLine}{status}");
    }

    /// <summary>Spectre wraps long lines at the console's width; compare text with its runs of white space made one space.</summary>
    private static string Flat(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    private static void Succeeded(BuildShResult result) => Assert.True(result.ExitCode == 0, result.ToString());

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
