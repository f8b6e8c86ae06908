using System.Security.Cryptography;
using System.Text;

namespace ModelRelease.Tests.Fixtures;

/// <summary>Datasets and DVC hashes shared by the dataset version tests.</summary>
internal static class DatasetFixture
{
    public const string DirMd5 = "a304afb96060aad90176268345e10355.dir";
    public const string FileMd5 = "d8e8fca2dc0f896fd7cb4cb0031ba249";

    /// <summary>Writes <paramref name="files"/> under <paramref name="relative"/> and returns the dataset's full path.</summary>
    public static string WriteDataset(TempDirectory temp, string relative, params (string Path, string Content)[] files)
    {
        var root = temp.CreateDirectory(relative);
        foreach (var (path, content) in files)
        {
            temp.WriteFile(Path.Combine(relative, path), content);
        }

        return root;
    }

    /// <summary>The documented digest, computed here without the library: sorted "path\tsize\tsha256\n" lines.</summary>
    public static string Fingerprint(params (string Path, string Content)[] files)
    {
        var listing = new StringBuilder();
        foreach (var (path, content) in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            var bytes = Encoding.UTF8.GetBytes(content);
            listing.Append($"{path}\t{bytes.Length}\t{Convert.ToHexStringLower(SHA256.HashData(bytes))}\n");
        }

        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(listing.ToString())));
    }
}
