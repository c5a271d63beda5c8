using SanLing.Domain.Inspections;
using SanLing.Domain.Subjects;
using static SanLing.Infrastructure.Seed.Demo.SeedDates;

namespace SanLing.Infrastructure.Seed.Demo;

/// <summary>The one planned fault of some subject-years, drawn before any ledger row so every builder can honour it.</summary>
internal static class FaultPlanner
{
    /// <summary>
    /// Decides which subjects fail which year and why. Most subject-years are clean; a controlled number get
    /// exactly one kind of fault, so the rates land near the targets: about 2 of 25 villages/communities and
    /// 4–6 % of enterprises/units fail each year, improving year by year.
    /// </summary>
    internal static void PlanFaults(SeedRun run)
    {
        for (var year = run.FirstYear; year <= run.CurrentYear; year++)
        {
            var day = run.EvaluationDay(year);
            var evaluated = run.Subjects.Where(s => s.Subject.IsActiveOn(day)).ToList();
            var territories = evaluated.Where(s => s.IsTerritory && !s.FailsEveryYear).ToList();
            var entities = evaluated.Where(s => !s.IsTerritory && !s.FailsEveryYear).ToList();

            // The current year has had only part of its incidents so far.
            var elapsed = year == run.CurrentYear ? run.Today.DayOfYear / 365.0 : 1;
            var territoryFaults = year == run.FirstYear || year == run.CurrentYear ? 2 : 1;
            var entityRate = year == run.CurrentYear ? 0.03
                : year == run.FirstYear ? 0.05
                : year == run.FirstYear + 1 ? 0.04
                : 0.022;
            foreach (var seed in run.Sample(territories, (int)Math.Round(territoryFaults * elapsed)))
            {
                PlanFault(run, seed, year);
            }
            foreach (var seed in run.Sample(entities, (int)Math.Round(entities.Count * entityRate * elapsed)))
            {
                PlanFault(run, seed, year);
            }
            // Subjects failing every year anyway carry extra incidents: more to see, no change to the rates.
            foreach (var seed in evaluated.Where(s => s.FailsEveryYear))
            {
                if (run.Chance((seed.IsTerritory ? 0.9 : 0.5) * elapsed))
                {
                    PlanFault(run, seed, year);
                }
            }
        }
    }

    private static void PlanFault(SeedRun run, SubjectSeed seed, int year)
    {
        var months = Completeness.RequiredMonths(year, run.LastDueMonth, seed.Subject.EstablishedOn, seed.Subject.DissolvedOn);
        var lateMonths = months.Skip(Math.Max(0, months.Count - 4)).ToList();
        var yearStart = new DateOnly(year, 1, 1);
        var quiet = seed.Persons.Where(p => p.Person.IsActiveIn(yearStart, new DateOnly(year, 12, 31))
            && Max(p.Person.ListedOn, yearStart) <= run.LastDay).ToList();
        var registered = seed.Houses.Where(h => h.IsRegistered).ToList();
        var territory = seed.IsTerritory;

        var options = new List<(FaultKind Kind, int Weight)>
        {
            (FaultKind.Case, territory ? 12 : 14),
            (FaultKind.Accident, territory ? 12 : 20),
            (FaultKind.Petition, territory ? 22 : 14),
        };
        if (months.Count > 0)
        {
            options.Add((FaultKind.MissingMonth, territory ? 10 : 12));
            options.Add((FaultKind.UnresolvedHazard, territory ? 10 : 12));
            options.Add((FaultKind.OpenDispute, territory ? 12 : 4));
        }
        if (quiet.Count > 0)
        {
            options.Add((FaultKind.NoFollowUp, territory ? 8 : 6));
        }
        // A late registration fails every earlier year too (houses carry no start date): only the first year.
        if (year == run.FirstYear && registered.Count > 0 && new DateOnly(year + 1, 1, 8) <= run.LastDay)
        {
            options.Add((FaultKind.UnregisteredRental, territory ? 8 : 4));
        }
        if (year < run.CurrentYear)
        {
            options.Add((FaultKind.FailedAttestation, territory ? 12 : 14));
        }

        var fault = new Fault(run.WeightedPick(options, o => o.Weight).Kind);
        switch (fault.Kind)
        {
            case FaultKind.MissingMonth:
                fault.Month = run.Pick(months);
                fault.UnitIndex = run.Random.Next(Math.Max(1, seed.Grids.Count));
                break;
            case FaultKind.UnresolvedHazard:
            case FaultKind.OpenDispute:
                fault.Month = run.Pick(lateMonths);
                fault.UnitIndex = run.Random.Next(Math.Max(1, seed.Grids.Count));
                break;
            case FaultKind.NoFollowUp:
                run.Pick(quiet).SilentYears.Add(year);
                break;
            case FaultKind.UnregisteredRental:
                var house = run.Pick(registered);
                house.RegisteredOn = run.DayBetween(new DateOnly(year + 1, 1, 8), Min(new DateOnly(year + 1, 3, 31), run.LastDay));
                break;
            case FaultKind.FailedAttestation:
                fault.ItemCode = run.Pick(run.AttestedItems[seed.Subject.Kind]).Code;
                break;
        }
        seed.Faults[year] = fault;
    }
}
