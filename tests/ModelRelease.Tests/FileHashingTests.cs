using System.Security.Cryptography;
using ModelRelease.Internal;
using ModelRelease.Tests.Fixtures;

namespace ModelRelease.Tests;

public sealed class FileHashingTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Should_Hash_A_File_Larger_Than_The_Buffer_Exactly()
    {
        // Given: several 1 MiB buffers' worth, with a length that is not a multiple of the buffer
        var bytes = new byte[(3 * 1024 * 1024) + 321];
        new Random(3).NextBytes(bytes);
        var path = _temp.WriteFile("weights.bin", bytes);

        // When
        var entry = FileHashing.HashFile(path, "variables/weights.bin");

        // Then
        Assert.Equal(new ManifestEntry("variables/weights.bin", bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))), entry);
    }

    [Fact]
    public void Should_Hash_An_Empty_File()
    {
        var path = _temp.WriteFile("_SUCCESS", []);

        var entry = FileHashing.HashFile(path, "_SUCCESS");

        Assert.Equal(new ManifestEntry("_SUCCESS", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), entry);
    }

    [Fact]
    public void Should_Write_Every_Byte_It_Hashes_To_The_Copy()
    {
        var bytes = new byte[(2 * 1024 * 1024) + 5];
        new Random(5).NextBytes(bytes);
        using var input = new MemoryStream(bytes);
        using var copy = new MemoryStream();

        var entry = FileHashing.Hash(input, "data.bin", copyTo: copy);

        Assert.Equal(bytes, copy.ToArray());
        Assert.Equal(new ManifestEntry("data.bin", bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))), entry);
    }
}
