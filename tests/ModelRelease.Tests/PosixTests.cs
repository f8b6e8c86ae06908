using System.Diagnostics;
using ModelRelease.Internal;
using ModelRelease.Tests.Fixtures;

namespace ModelRelease.Tests;

public sealed class PosixTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Should_Report_A_Regular_File_As_Regular()
    {
        var file = _temp.WriteFile("saved_model.pb", "x");

        Assert.Equal(FileKind.Regular, Posix.KindOf(file));
    }

    [Fact]
    public void Should_Report_A_Directory_As_Directory()
    {
        var directory = _temp.CreateDirectory("variables");

        Assert.Equal(FileKind.Directory, Posix.KindOf(directory));
    }

    [UnixFact]
    public void Should_Report_A_Symlink_To_A_Directory_As_A_Symlink_Without_Following_It()
    {
        // Given
        _temp.CreateDirectory("versions/v1");
        var link = _temp.Combine("stable");
        File.CreateSymbolicLink(link, "versions/v1");

        // When / Then
        Assert.Equal(FileKind.Symlink, Posix.KindOf(link));
    }

    [UnixFact]
    public void Should_Report_A_Dangling_Symlink_As_A_Symlink_Not_Missing()
    {
        var link = _temp.Combine("dangling");
        File.CreateSymbolicLink(link, "nowhere");

        Assert.Equal(FileKind.Symlink, Posix.KindOf(link));
    }

    [UnixFact]
    public void Should_Report_A_Fifo()
    {
        var fifo = _temp.Combine("pipe");
        SpecialFiles.MakeFifo(fifo);

        Assert.Equal(FileKind.Fifo, Posix.KindOf(fifo));
    }

    [UnixFact]
    public void Should_Report_Dev_Null_As_A_Character_Device()
    {
        Assert.Equal(FileKind.CharacterDevice, Posix.KindOf("/dev/null"));
    }

    [UnixFact]
    public void Should_Report_A_Unix_Socket()
    {
        var path = _temp.Combine("serving.sock");
        using var socket = SpecialFiles.BindSocket(path);

        Assert.Equal(FileKind.Socket, Posix.KindOf(path));
    }

    [Fact]
    public void Should_Report_A_Missing_Path_As_Missing()
    {
        Assert.Equal(FileKind.Missing, Posix.KindOf(_temp.Combine("no-such-file")));
    }

    [Fact]
    public void Should_Report_A_Path_Below_A_Regular_File_As_Missing()
    {
        _temp.WriteFile("file", "x");

        Assert.Equal(FileKind.Missing, Posix.KindOf(_temp.Combine("file/child")));
    }

    [LinuxFact]
    public void Should_Agree_With_Find_On_Every_Entry_Of_Dev()
    {
        // Given: GNU find's own lstat as an independent oracle, over real devices, links and directories
        var expected = new Dictionary<char, FileKind>
        {
            ['f'] = FileKind.Regular,
            ['d'] = FileKind.Directory,
            ['l'] = FileKind.Symlink,
            ['p'] = FileKind.Fifo,
            ['c'] = FileKind.CharacterDevice,
            ['b'] = FileKind.BlockDevice,
            ['s'] = FileKind.Socket,
        };
        var listing = Run("find", "/dev", "-mindepth", "1", "-maxdepth", "1", "-printf", "%y %p\\n");

        // When
        var mismatches = new List<string>();
        var checkedKinds = new HashSet<FileKind>();
        foreach (var line in listing.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var path = line[2..];
            var actual = Posix.KindOf(path);
            if (actual == FileKind.Missing)
            {
                continue; // a transient entry (a pty, a hot-plugged device) went away between find and us
            }

            checkedKinds.Add(actual);
            if (actual != expected[line[0]])
            {
                mismatches.Add($"{path}: find says {line[0]}, KindOf says {actual}");
            }
        }

        // Then
        Assert.Empty(mismatches);
        Assert.Contains(FileKind.CharacterDevice, checkedKinds);
        Assert.Contains(FileKind.Directory, checkedKinds);
    }

    [UnixFact]
    public void Should_Rename_Over_A_Symlink_To_A_Directory()
    {
        // Given: the label swap File.Move cannot do
        _temp.CreateDirectory("versions/v1");
        _temp.CreateDirectory("versions/v2");
        var stable = _temp.Combine("stable");
        var next = _temp.Combine(".stable.tmp");
        File.CreateSymbolicLink(stable, "versions/v1");
        File.CreateSymbolicLink(next, "versions/v2");

        // When
        Posix.Rename(next, stable);

        // Then
        Assert.Equal("versions/v2", new FileInfo(stable).LinkTarget);
        Assert.Equal(FileKind.Missing, Posix.KindOf(next));
        Assert.Equal(FileKind.Directory, Posix.KindOf(_temp.Combine("versions/v1")));
    }

    [Fact]
    public void Should_Rename_Over_An_Existing_File()
    {
        var target = _temp.WriteFile("models.config", "old");
        var temp = _temp.WriteFile(".models.config.tmp", "new");

        Posix.Rename(temp, target);

        Assert.Equal("new", File.ReadAllText(target));
        Assert.False(File.Exists(temp));
    }

    [UnixFact]
    public void Should_Throw_An_IOException_Naming_Both_Paths_And_The_Reason_When_Rename_Fails()
    {
        var from = _temp.Combine("missing");
        var to = _temp.Combine("target");

        var error = Assert.Throws<IOException>(() => Posix.Rename(from, to));

        Assert.Equal($"Could not rename '{from}' to '{to}': No such file or directory", error.Message);
    }

    [Fact]
    public void Should_Refuse_A_Path_With_A_Nul_Character()
    {
        var error = Assert.Throws<ArgumentException>(() => Posix.KindOf(_temp.Combine("a\0b")));

        Assert.Contains("contains a NUL character", error.Message);
    }

    [Fact]
    public void Should_Sync_An_Existing_Directory_Without_Error()
    {
        var directory = _temp.CreateDirectory("versions");

        var error = Record.Exception(() => Posix.FsyncDirectory(directory));

        Assert.Null(error);
    }

    [UnixFact]
    public void Should_Throw_An_IOException_Naming_A_Missing_Directory_To_Sync()
    {
        var missing = _temp.Combine("missing");

        var error = Assert.Throws<IOException>(() => Posix.FsyncDirectory(missing));

        Assert.Equal($"Could not open directory '{missing}' to sync it: No such file or directory", error.Message);
    }

    [UnixFact]
    public void Should_Refuse_To_Sync_A_Regular_File_As_A_Directory()
    {
        // O_DIRECTORY differs by architecture; a wrong value would open the file and sync it quietly.
        var file = _temp.WriteFile("file", "x");

        var error = Assert.Throws<IOException>(() => Posix.FsyncDirectory(file));

        Assert.Equal($"Could not open directory '{file}' to sync it: Not a directory", error.Message);
    }

    private static string Run(string fileName, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(fileName, arguments) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }

    [Fact]
    public void Should_Make_A_Directory_Without_Making_A_Missing_Parent()
    {
        var made = Path.Combine(_temp.CreateDirectory("versions"), ".incoming");
        var orphan = _temp.Combine("gone/.incoming");

        Assert.True(Posix.MakeDirectory(made));
        Assert.False(Posix.MakeDirectory(orphan));

        Assert.Equal(FileKind.Directory, Posix.KindOf(made));
        Assert.Equal(FileKind.Missing, Posix.KindOf(_temp.Combine("gone")));
    }

    [Fact]
    public void Should_Refuse_To_Make_A_Directory_Whose_Name_Is_Taken()
    {
        var taken = _temp.WriteFile("versions/.incoming", "x");

        var error = Assert.Throws<IOException>(() => Posix.MakeDirectory(taken));

        Assert.Contains($"Could not make the directory '{taken}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(FileKind.Regular, Posix.KindOf(taken));
    }
}
