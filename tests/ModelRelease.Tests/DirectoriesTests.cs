using ModelRelease.Internal;
using ModelRelease.Tests.Fixtures;

namespace ModelRelease.Tests;

/// <summary>Making directories that another job may remove while they are still empty.</summary>
public sealed class DirectoriesTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Should_Make_The_Directory_Again_When_It_Vanishes_Before_The_Entry_Is_In_It()
    {
        // Given a directory that another job removes, empty, right after it is made the first time
        var journal = _temp.Combine(".modelrelease/journal");
        var attempts = 0;
        string Put()
        {
            if (attempts++ == 0)
            {
                Directory.Delete(journal);
            }

            var entry = Path.Combine(journal, "entry.json");
            File.WriteAllText(entry, "{}");
            return entry;
        }

        // When an entry is put in it
        var written = Directories.Within(journal, Put);

        // Then the directory was made again and the entry is there
        Assert.Equal(2, attempts);
        Assert.Equal("{}", File.ReadAllText(written));
    }

    [Fact]
    public void Should_Not_Try_Again_When_The_Entry_Fails_In_A_Directory_That_Is_There()
    {
        var journal = _temp.Combine("journal");
        var attempts = 0;

        var error = Assert.Throws<IOException>(() => Directories.Within<bool>(journal, () =>
        {
            attempts++;
            throw new IOException("disk full");
        }));

        Assert.Equal(1, attempts);
        Assert.Equal("disk full", error.Message);
    }

    [Fact]
    public void Should_Refuse_To_Make_A_New_Directory_Whose_Name_Is_Taken()
    {
        var taken = _temp.CreateDirectory("versions/.incoming");

        var error = Assert.Throws<IOException>(() => Directories.CreateNew(taken));

        Assert.Contains($"Could not make the directory '{taken}'", error.Message, StringComparison.Ordinal);
    }
}
