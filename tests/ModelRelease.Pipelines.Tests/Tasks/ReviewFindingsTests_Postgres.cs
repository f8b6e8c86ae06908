using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="ReviewFindingsTests"/> on a fresh PostgreSQL database.</summary>
public sealed class ReviewFindingsTests_Postgres() : ReviewFindingsTests(StoreKind.Postgres);
