using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Standards;
using SanLing.Domain.Subjects;

namespace SanLing.Bench;

/// <summary>Writes a synthetic town straight into SQLite with prepared commands inside one transaction.</summary>
[SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "Synthetic benchmark data.")]
[SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Fixed SQL built from constant column lists.")]
internal static class Generator
{
    private const int Year = 2025;

    /// <summary>Loads the town; returns the number of rows written.</summary>
    public static long Load(string path, int townId, int subjectCount)
    {
        var random = new Random(2025);
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;";
            pragma.ExecuteNonQuery();
        }
        using var tx = connection.BeginTransaction();
        var created = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        long rows = 0;

        Insert Prepare(string table, params string[] columns)
        {
            var all = columns.Concat(["TownId", "Version", "CreatedAt"]).ToArray();
            var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = $"INSERT INTO {table} ({string.Join(",", all)}) VALUES ({string.Join(",", all.Select(c => "$" + c))}); SELECT last_insert_rowid();";
            foreach (var c in all)
            {
                command.Parameters.Add(new SqliteParameter("$" + c, null));
            }
            command.Prepare();
            return new Insert(command, townId, created, () => rows++);
        }

        var territoryCount = Math.Max(2, subjectCount / 40);
        var subjectInsert = Prepare("Subjects", "Code", "Name", "Kind", "TerritoryId", "PrincipalName", "LeaderInChargeName");
        var gridInsert = Prepare("Grids", "Code", "Name", "SubjectId", "WorkerName");
        var inspectionInsert = Prepare("Inspections", "SubjectId", "GridId", "Month", "InspectedOn", "Status", "IsLate", "NothingFound");
        var findingInsert = Prepare("Findings", "InspectionId", "Type", "DisputeCategory", "HazardCategory", "Description", "RiskOfCriminalEscalation", "RiskOfGroupIncident", "RectifyBy", "Status", "ClosedOn");
        var petitionInsert = Prepare("Petitions", "Number", "SubjectId", "OccurredOn", "Kind", "PetitionerCount", "Status", "ResolvedOn", "IsImpactful", "IsMajor");
        var accidentInsert = Prepare("Accidents", "Number", "SubjectId", "OccurredOn", "Category", "Deaths", "Injuries", "LossTenThousandYuan", "IsImpactful", "IsMajor");
        var caseInsert = Prepare("Cases", "Number", "SubjectId", "OccurredOn", "Kind", "IsImpactful", "IsMajor");
        var personInsert = Prepare("KeyPersons", "Number", "Name", "IdNumberCipher", "IdNumberHash", "IdNumberMasked", "Category", "SubjectId", "ListedOn", "HasAssistancePlan");
        var followUpInsert = Prepare("FollowUps", "KeyPersonId", "VisitedOn", "VisitedBy");
        var rentalInsert = Prepare("RentalHouses", "Number", "SubjectId", "Address", "TenantCount", "IsRegistered", "RegisteredOn");
        var attestationInsert = Prepare("Attestations", "SubjectId", "Year", "ItemCode", "Result");
        var ruleSet = DefaultRuleSet.Create2020();

        var territories = new List<long>();
        for (var i = 0; i < subjectCount; i++)
        {
            var isTerritory = i < territoryCount;
            var kind = isTerritory ? (i % 3 == 0 ? SubjectKind.Community : SubjectKind.Village) : (i % 4 == 0 ? SubjectKind.Unit : SubjectKind.Enterprise);
            var code = $"S{i:000000}";
            var subjectId = subjectInsert.Run(code, $"单位{i}", (int)kind, isTerritory ? null : territories[random.Next(territories.Count)], "张三", random.NextDouble() < 0.005 ? null : "李四");
            if (isTerritory)
            {
                territories.Add(subjectId);
            }
            var gridCount = isTerritory ? 4 : (random.NextDouble() < 0.2 ? 2 : 0);
            var grids = new List<long?>();
            for (var g = 0; g < gridCount; g++)
            {
                grids.Add(gridInsert.Run($"{code}-G{g}", $"网格{g}", subjectId, random.NextDouble() < 0.01 ? null : "王五"));
            }
            if (grids.Count == 0)
            {
                grids.Add(null);
            }
            for (var m = 1; m <= 12; m++)
            {
                var month = new DateOnly(Year, m, 1);
                foreach (var grid in grids)
                {
                    if (random.NextDouble() < 0.002)
                    {
                        continue;
                    }
                    // About one inspection in ten finds a dispute and one in twelve a hazard; most are closed within the month.
                    var dispute = random.NextDouble() < 0.10;
                    var hazard = random.NextDouble() < 0.08;
                    var inspectionId = inspectionInsert.Run(subjectId, grid, Day(month), Day(month.AddDays(20)), 2, 0, dispute || hazard ? 0 : 1);
                    if (dispute)
                    {
                        var roll = random.NextDouble();
                        (int Status, string? ClosedOn) closing = roll < 0.9 ? (2, (string?)Day(month.AddDays(25))) : roll < 0.95 ? (1, null) : (3, null);
                        findingInsert.Run(inspectionId, 1, 1 + random.Next(5), null, "邻里因宅基地边界发生争执，已约双方到村委会调解", 0, random.NextDouble() < 0.02 ? 1 : 0, null, closing.Status, closing.ClosedOn);
                    }
                    if (hazard)
                    {
                        var rectified = random.NextDouble() < 0.92;
                        findingInsert.Run(inspectionId, 2, null, 1 + random.Next(6), "仓库灭火器过期，消防通道堆放杂物", 0, 0, Day(month.AddDays(30)),
                            rectified ? 5 : 4, rectified ? Day(month.AddDays(20)) : null);
                    }
                }
            }
            if (random.NextDouble() < 0.02)
            {
                petitionInsert.Run($"XF-{i}", subjectId, Day(new DateOnly(Year, random.Next(1, 13), 1)), random.Next(1, 5), 1, 3, Day(new DateOnly(Year, 12, 20)), random.NextDouble() < 0.2 ? 1 : 0, 0);
            }
            if (random.NextDouble() < 0.01)
            {
                accidentInsert.Run($"SG-{i}", subjectId, Day(new DateOnly(Year, random.Next(1, 13), 2)), 4, 0, 1, "0.5", 1, random.NextDouble() < 0.2 ? 1 : 0);
            }
            if (random.NextDouble() < 0.01)
            {
                caseInsert.Run($"AJ-{i}", subjectId, Day(new DateOnly(Year, random.Next(1, 13), 3)), 2, 0, 0);
            }
            if (random.NextDouble() < 0.1)
            {
                var personId = personInsert.Run($"ZD-{i}", "某某", "cipher", $"hash-{i}", "3301**********1234", 3, subjectId, Day(new DateOnly(2023, 1, 1)), 1);
                for (var q = 0; q < 4; q++)
                {
                    if (random.NextDouble() < 0.99)
                    {
                        followUpInsert.Run(personId, Day(new DateOnly(Year, q * 3 + 1, 10)), "帮教员");
                    }
                }
            }
            if (random.NextDouble() < 0.5)
            {
                rentalInsert.Run($"CZ-{i}", subjectId, "某路1号", 3, 1, Day(new DateOnly(2024, 1, 1)));
            }
            foreach (var item in ruleSet.AttestedItemsFor(kind))
            {
                attestationInsert.Run(subjectId, Year, item.Code, random.NextDouble() < 0.003 ? 2 : 1);
            }
        }
        tx.Commit();
        return rows;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class Insert(SqliteCommand command, int townId, long created, Action counted)
    {
        public long Run(params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }
            command.Parameters[values.Length].Value = townId;
            command.Parameters[values.Length + 1].Value = Guid.NewGuid().ToString().ToUpperInvariant();
            command.Parameters[values.Length + 2].Value = created;
            counted();
            return (long)command.ExecuteScalar()!;
        }
    }
}
