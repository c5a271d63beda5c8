using System.Diagnostics.CodeAnalysis;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Standards;
using SanLing.Domain.Subjects;

namespace SanLing.Bench.County;

/// <summary>Where generated rows go: prepared INSERTs on SQLite, binary COPY on PostgreSQL.</summary>
internal interface IRowSink : IDisposable
{
    void Add(Table table, object?[] values);

    /// <summary>Writes what is buffered, moves the identity sequences past the generated ids, commits.</summary>
    void Complete(IReadOnlyDictionary<string, int> lastIds);
}

/// <summary>
/// One town's five years (2021–2025) of records, written with explicit ids (unique across the county's one database) so
/// PostgreSQL can take them by COPY: monthly inspections for every grid (or the subject itself), about one in ten finding
/// a dispute and one in twelve a hazard (most closed within the month), petitions, accidents, cases, key persons with
/// quarterly follow-ups, rental houses, and each year's attestations.
/// </summary>
[SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "Synthetic benchmark data.")]
internal sealed class Generator(IRowSink sink)
{
    public const int FirstYear = 2021;
    public const int LastYear = 2025;

    private readonly Dictionary<string, int> _lastIds = Table.All.ToDictionary(t => t.Name, _ => 0);
    private readonly RuleSet _ruleSet = DefaultRuleSet.Create2020();
    private readonly DateTimeOffset _created = new(2025, 12, 31, 16, 0, 0, TimeSpan.Zero);

    public long Rows { get; private set; }

    public IReadOnlyDictionary<string, int> LastIds => _lastIds;

    public void Town(int townId, int subjectCount)
    {
        var random = new Random(townId * 7919);

        int Add(Table table, params object?[] values)
        {
            var id = ++_lastIds[table.Name];
            sink.Add(table, [id, .. values, townId, Guid.NewGuid(), _created]);
            Rows++;
            return id;
        }

        var territoryCount = Math.Max(2, subjectCount / 40);
        var territories = new List<int>();
        for (var i = 0; i < subjectCount; i++)
        {
            var isTerritory = i < territoryCount;
            var kind = isTerritory ? (i % 3 == 0 ? SubjectKind.Community : SubjectKind.Village) : (i % 4 == 0 ? SubjectKind.Unit : SubjectKind.Enterprise);
            var code = $"T{townId:00}S{i:000000}";
            var subjectId = Add(Table.Subjects, code, $"单位{i}", (int)kind, isTerritory ? null : territories[random.Next(territories.Count)], "张三", random.NextDouble() < 0.005 ? null : "李四");
            if (isTerritory)
            {
                territories.Add(subjectId);
            }
            var gridCount = isTerritory ? 4 : (random.NextDouble() < 0.2 ? 2 : 0);
            var grids = new List<int?>();
            for (var g = 0; g < gridCount; g++)
            {
                grids.Add(Add(Table.Grids, $"{code}-G{g}", $"网格{g}", subjectId, random.NextDouble() < 0.01 ? null : "王五"));
            }
            if (grids.Count == 0)
            {
                grids.Add(null);
            }
            for (var year = FirstYear; year <= LastYear; year++)
            {
                Year(year, i, subjectId, kind, grids);
            }
        }

        void Year(int year, int i, int subjectId, SubjectKind kind, List<int?> grids)
        {
            for (var m = 1; m <= 12; m++)
            {
                var month = new DateOnly(year, m, 1);
                foreach (var grid in grids)
                {
                    if (random.NextDouble() < 0.002)
                    {
                        continue;
                    }
                    var dispute = random.NextDouble() < 0.10;
                    var hazard = random.NextDouble() < 0.08;
                    var inspectionId = Add(Table.Inspections, subjectId, grid, month, month.AddDays(20), 2, false, !(dispute || hazard), 0);
                    if (dispute)
                    {
                        var roll = random.NextDouble();
                        (int Status, DateOnly? ClosedOn) closing = roll < 0.9 ? (2, month.AddDays(25)) : roll < 0.95 ? (1, null) : (3, null);
                        Add(Table.Findings, inspectionId, 1, 1 + random.Next(5), null, "邻里因宅基地边界发生争执，已约双方到村委会调解", false, random.NextDouble() < 0.02, null, closing.Status, closing.ClosedOn);
                    }
                    if (hazard)
                    {
                        var rectified = random.NextDouble() < 0.92;
                        Add(Table.Findings, inspectionId, 2, null, 1 + random.Next(6), "仓库灭火器过期，消防通道堆放杂物", false, false, month.AddDays(30),
                            rectified ? 5 : 4, rectified ? month.AddDays(20) : null);
                    }
                }
            }
            var tag = $"{year}-{subjectId}";
            if (random.NextDouble() < 0.02)
            {
                Add(Table.Petitions, $"XF-{tag}", subjectId, new DateOnly(year, random.Next(1, 13), 1), random.Next(1, 5), 1, 3, new DateOnly(year, 12, 20), random.NextDouble() < 0.2, false);
            }
            if (random.NextDouble() < 0.01)
            {
                Add(Table.Accidents, $"SG-{tag}", subjectId, new DateOnly(year, random.Next(1, 13), 2), 4, 0, 1, 0.5m, true, random.NextDouble() < 0.2);
            }
            if (random.NextDouble() < 0.01)
            {
                Add(Table.Cases, $"AJ-{tag}", subjectId, new DateOnly(year, random.Next(1, 13), 3), 2, false, false);
            }
            if (random.NextDouble() < 0.1 / (LastYear - FirstYear + 1))
            {
                var personId = Add(Table.KeyPersons, $"ZD-{tag}", "某某", "cipher", $"hash-{tag}", "3301**********1234", 3, subjectId, new DateOnly(year, 1, 1), true);
                for (var y = year; y <= LastYear; y++)
                {
                    for (var q = 0; q < 4; q++)
                    {
                        if (random.NextDouble() < 0.99)
                        {
                            Add(Table.FollowUps, personId, new DateOnly(y, q * 3 + 1, 10), "帮教员");
                        }
                    }
                }
            }
            if (year == FirstYear && random.NextDouble() < 0.5)
            {
                Add(Table.RentalHouses, $"CZ-{tag}", subjectId, "某路1号", 3, true, new DateOnly(year, 1, 1));
            }
            foreach (var item in _ruleSet.AttestedItemsFor(kind))
            {
                Add(Table.Attestations, subjectId, year, item.Code, random.NextDouble() < 0.003 ? 2 : 1);
            }
        }
    }

    public void Complete() => sink.Complete(_lastIds);
}
