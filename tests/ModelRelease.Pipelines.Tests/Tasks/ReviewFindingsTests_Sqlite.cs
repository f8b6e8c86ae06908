using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="ReviewFindingsTests"/> on a SQLite file in the serving root.</summary>
public sealed class ReviewFindingsTests_Sqlite() : ReviewFindingsTests(StoreKind.Sqlite);
