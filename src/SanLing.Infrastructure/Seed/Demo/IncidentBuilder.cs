using SanLing.Domain.Ledgers;
using SanLing.Domain.Subjects;
using static SanLing.Infrastructure.Seed.Demo.DemoWords;
using static SanLing.Infrastructure.Seed.Demo.SeedDates;

namespace SanLing.Infrastructure.Seed.Demo;

/// <summary>The 三零 ledgers: petitions (with last year's backlog), accidents and cases, some flagged major or impactful.</summary>
internal static class IncidentBuilder
{
    /// <summary>The petitions, accidents and cases of the planned faults, numbered per year in date order.</summary>
    internal static (List<Petition> Petitions, List<Accident> Accidents, List<SecurityCase> Cases) Build(SeedRun run)
    {
        var petitions = new List<Petition>();
        var accidents = new List<Accident>();
        var cases = new List<SecurityCase>();
        for (var year = run.FirstYear; year <= run.CurrentYear; year++)
        {
            var yearPetitions = new List<Petition>();
            var yearAccidents = new List<Accident>();
            var yearCases = new List<(SecurityCase Case, SubjectSeed Subject)>();
            foreach (var seed in run.Subjects)
            {
                if (!seed.Faults.TryGetValue(year, out var fault))
                {
                    continue;
                }
                switch (fault.Kind)
                {
                    case FaultKind.Petition:
                        for (var k = run.Chance(seed.IsTerritory ? 0.4 : 0.15) ? 2 : 1; k > 0; k--)
                        {
                            yearPetitions.Add(NewPetition(run, seed, year));
                        }
                        break;
                    case FaultKind.Accident:
                        for (var k = run.Chance(0.15) ? 2 : 1; k > 0; k--)
                        {
                            yearAccidents.Add(NewAccident(run, seed, year));
                        }
                        break;
                    case FaultKind.Case:
                        for (var k = run.Chance(0.2) ? 2 : 1; k > 0; k--)
                        {
                            yearCases.Add((NewCase(run, seed, year), seed));
                        }
                        break;
                }
            }
            if (year == run.CurrentYear - 1 && yearPetitions.Count > 0 && yearPetitions.TrueForAll(p => p.Status == PetitionStatus.Resolved))
            {
                // At least one of last year's petitions is still open: a backlog case (积案) on this year's list.
                var latest = yearPetitions.MaxBy(p => p.OccurredOn)!;
                latest.Status = PetitionStatus.Handling;
                latest.ResolvedOn = null;
            }
            LinkOffenders(run, year, yearCases);
            FlagIncidents(run, yearPetitions, yearAccidents, yearCases.ConvertAll(c => c.Case));

            petitions.AddRange(Numbered(yearPetitions, "XF", year));
            accidents.AddRange(Numbered(yearAccidents, "SG", year));
            cases.AddRange(Numbered(yearCases.ConvertAll(c => c.Case), "AJ", year));
        }
        return (petitions, accidents, cases);
    }

    /// <summary>Numbers a year's ledger in date order: XF-2025-001, XF-2025-002…</summary>
    private static List<T> Numbered<T>(List<T> incidents, string prefix, int year) where T : Incident
    {
        var ordered = incidents.OrderBy(i => i.OccurredOn).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Number = $"{prefix}-{year}-{i + 1:000}";
        }
        return ordered;
    }

    private static Petition NewPetition(SeedRun run, SubjectSeed seed, int year)
    {
        var date = IncidentDate(run, seed.Subject, year);
        var r = run.Random.NextDouble();
        var kind = r < 0.45 ? PetitionKind.Individual : r < 0.65 ? PetitionKind.Collective : r < 0.85 ? PetitionKind.Repeated : PetitionKind.SkipLevel;
        var petition = new Petition
        {
            Number = "",
            SubjectId = seed.Subject.Id,
            OccurredOn = date,
            Kind = kind,
            PetitionerCount = kind switch
            {
                PetitionKind.Collective => run.Between(5, 40),
                PetitionKind.Individual => 1,
                _ => run.Between(1, 4),
            },
            Matter = run.Pick(seed.Subject.Kind switch
            {
                SubjectKind.Enterprise => EnterprisePetitionMatters,
                SubjectKind.Unit => UnitPetitionMatters,
                _ => TerritoryPetitionMatters,
            }),
            LeaderInCharge = run.Pick(run.Leaders),
        };

        DateOnly? resolved;
        if (year < run.CurrentYear)
        {
            // Most are resolved in the year; some early next year; a few of last year's are still open (积案 now).
            var s = run.Random.NextDouble();
            resolved = s < 0.55 ? Min(date.AddDays(run.Between(7, 60)), new DateOnly(year, 12, 31))
                : s < 0.75 || year < run.CurrentYear - 1 ? run.DayBetween(new DateOnly(year + 1, 1, 10), new DateOnly(year + 1, 4, 30))
                : null;
        }
        else
        {
            var age = run.LastDay.DayNumber - date.DayNumber;
            resolved = age >= 10 && run.Chance(0.5) ? date.AddDays(run.Between(5, age)) : null;
        }
        if (resolved is { } day && day <= run.LastDay)
        {
            petition.Status = PetitionStatus.Resolved;
            petition.ResolvedOn = day;
        }
        else
        {
            petition.Status = run.LastDay.DayNumber - date.DayNumber < 10 ? PetitionStatus.Received
                : run.Chance(0.25) ? PetitionStatus.Escalated
                : PetitionStatus.Handling;
        }
        return petition;
    }

    private static Accident NewAccident(SeedRun run, SubjectSeed seed, int year)
    {
        var weights = seed.Subject.Kind switch
        {
            SubjectKind.Enterprise => EnterpriseAccidentWeights,
            SubjectKind.Unit => UnitAccidentWeights,
            _ => TerritoryAccidentWeights,
        };
        var category = run.WeightedPick(weights, w => w.Weight).Category;
        return new Accident
        {
            Number = "",
            SubjectId = seed.Subject.Id,
            OccurredOn = IncidentDate(run, seed.Subject, year),
            Category = category,
            Deaths = run.Chance(0.06) ? 1 : 0,
            Injuries = run.Between(0, 3),
            LossTenThousandYuan = Math.Round((decimal)(0.2 + Math.Pow(run.Random.NextDouble(), 2) * 40), 2),
            Summary = run.Pick(AccidentSummaries[category]),
        };
    }

    private static SecurityCase NewCase(SeedRun run, SubjectSeed seed, int year)
    {
        var kind = run.Chance(0.35) ? CaseKind.Criminal : CaseKind.PublicSecurity;
        return new SecurityCase
        {
            Number = "",
            SubjectId = seed.Subject.Id,
            OccurredOn = IncidentDate(run, seed.Subject, year),
            Kind = kind,
            Facts = run.Pick(CaseFacts[kind]),
        };
    }

    /// <summary>
    /// One or two cases a year were committed by a listed key person (item 4.2 of the person's subject). When
    /// the person belongs to another subject, it is one that fails that year anyway, so the rates stay as planned.
    /// </summary>
    private static void LinkOffenders(SeedRun run, int year, List<(SecurityCase Case, SubjectSeed Subject)> cases)
    {
        foreach (var (securityCase, seed) in run.Sample(cases, run.Between(1, 2)))
        {
            var day = securityCase.OccurredOn;
            var pool = seed.Persons.Where(p => p.Person.IsActiveIn(day, day)).ToList();
            if (pool.Count == 0 || run.Chance(0.4))
            {
                var others = run.Persons.Where(p => p.Owner != seed && p.Person.IsActiveIn(day, day)
                    && (p.Owner.FailsEveryYear || p.Owner.Faults.ContainsKey(year))).ToList();
                if (others.Count > 0)
                {
                    pool = others;
                }
            }
            if (pool.Count == 0)
            {
                continue;
            }
            securityCase.OffenderKeyPersonId = run.Pick(pool).Person.Id;
            securityCase.Facts = "涉案人员系列管重点人员，" + securityCase.Facts;
        }
    }

    /// <summary>1–2 major incidents a year (accountability review) and a few impactful ones (one-vote veto).</summary>
    private static void FlagIncidents(SeedRun run, List<Petition> petitions, List<Accident> accidents, List<SecurityCase> cases)
    {
        var all = new List<Incident>(petitions.Count + accidents.Count + cases.Count);
        all.AddRange(accidents);
        all.AddRange(petitions);
        all.AddRange(cases);
        if (all.Count == 0)
        {
            return;
        }
        var serious = all.Where(i => i is Accident { Deaths: > 0 } or Petition { Kind: PetitionKind.Collective } or SecurityCase { Kind: CaseKind.Criminal }).ToList();
        foreach (var incident in run.Sample(serious.Count > 0 ? serious : all, run.Between(1, 2)))
        {
            incident.IsMajor = true;
            incident.IsImpactful = true;
            if (incident is Accident accident)
            {
                accident.Deaths = Math.Max(accident.Deaths, 1);
                accident.LossTenThousandYuan += 50;
            }
        }
        foreach (var incident in run.Sample(all.Where(i => !i.IsMajor).ToList(), run.Between(1, 3)))
        {
            incident.IsImpactful = true;
        }
    }

    /// <summary>A day of the year on which the subject existed, not after yesterday.</summary>
    private static DateOnly IncidentDate(SeedRun run, Subject subject, int year)
    {
        var from = Max(new DateOnly(year, 1, 1), subject.EstablishedOn ?? DateOnly.MinValue);
        var to = Min(new DateOnly(year, 12, 31), run.LastDay);
        return to < from ? from : run.DayBetween(from, to);
    }
}
