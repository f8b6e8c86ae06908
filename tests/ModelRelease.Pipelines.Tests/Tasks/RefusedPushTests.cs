using System.Diagnostics;
using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>
/// A push that refuses its input leaves no verdict behind: Validate (its dependency) makes every one of Push's
/// input checks before it records anything, so the serving root and the store stay byte for byte as they were.
/// </summary>
public abstract class RefusedPushTests : IDisposable
{
    private readonly ReleaseHost _host;

    protected RefusedPushTests(StoreKind kind) => _host = new ReleaseHost(kind);

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Should_Record_No_Verdict_When_The_Version_Name_Differs_From_One_Only_In_Case()
    {
        // Given v1 is pushed
        _host.Push("v1");
        var before = _host.Snapshot();

        // When other bytes are pushed as V1
        var run = PushCandidate(_host.Artifact("other"), "--version=V1");

        // Then
        AssertRefused(run, before, "only in letter case");
    }

    [Fact]
    public void Should_Record_No_Verdict_When_The_Name_Is_Taken_By_Other_Bytes()
    {
        // Given v1 is pushed
        _host.Push("v1");
        var before = _host.Snapshot();

        // When other bytes are pushed as v1
        var run = PushCandidate(_host.Artifact("other"), "--version=v1");

        // Then
        AssertRefused(run, before, "already exists with different content");
    }

    [Fact]
    public void Should_Record_No_Verdict_When_The_Name_Was_Pruned()
    {
        // Given v1 was pushed and pruned
        _host.Push("v1");
        _host.Push("v2");
        _host.Do("Promote", "--version=v2");
        _host.Do("Prune", "--keep=0");
        var before = _host.Snapshot();

        // When its name is pushed again with other bytes... or the same ones
        var run = PushCandidate(_host.Artifact("v1"), "--version=v1");

        // Then
        AssertRefused(run, before, "was pruned");
    }

    [Fact]
    public void Should_Record_No_Verdict_When_The_Artifact_Holds_A_Fifo()
    {
        // Given a store with one version and an artifact holding a named pipe
        _host.Push("v1");
        var before = _host.Snapshot();
        var artifact = _host.Artifact("fifo");
        MakeFifo(Path.Combine(artifact, "variables", "pipe"));

        // When it is pushed
        var run = PushCandidate(artifact, "--version=v2");

        // Then
        AssertRefused(run, before, "'variables/pipe', which is a named pipe (FIFO)");
    }

    [Fact]
    public void Should_Record_No_Verdict_When_The_Artifact_Holds_A_Dangling_Link()
    {
        // Given a store with one version and an artifact holding a link to nothing
        _host.Push("v1");
        var before = _host.Snapshot();
        var artifact = _host.Artifact("dangling");
        File.CreateSymbolicLink(Path.Combine(artifact, "assets.txt"), "missing.txt");

        // When it is pushed
        var run = PushCandidate(artifact, "--version=v2");

        // Then
        AssertRefused(run, before, "a dangling symlink to 'missing.txt'");
    }

    [Fact]
    public void Should_Record_No_Verdict_When_The_Dataset_Cannot_Be_Fingerprinted()
    {
        // Given a store with one version
        _host.Push("v1");
        var before = _host.Snapshot();

        // When the dataset is /proc/self, which exists but cannot be fingerprinted
        var run = PushCandidate(_host.Artifact("v2"), "--version=v2", "--dataset=/proc/self");

        // Then
        AssertRefused(run, before, "/proc/self");
    }

    [Fact]
    public void Should_Record_No_Verdict_When_A_Clean_Tree_Is_Required_And_It_Is_Dirty()
    {
        // Given a store with one version and an uncommitted change in the training repository
        _host.Push("v1");
        var before = _host.Snapshot();
        File.AppendAllText(Path.Combine(_host.WorkDirectory, "train.py"), "print('uncommitted')\n");

        // When a push requires a clean tree
        var run = PushCandidate(_host.Artifact("v2"), "--version=v2", "--require-clean-git");

        // Then
        AssertRefused(run, before, "uncommitted changes");
    }

    [Fact]
    public void Should_Create_No_Store_When_The_First_Push_Is_Refused()
    {
        // Given no serving root yet
        // When the first push names a dataset that cannot be fingerprinted
        var run = PushCandidate(_host.Artifact("v1"), "--version=v1", "--dataset=/proc/self");

        // Then nothing was created, not even the root
        AssertRefused(run, _host.NothingCreated, "/proc/self");
    }

    private HostRun PushCandidate(string artifact, params string[] args) =>
        _host.Run(["--target=Push", "--model=mnist", $"--artifact={artifact}", ReleaseHost.Metrics(0.9, 50), .. args]);

    private void AssertRefused(HostRun run, string before, string message)
    {
        run.AssertExit(1);
        Assert.Contains(message, run.Error);
        // No verdict was printed or recorded: no validation event, no execution row, not a byte of the root changed.
        Assert.DoesNotContain("Validation of", run.Out);
        Assert.Equal(before, _host.Snapshot());
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", path);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
