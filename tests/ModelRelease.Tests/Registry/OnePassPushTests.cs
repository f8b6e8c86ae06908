using ModelRelease.Tests.Probe;

namespace ModelRelease.Tests.Registry;

/// <summary>
/// A push reads the artifact once: it copies and hashes in one pass, notices a file that changed meanwhile by its
/// stat (as git does), and settles a repeated push by the digest of its copy, keeping nothing of that copy.
/// </summary>
public sealed class OnePassPushTests : IDisposable
{
    private readonly RegistryScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    [Theory]
    [InlineData("modified")]
    [InlineData("grown")]
    [InlineData("replaced")]
    public void Should_Refuse_An_Artifact_File_That_Changes_During_The_Copy(string change)
    {
        // Given a root with one version, and a new artifact
        _scenario.Push("one");
        var before = _scenario.Snapshot();
        var request = _scenario.Request("two");
        var file = Path.Combine(request.Artifact, "saved_model.pb");

        // When the file changes right after its bytes were copied
        using var registry = _scenario.Open(fault: at =>
        {
            if (at == "copy-file:saved_model.pb")
            {
                Change(file, change);
            }
        });
        var error = Assert.Throws<RegistryException>(() => registry.Push(request));

        // Then the push is refused, and nothing is left: no version, no staging copy, no row
        Assert.Contains("changed while it was being copied: saved_model.pb; re-run the push", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, _scenario.Snapshot());
    }

    [Fact]
    public void Should_Settle_A_Repeat_Of_The_Same_Bytes_By_Hashing_Without_Copying()
    {
        // Given a pushed artifact
        var first = _scenario.Push("same");

        // When the same bytes are pushed again, watching for any file copied
        var copied = new List<string>();
        using var registry = _scenario.Open(fault: at => { if (at.StartsWith("copy-file:", StringComparison.Ordinal)) { copied.Add(at); } });
        var again = registry.Push(_scenario.Request("same"));

        // Then it is a repeat, and nothing was copied to find that out
        Assert.False(again.Created);
        Assert.Equal(first.Name, again.Version.Name);
        Assert.Empty(copied);
    }

    [Fact]
    public void Should_Copy_New_Bytes_Of_The_Same_Size_And_File_Count_As_A_Live_Version()
    {
        // Given a pushed artifact, and another whose files have the same sizes but other bytes
        var first = _scenario.Push("same");

        // When it is pushed
        var copied = new List<string>();
        using var registry = _scenario.Open(fault: at => { if (at.StartsWith("copy-file:", StringComparison.Ordinal)) { copied.Add(at); } });
        var other = registry.Push(_scenario.Request("diff"));

        // Then the hash settles that the bytes are new, and the push copies them as a new version
        Assert.True(other.Created);
        Assert.NotEqual(first.Digest, other.Version.Digest);
        Assert.Equal(3, copied.Count);
        Assert.Empty(_scenario.Disagreements("mnist"));
    }

    [Fact]
    public void Should_Leave_No_Staging_Copy_When_The_Same_Bytes_Are_Pushed_Again()
    {
        // Given a pushed artifact
        var first = _scenario.Push("one");

        // When the same bytes are pushed again
        using var registry = _scenario.Open();
        var again = registry.Push(_scenario.Request("one"));

        // Then the first version is kept, the attempt is recorded, and versions/ holds only that version (no hidden copy)
        Assert.False(again.Created);
        Assert.Equal(first.Name, again.Version.Name);
        Assert.Equal([first.Name], Directory.GetFileSystemEntries(_scenario.Layout.VersionsDirectory("mnist")).Select(Path.GetFileName));
        Assert.Equal(EventKind.PushRepeated, registry.History(new EventQuery("mnist"))[^1].Kind);
        Assert.Empty(_scenario.Disagreements("mnist"));
    }

    [Fact]
    public void Should_Record_The_Manifest_Of_The_Copy_Equal_To_A_Scan_Of_The_Artifact()
    {
        var request = _scenario.Request("one");
        using var registry = _scenario.Open();

        var version = registry.Push(request).Version;

        Assert.Equal(Internal.ArtifactScanner.Scan(request.Artifact).Manifest.Digest, version.Digest);
        Assert.Equal(version.Digest, Internal.ArtifactScanner.Scan(_scenario.Layout.VersionDirectory("mnist", version.Name)).Manifest.Digest);
    }

    [Fact]
    public async Task Should_Keep_The_Old_State_When_A_Push_Is_Killed_During_The_Parallel_Copy()
    {
        // Given stable on v1
        var v1 = _scenario.Push("one");
        using (var setup = _scenario.Open())
        {
            setup.SetLabel("mnist", LabelNames.Stable, v1.Name);
        }

        var before = _scenario.Snapshot();
        var ready = _scenario.Temp.Combine("ready");

        // When a push is killed while it copies (one file written, others maybe under way)
        using (var probe = ProbeProcess.Start("push", _scenario.Root, "mnist", _scenario.Artifact("two"), "copy-file:saved_model.pb", ready))
        {
            await probe.WaitUntilHangingAsync(ready);
            Assert.Single(Directory.GetDirectories(_scenario.Layout.VersionsDirectory("mnist"), ".incoming-*"));
            await probe.KillAsync();
        }

        // Then the store never saw the version, Verify reports the dead push's copy, and its repair restores the old state
        using var registry = _scenario.Open();
        Assert.Equal([v1.Name], registry.Versions("mnist").Select(v => v.Name));
        var found = registry.Verify();
        Assert.False(found.IsClean, "Verify should report the killed push's staging copy");
        Assert.All(found.Findings, f => Assert.True(f.Repairable, $"{f.Kind} {f.Path}: {f.Problem}"));
        registry.Repair();
        var after = registry.Verify();
        Assert.True(after.IsClean, string.Join(Environment.NewLine, after.Findings.Select(f => $"{f.Kind} {f.Path}: {f.Problem}")));
        Assert.False(Directory.Exists(_scenario.Layout.QuarantineDirectory), "the killed push's copy is ModelRelease's, proven by the journal: deleted, not quarantined");
        Assert.Equal(before, _scenario.Snapshot());
    }

    private static void Change(string file, string change)
    {
        switch (change)
        {
            case "modified":
                // Same size, new bytes, and a modification time that surely differs.
                var text = File.ReadAllText(file);
                File.WriteAllText(file, new string('x', text.Length));
                File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));
                break;
            case "grown":
                File.AppendAllText(file, " and more");
                break;
            case "replaced":
                // The same bytes under a new inode: a writer that writes a temp file and renames it over.
                var temp = file + ".tmp";
                File.Copy(file, temp);
                File.Move(temp, file, overwrite: true);
                break;
        }
    }
}
