using System.Text.Json;

namespace ModelRelease.EndToEnd.Tests;

/// <summary>Several CI jobs releasing into one serving root at once, each a separate ./build.sh process.</summary>
[Collection(BuildHostCollection.Name)]
public sealed class ConcurrentReleaseTests(BuildHostFixture fixture)
{
    private const string Sample = "pipelines/samples/sentiment";

    [Fact]
    public async Task Should_Keep_Every_Version_And_An_Unbroken_Label_Chain_When_Jobs_Run_At_Once()
    {
        fixture.EnsureHostBuilt();
        var root = "--root=concurrent-serving";
        var artifacts = Enumerable.Range(1, 4).Select(Artifact).ToList();

        // Four jobs push different models' candidates at the same moment.
        var pushes = await Task.WhenAll(artifacts.Select((artifact, i) => Task.Run(() => fixture.Run(
            "--target=Push", "--model=sentiment", $"--artifact={artifact}", $"--metrics={Sample}/metrics.json", $"--version=job-{i + 1}", root))));
        foreach (var push in pushes)
        {
            Assert.True(push.ExitCode == 0, push.ToString());
        }

        // Then four jobs each try to move golden to their own version at once.
        var labels = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => Task.Run(() => fixture.Run(
            "--target=Label", "--model=sentiment", "--label=golden", $"--version=job-{i}", root))));
        foreach (var label in labels)
        {
            Assert.True(label.ExitCode == 0, label.ToString());
        }

        var status = fixture.Run("--target=Status", "--model=sentiment", "--format=json", root);
        using var json = JsonDocument.Parse(status.StdOut);
        var model = json.RootElement.GetProperty("models")[0];
        var numbers = model.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("number").GetInt64()).ToList();
        Assert.Equal(4, numbers.Distinct().Count());
        var golden = model.GetProperty("labels").GetProperty("golden").GetProperty("version").GetString();

        // Every move starts where the previous one ended, and the chain ends where the link points.
        var history = fixture.Run("--target=History", "--model=sentiment", "--label=golden", "--format=json", root);
        using var events = JsonDocument.Parse(history.StdOut);
        string? at = null;
        foreach (var move in events.RootElement.GetProperty("events").EnumerateArray().Reverse()) // History lists newest first
        {
            Assert.Equal(at, move.GetProperty("from").GetString());
            at = move.GetProperty("to").GetString();
        }

        Assert.Equal(golden, at);
        Assert.Equal($"versions/{golden}", new FileInfo(fixture.PathOf("concurrent-serving/sentiment/golden")).LinkTarget);
    }

    /// <summary>The sample model with its weights changed, so each job pushes different bytes.</summary>
    private string Artifact(int job)
    {
        var directory = fixture.PathOf($"concurrent-artifacts/job-{job}");
        foreach (var file in Directory.EnumerateFiles(fixture.PathOf($"{Sample}/model"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(directory, Path.GetRelativePath(fixture.PathOf($"{Sample}/model"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }

        File.AppendAllText(Path.Combine(directory, "variables", "variables.data-00000-of-00001"), $"job {job}");
        return directory;
    }
}
