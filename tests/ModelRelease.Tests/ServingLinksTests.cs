using System.Collections.Concurrent;
using ModelRelease.Internal;
using ModelRelease.Tests.Fixtures;

namespace ModelRelease.Tests;

public sealed class ServingLinksTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public ServingLinksTests()
    {
        _temp.WriteFile("m/versions/v1/id.txt", "v1");
        _temp.WriteFile("m/versions/v2/id.txt", "v2");
    }

    /// <summary>Both flavours everywhere they work: pointer files on every OS, symlinks off Windows.</summary>
    public static TheoryData<string> Flavours =>
        OperatingSystem.IsWindows() ? new TheoryData<string> { "pointer" } : new TheoryData<string> { "symlink", "pointer" };

    private string Stable => _temp.Combine("m/stable");

    public void Dispose() => _temp.Dispose();

    [Theory]
    [MemberData(nameof(Flavours))]
    public void Should_Point_A_New_Link_At_A_Version(string flavour)
    {
        // Given
        var links = Create(flavour);

        // When
        links.Point(Stable, "versions/v1");

        // Then
        Assert.Equal("versions/v1", links.TargetOf(Stable));
        Assert.Equal("v1", ReadThrough(links, Stable));
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public void Should_Swap_A_Link_To_Another_Version_Leaving_No_Temporary_Entry(string flavour)
    {
        var links = Create(flavour);
        links.Point(Stable, "versions/v1");

        links.Point(Stable, "versions/v2");

        Assert.Equal("versions/v2", links.TargetOf(Stable));
        Assert.Equal("v2", ReadThrough(links, Stable));
        Assert.Equal(new[] { "stable", "versions" }, Entries("m"));
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public void Should_Point_A_Serving_Number_Up_And_Across(string flavour)
    {
        var links = Create(flavour);
        _temp.CreateDirectory("m/serving");
        var number = _temp.Combine("m/serving/20261128101500");

        links.Point(number, "../versions/v2");

        Assert.Equal("../versions/v2", links.TargetOf(number));
        Assert.Equal("v2", ReadThrough(links, number));
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public void Should_Report_No_Target_For_A_Missing_Link(string flavour)
    {
        Assert.Null(Create(flavour).TargetOf(Stable));
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public void Should_Refuse_To_Point_Over_A_Real_Directory_And_Leave_It_Intact(string flavour)
    {
        // Given: someone copied a model to where the label should be
        var links = Create(flavour);
        var precious = _temp.WriteFile("m/stable/saved_model.pb", "graph");

        // When
        var error = Assert.Throws<IOException>(() => links.Point(Stable, "versions/v1"));

        // Then
        Assert.Equal(
            $"'{Stable}' is a real directory, not a serving link; refusing to replace or delete it, since it may hold data. Move it aside (or delete it if it is not needed) and run the command again.",
            error.Message);
        Assert.Equal("graph", File.ReadAllText(precious));
        Assert.Equal(new[] { "stable", "versions" }, Entries("m"));
    }

    [UnixFact]
    public void Should_Refuse_To_Point_A_Symlink_Over_A_Regular_File()
    {
        var links = new SymlinkServingLinks();
        _temp.WriteFile("m/stable", "not a link");

        var error = Assert.Throws<IOException>(() => links.Point(Stable, "versions/v1"));

        Assert.StartsWith($"'{Stable}' is a regular file, not a serving link; refusing", error.Message);
        Assert.Equal("not a link", File.ReadAllText(Stable));
    }

    [Fact]
    public void Should_Refuse_To_Point_A_Pointer_Over_A_File_That_Is_Not_A_Pointer()
    {
        var links = new PointerFileServingLinks();
        var data = new byte[10_000];
        _temp.WriteFile("m/stable", data);

        var error = Assert.Throws<IOException>(() => links.Point(Stable, "versions/v1"));

        Assert.StartsWith($"'{Stable}' is a file that is not a pointer file (one line naming a version directory), not a serving link; refusing", error.Message);
        Assert.Equal(data, File.ReadAllBytes(Stable));
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public void Should_Remove_A_Link_And_Leave_Its_Target_Intact(string flavour)
    {
        var links = Create(flavour);
        links.Point(Stable, "versions/v1");

        links.Remove(Stable);

        Assert.Equal(FileKind.Missing, Posix.KindOf(Stable));
        Assert.Equal("v1", File.ReadAllText(_temp.Combine("m/versions/v1/id.txt")));
        Assert.Equal(new[] { "versions" }, Entries("m"));
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public void Should_Not_Fail_Removing_A_Link_That_Is_Already_Gone(string flavour)
    {
        var error = Record.Exception(() => Create(flavour).Remove(Stable));

        Assert.Null(error);
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public void Should_Refuse_To_Remove_A_Real_Directory(string flavour)
    {
        var precious = _temp.WriteFile("m/stable/saved_model.pb", "graph");

        Assert.Throws<IOException>(() => Create(flavour).Remove(Stable));

        Assert.Equal("graph", File.ReadAllText(precious));
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public void Should_Refuse_An_Absolute_Target(string flavour)
    {
        var absolute = _temp.Combine("m/versions/v1");

        var error = Assert.Throws<ArgumentException>(() => Create(flavour).Point(Stable, absolute));

        Assert.StartsWith($"A link target must be a relative path without control characters, such as versions/v-20261128-101500; got '{absolute}'.", error.Message);
        Assert.Equal(FileKind.Missing, Posix.KindOf(Stable));
    }

    [Fact]
    public void Should_Store_A_Pointer_As_One_Slash_Separated_Line()
    {
        var links = new PointerFileServingLinks();

        links.Point(Stable, "versions\\v1");

        Assert.Equal("versions/v1\n", File.ReadAllText(Stable));
        Assert.Equal("versions/v1", links.TargetOf(Stable));
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public void Should_Never_Show_A_Missing_Or_Half_Made_Link_While_Swapping_200_Times(string flavour)
    {
        // Given: a reader that resolves the label as fast as it can, the way a model server would
        var links = Create(flavour);
        links.Point(Stable, "versions/v1");
        var problems = new ConcurrentQueue<string>();
        var reads = 0;
        var started = new ManualResetEventSlim();
        var done = false;
        var reader = new Thread(() =>
        {
            while (!Volatile.Read(ref done))
            {
                try
                {
                    // The cheap check first, so the reader looks far more often than it reads a file.
                    if (links.TargetOf(Stable) is not ("versions/v1" or "versions/v2"))
                    {
                        problems.Enqueue("the label was missing or half made");
                    }

                    var id = ReadThrough(links, Stable);
                    if (id is not ("v1" or "v2"))
                    {
                        problems.Enqueue($"read '{id}'");
                    }
                }
                catch (Exception e)
                {
                    problems.Enqueue(e.GetType().Name + ": " + e.Message);
                }

                reads++;
                started.Set();
            }
        });
        reader.Start();
        Assert.True(started.Wait(TimeSpan.FromMinutes(1)), "the reader thread never ran");

        // When
        for (var i = 0; i < 200; i++)
        {
            links.Point(Stable, i % 2 == 0 ? "versions/v2" : "versions/v1");
        }

        Volatile.Write(ref done, true);
        reader.Join();

        // Then
        Assert.Empty(problems);
        Assert.True(reads > 1, $"the reader resolved the label only {reads} time(s)");
        Assert.Equal("versions/v1", links.TargetOf(Stable));
        Assert.Equal(new[] { "stable", "versions" }, Entries("m"));
    }

    [Fact]
    public void Should_Use_Symlinks_Everywhere_But_Windows()
    {
        var links = ServingLinks.ForCurrentPlatform();

        Assert.IsType(OperatingSystem.IsWindows() ? typeof(PointerFileServingLinks) : typeof(SymlinkServingLinks), links);
    }

    private static ServingLinks Create(string flavour) => flavour switch
    {
        "symlink" => new SymlinkServingLinks(),
        "pointer" => new PointerFileServingLinks(),
        _ => throw new ArgumentOutOfRangeException(nameof(flavour), flavour, "unknown flavour"),
    };

    /// <summary>
    /// Reads id.txt of the version a link names: through the symlink itself (as TF Serving would) or, for a
    /// pointer file, by resolving its text against the link's directory.
    /// </summary>
    private static string ReadThrough(ServingLinks links, string link)
    {
        if (links is SymlinkServingLinks)
        {
            if (!Directory.Exists(link))
            {
                return "<missing>";
            }

            return File.ReadAllText(Path.Combine(link, "id.txt"));
        }

        var target = links.TargetOf(link);
        return target is null ? "<missing>" : File.ReadAllText(Path.Combine(Path.GetDirectoryName(link)!, target, "id.txt"));
    }

    private string[] Entries(string relative) =>
        Directory.GetFileSystemEntries(_temp.Combine(relative)).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
}
