namespace ModelRelease;

/// <summary>How a version's dataset version was found.</summary>
public enum DatasetVersionSource
{
    /// <summary>Given explicitly (<c>--dataset-version</c>).</summary>
    Given,

    /// <summary>The md5 DVC recorded for the dataset in <c>dvc.lock</c> or its <c>.dvc</c> file.</summary>
    Dvc,

    /// <summary>A fingerprint of the dataset directory: relative paths, sizes and contents.</summary>
    Fingerprint,

    /// <summary>No dataset was named; recorded as <c>unknown</c>.</summary>
    Unknown,
}
