using System.Runtime.Versioning;
using ModelRelease.Internal;
using ModelRelease.Tests.Fixtures;

namespace ModelRelease.Tests;

public sealed class AtomicFileTests : IDisposable
{
    private static readonly DateTime LongAgo = new(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Config => _temp.Combine("models.config");

    [Fact]
    public void Should_Create_A_Missing_File_And_Report_A_Change()
    {
        var changed = AtomicFile.WriteAllTextIfChanged(Config, "model_config_list {}\n");

        Assert.True(changed);
        Assert.Equal("model_config_list {}\n", File.ReadAllText(Config));
    }

    [Fact]
    public void Should_Report_No_Change_And_Not_Touch_A_File_That_Already_Holds_The_Content()
    {
        // Given
        File.WriteAllText(Config, "same\n");
        File.SetLastWriteTimeUtc(Config, LongAgo);

        // When
        var changed = AtomicFile.WriteAllTextIfChanged(Config, "same\n");

        // Then
        Assert.False(changed);
        Assert.Equal(LongAgo, File.GetLastWriteTimeUtc(Config));
        Assert.Equal(new[] { Config }, Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void Should_Replace_Different_Content()
    {
        File.WriteAllText(Config, "old\n");

        var changed = AtomicFile.WriteAllTextIfChanged(Config, "new\n");

        Assert.True(changed);
        Assert.Equal("new\n", File.ReadAllText(Config));
    }

    [Fact]
    public void Should_Treat_Different_Line_Endings_As_A_Change()
    {
        File.WriteAllText(Config, "a\nb\n");

        var changed = AtomicFile.WriteAllTextIfChanged(Config, "a\r\nb\n");

        Assert.True(changed);
        Assert.Equal("a\r\nb\n"u8.ToArray(), File.ReadAllBytes(Config));
    }

    [Fact]
    public void Should_Write_Utf8_Without_A_Bom_Keeping_Line_Endings_As_Given()
    {
        AtomicFile.WriteAllTextIfChanged(Config, "résumé\r\nok\n");

        Assert.Equal("résumé\r\nok\n"u8.ToArray(), File.ReadAllBytes(Config));
    }

    [Fact]
    public void Should_Write_An_Empty_File_Once()
    {
        Assert.True(AtomicFile.WriteAllTextIfChanged(Config, string.Empty));
        Assert.False(AtomicFile.WriteAllTextIfChanged(Config, string.Empty));
        Assert.Equal(0, new FileInfo(Config).Length);
    }

    [Fact]
    public void Should_Leave_No_Temporary_File_Behind()
    {
        File.WriteAllText(Config, "old");

        AtomicFile.WriteAllTextIfChanged(Config, "new");

        Assert.Equal(new[] { Config }, Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void Should_Remove_The_Temporary_File_And_Keep_The_Target_When_The_Rename_Fails()
    {
        // Given: the target is a non-empty directory, which a file can never be renamed over
        var kept = _temp.WriteFile("models.config/keep.txt", "precious");

        // When
        var error = Assert.Throws<IOException>(() => AtomicFile.WriteAllTextIfChanged(Config, "new"));

        // Then
        Assert.Contains($"to '{Config}'", error.Message);
        Assert.Equal("precious", File.ReadAllText(kept));
        Assert.Equal(new[] { Config }, Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void Should_Throw_And_Create_Nothing_When_The_Directory_Is_Missing()
    {
        var path = _temp.Combine("missing/models.config");

        Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.WriteAllTextIfChanged(path, "x"));

        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [UnixFact]
    [UnsupportedOSPlatform("windows")]
    public void Should_Keep_The_Permission_Bits_Of_The_File_It_Replaces()
    {
        // Given
        File.WriteAllText(Config, "old");
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(Config, mode);

        // When
        AtomicFile.WriteAllTextIfChanged(Config, "new");

        // Then
        Assert.Equal(mode, File.GetUnixFileMode(Config));
    }

    [UnixFact]
    public void Should_Replace_The_Inode_So_Open_Readers_Keep_The_Old_Content()
    {
        // Given: a reader that opened the old file before the write
        File.WriteAllText(Config, "old content");
        using var reader = new StreamReader(Config);

        // When
        AtomicFile.WriteAllTextIfChanged(Config, "new content");

        // Then: the rename swapped whole files; nothing was written into the one being read
        Assert.Equal("old content", reader.ReadToEnd());
        Assert.Equal("new content", File.ReadAllText(Config));
    }
}
