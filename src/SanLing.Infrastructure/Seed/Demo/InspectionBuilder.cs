using SanLing.Domain.Common;
using SanLing.Domain.Inspections;
using SanLing.Domain.Subjects;
using static SanLing.Infrastructure.Seed.Demo.DemoWords;
using static SanLing.Infrastructure.Seed.Demo.SeedDates;

namespace SanLing.Infrastructure.Seed.Demo;

/// <summary>
/// Monthly inspections with routine findings that close within days, the planned faults (missing months, hazards and
/// disputes left open), and this year's open work for the office's lists.
/// </summary>
internal static class InspectionBuilder
{
    /// <summary>Every grid's (or subject's) inspections from the first seeded year to now, with their findings.</summary>
    internal static (List<Inspection> Inspections, int Findings) Build(SeedRun run)
    {
        var inspections = new List<Inspection>(80_000);
        var recent = new List<(Inspection Inspection, SubjectSeed Subject)>();
        var recentFrom = run.CurrentMonth.AddMonths(-4);
        foreach (var seed in run.Subjects)
        {
            var units = seed.Grids.Count > 0 ? seed.Grids.ConvertAll(g => (Grid?)g) : [null];
            for (var month = MonthPeriod.Of(run.FirstYear, 1); month <= run.CurrentMonth; month = month.AddMonths(1))
            {
                if (!Completeness.IsRequired(month, seed.Subject.EstablishedOn, seed.Subject.DissolvedOn))
                {
                    continue;
                }
                seed.Faults.TryGetValue(month.Year, out var fault);
                for (var u = 0; u < units.Count; u++)
                {
                    var targeted = fault is not null && fault.Month == month && fault.UnitIndex == u;
                    if (targeted && fault!.Kind == FaultKind.MissingMonth)
                    {
                        continue;
                    }
                    // A few of last month's inspections are overdue: the office's chase list.
                    if (!targeted && month == run.LastDueMonth && month.Year == run.CurrentYear && run.Chance(0.006))
                    {
                        continue;
                    }
                    var inspection = NewInspection(run, seed, units[u], month, targeted);
                    if (inspection is null)
                    {
                        continue;
                    }
                    var inMonth = inspection.InspectedOn < month.AddMonths(1);
                    if (inMonth)
                    {
                        AddRoutineFindings(run, seed, inspection);
                    }
                    if (targeted)
                    {
                        inspection.Findings.Add(FaultFinding(run, seed, inspection, fault!.Kind));
                    }
                    if (inMonth && month >= recentFrom && month.Year == run.CurrentYear)
                    {
                        recent.Add((inspection, seed));
                    }
                    inspections.Add(inspection);
                }
            }
        }
        AddWorkListFindings(run, recent);

        var findings = 0;
        foreach (var inspection in inspections)
        {
            inspection.NothingFound = inspection.Findings.Count == 0;
            findings += inspection.Findings.Count;
        }
        return (inspections, findings);
    }

    /// <summary>
    /// One grid's (or the subject's) inspection of a month, or null when it has not been done yet. Most are
    /// inspected late in the month or early the next, about 3 % after the due day; months not yet due are
    /// mostly still open.
    /// </summary>
    private static Inspection? NewInspection(SeedRun run, SubjectSeed seed, Grid? grid, DateOnly month, bool inMonth)
    {
        var due = MonthPeriod.DueDate(month, SeedRun.DueDay);
        var monthEnd = month.AddMonths(1).AddDays(-1);
        DateOnly inspectedOn;
        if (due >= run.Today)
        {
            var share = month == run.CurrentMonth ? (seed.IsDemoScope ? 0 : 0.12) : 0.75;
            if (month > run.LastDay || !run.Chance(share))
            {
                return null;
            }
            inspectedOn = run.DayBetween(Min(month.AddDays(14), run.LastDay), Min(due, run.LastDay));
        }
        else
        {
            var r = run.Random.NextDouble();
            if (!inMonth && r < 0.03)
            {
                inspectedOn = Min(due.AddDays(run.Between(1, 12)), run.LastDay);
            }
            else if (inMonth || r < 0.78)
            {
                inspectedOn = run.DayBetween(month.AddDays(17), monthEnd);
            }
            else
            {
                inspectedOn = run.DayBetween(monthEnd.AddDays(1), due);
            }
        }
        return new Inspection
        {
            SubjectId = seed.Subject.Id,
            GridId = grid?.Id,
            Month = month,
            InspectedOn = inspectedOn,
            Inspector = grid?.WorkerName ?? seed.Subject.ContactPerson,
            Status = InspectionStatus.Submitted,
            SubmittedAt = run.At(inspectedOn, run.Between(8 * 60 + 30, 19 * 60 + 30)),
            IsLate = MonthPeriod.IsLate(month, inspectedOn, SeedRun.DueDay),
        };
    }

    /// <summary>Everyday findings, closed within days and never after the year's end (so they do not fail the year).</summary>
    private static void AddRoutineFindings(SeedRun run, SubjectSeed seed, Inspection inspection)
    {
        if (!run.Chance(seed.IsTerritory ? 0.10 : 0.02))
        {
            return;
        }
        var yearEnd = new DateOnly(inspection.Month.Year, 12, 31);
        for (var k = run.Chance(0.25) ? 2 : 1; k > 0; k--)
        {
            var found = inspection.InspectedOn;
            var isDispute = run.Chance(seed.IsTerritory ? 0.6 : 0.2);
            var finding = isDispute ? NewDispute(run, seed) : NewHazard(run, seed, found, run.Pick(RectifyDays));
            var closed = Min(found.AddDays(isDispute ? run.Between(1, 25) : run.Between(1, finding.RectifyBy!.Value.DayNumber - found.DayNumber)), yearEnd);
            Close(run, finding, closed);
            inspection.Findings.Add(finding);
        }
    }

    /// <summary>The planned failure of a subject-year: a hazard or dispute still open on 31 Dec (or now, this year).</summary>
    private static Finding FaultFinding(SeedRun run, SubjectSeed seed, Inspection inspection, FaultKind kind)
    {
        var found = inspection.InspectedOn;
        var year = inspection.Month.Year;
        var finding = kind == FaultKind.UnresolvedHazard
            ? NewHazard(run, seed, found, run.Between(20, 45))
            : NewDispute(run, seed);
        if (kind == FaultKind.UnresolvedHazard && run.Chance(0.5))
        {
            finding.RiskLevel = RiskLevel.Larger;
        }
        if (year == run.CurrentYear)
        {
            finding.RiskOfCriminalEscalation = kind == FaultKind.OpenDispute && run.Chance(0.2);
            return finding;
        }
        if (kind == FaultKind.OpenDispute && run.Chance(0.35))
        {
            // 上报: handed to the town; never resolved at this level.
            finding.Status = FindingStatus.Escalated;
            return finding;
        }
        Close(run, finding, run.DayBetween(new DateOnly(year + 1, 1, 5), new DateOnly(year + 1, 3, 31)));
        return finding;
    }

    /// <summary>Resolves/rectifies a finding on that day, or leaves it open when the day has not come yet.</summary>
    private static void Close(SeedRun run, Finding finding, DateOnly day)
    {
        if (day > run.LastDay)
        {
            return;
        }
        finding.ClosedOn = day;
        if (finding.Type == FindingType.Dispute)
        {
            finding.Status = FindingStatus.Resolved;
            finding.ResolutionMethod = run.WeightedPick(ResolutionWeights, w => w.Weight).Method;
        }
        else
        {
            finding.Status = FindingStatus.Rectified;
        }
    }

    private static Finding NewDispute(SeedRun run, SubjectSeed seed)
    {
        var weights = seed.Subject.Kind switch
        {
            SubjectKind.Village => VillageDisputeWeights,
            SubjectKind.Community => CommunityDisputeWeights,
            _ => EntityDisputeWeights,
        };
        var category = run.WeightedPick(weights, w => w.Weight).Category;
        var parties = category switch
        {
            DisputeCategory.Wages => seed.IsTerritory
                ? $"{run.PersonName()}等{run.Between(2, 9)}人与{run.PersonName()}"
                : $"{run.PersonName()}等{run.Between(1, 12)}名员工与{seed.Subject.Name}",
            DisputeCategory.Property => $"{run.Between(2, 30)}户业主与{run.Pick(EstateStems)}{run.Pick(EstateSuffixes)}物业",
            _ => $"{run.PersonName()}与{run.PersonName()}",
        };
        return new Finding
        {
            Type = FindingType.Dispute,
            DisputeCategory = category,
            Description = run.Pick(DisputeDescriptions[category]),
            Parties = parties,
            Status = FindingStatus.Mediating,
        };
    }

    private static Finding NewHazard(SeedRun run, SubjectSeed seed, DateOnly found, int daysToRectify)
    {
        var weights = seed.Subject.Kind switch
        {
            SubjectKind.Enterprise => EnterpriseHazardWeights,
            SubjectKind.Unit => UnitHazardWeights,
            _ => TerritoryHazardWeights,
        };
        var category = run.WeightedPick(weights, w => w.Weight).Category;
        var r = run.Random.NextDouble();
        return new Finding
        {
            Type = FindingType.Hazard,
            HazardCategory = category,
            Description = run.Pick(HazardDescriptions[category]),
            RiskLevel = r < 0.8 ? RiskLevel.General : r < 0.97 ? RiskLevel.Larger : RiskLevel.Major,
            RectifyBy = found.AddDays(daysToRectify),
            Status = FindingStatus.Rectifying,
        };
    }

    /// <summary>Open disputes (some at risk of escalating) and overdue hazards of the last months, for the office's daily list.</summary>
    private static void AddWorkListFindings(SeedRun run, List<(Inspection Inspection, SubjectSeed Subject)> recent)
    {
        var territorial = recent.Where(r => r.Subject.IsTerritory).ToList();
        var disputes = run.Sample(territorial, 7);
        for (var i = 0; i < disputes.Count; i++)
        {
            var dispute = NewDispute(run, disputes[i].Subject);
            dispute.RiskOfCriminalEscalation = i is 0 or 1;
            dispute.RiskOfGroupIncident = i is 2 or 3;
            if (i == 4)
            {
                dispute.Status = FindingStatus.Escalated;
            }
            disputes[i].Inspection.Findings.Add(dispute);
        }

        var ripe = recent.Where(r => r.Inspection.InspectedOn.DayNumber <= run.Today.DayNumber - 20).ToList();
        foreach (var (inspection, subject) in run.Sample(ripe, 8))
        {
            var found = inspection.InspectedOn;
            var hazard = NewHazard(run, subject, found, run.Between(7, Math.Min(15, run.Today.DayNumber - found.DayNumber - 2)));
            inspection.Findings.Add(hazard);
        }
    }
}
